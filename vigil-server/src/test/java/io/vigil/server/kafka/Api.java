package io.vigil.server.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.api.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The HTTP API of one Vigil instance, as the scale-out tests read it: usage totals over the test's hours. */
final class Api {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final int port;
  private final Instant start;

  Api(int port, Instant start) {
    this.port = port;
    this.start = start;
  }

  String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    return r.statusCode() == 200 ? r.body() : null;
  }

  /** Posts a JSON body; returns the answer whatever its status. */
  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The JSON answer of a GET, or null when it was not 200. */
  JsonNode json(String path) throws IOException, InterruptedException {
    String body = get(path);
    return body == null ? null : Json.MAPPER.readTree(body);
  }

  /** Uploads a CSV reference for the default version of a model; returns the status code. */
  int putReference(String model, String csv) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/models/" + model
        + "/versions/default/reference")).header("Content-Type", "text/csv")
        .PUT(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** The drift report of a model's default version over the two hours around the test's start. */
  JsonNode drift(String model) throws IOException, InterruptedException {
    String body = get("/api/v1/models/" + model + "/drift?from=" + start.minus(Duration.ofHours(2)).toEpochMilli()
        + "&to=" + start.plus(Duration.ofHours(1)).toEpochMilli());
    return body == null ? null : Json.MAPPER.readTree(body);
  }

  /** The stats API's {@code total} of a model over the two hours around the test's start; null without data. */
  JsonNode stats(String model) throws IOException, InterruptedException {
    String body = get("/api/v1/models/" + model + "/stats?from=" + start.minus(Duration.ofHours(2)).toEpochMilli()
        + "&to=" + start.plus(Duration.ofHours(1)).toEpochMilli());
    return body == null ? null : Json.MAPPER.readTree(body).path("total");
  }

  /** Events counted for these models, summed. */
  long total(List<String> models) throws IOException, InterruptedException {
    long n = 0;
    for (String m : models) {
      JsonNode total = stats(m);
      n += total == null ? 0 : total.path("count").asLong();
    }
    return n;
  }

  String metrics() throws IOException, InterruptedException {
    String body = get("/metrics");
    return body == null ? "" : body;
  }
}
