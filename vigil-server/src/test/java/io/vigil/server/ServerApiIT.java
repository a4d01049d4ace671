package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.api.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real server on a free loopback port, called over real HTTP. */
class ServerApiIT {

  @org.junit.jupiter.api.io.TempDir
  java.nio.file.Path dataDir;

  private VigilServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  /** Starts the server under test ({@code PostgresServerApiIT} runs these tests on the PostgreSQL store). */
  VigilServer serve(VigilServer.Options options) {
    return VigilServer.start(options);
  }

  @BeforeEach
  void start() {
    server = serve(new VigilServer.Options("127.0.0.1", 0, false, 64 * 1024, dataDir));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private HttpResponse<String> send(String method, String path, String contentType, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    return Json.MAPPER.readTree(r.body());
  }

  static String event(int i, String version) {
    return "{\"id\": \"r-" + i + "\", \"model\": \"fraud\", \"version\": \"" + version + "\", \"features\":"
        + " {\"amount\": " + i + ".5, \"country\": \"DE\"}, \"prediction\": \"" + (i % 3 == 0 ? "fraud" : "ok")
        + "\", \"scores\": {\"fraud\": 0.3, \"ok\": 0.7}, \"latency_ms\": 12}";
  }

  @Test
  void acceptsABatchAndCountsItInMetrics() throws Exception {
    HttpResponse<String> r = send("POST", "/api/v1/predictions", "application/json",
        "[" + event(1, "v1") + "," + event(2, "v1") + "," + event(3, "v2") + "]");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).path("accepted").asInt()).isEqualTo(3);
    assertThat(json(r).path("ids").toString()).isEqualTo("[\"r-1\",\"r-2\",\"r-3\"]");
    String metrics = send("GET", "/metrics", null, null).body();
    assertThat(metrics).contains("vigil_predictions_total{model=\"fraud\",status=\"ok\",version=\"v1\"} 2.0")
        .contains("vigil_predictions_total{model=\"fraud\",status=\"ok\",version=\"v2\"} 1.0")
        .contains("vigil_predicted_class_total{class=\"fraud\",model=\"fraud\",version=\"v2\"} 1.0")
        .contains("vigil_prediction_confidence_bucket{model=\"fraud\",version=\"v1\",le=\"0.7\"} 2")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void ndjsonWithSomeBadEventsAcceptsTheGoodOnes() throws Exception {
    String body = event(1, "v1") + "\n{\"model\": \"fraud\", \"features\": {\"amount\": \"lots\"}}\n" + event(2, "v1");
    HttpResponse<String> r = send("POST", "/api/v1/predictions", "application/x-ndjson", body);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode a = json(r);
    assertThat(a.path("accepted").asInt()).isEqualTo(2);
    assertThat(a.path("rejected").get(0).path("index").asInt()).isEqualTo(1);
    assertThat(a.path("rejected").get(0).path("error").asText()).isEqualTo("features.amount: expected number, got string");
    assertThat(send("GET", "/metrics", null, null).body()).contains("vigil_ingest_rejected_total{reason=\"validation\"} 1.0");
  }

  @Test
  void malformedJsonIs400WithThePosition() throws Exception {
    HttpResponse<String> r = send("POST", "/api/v1/predictions", "application/json", "[{\"model\": ");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("error").asText()).contains("malformed JSON at line 1");
    assertThat(json(r).has("details")).isTrue();
  }

  @Test
  void aBatchWithNothingValidIs400() throws Exception {
    HttpResponse<String> r = send("POST", "/api/v1/predictions", "application/json", "[{\"features\": {}}]");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("rejected").get(0).path("error").asText()).isEqualTo("model: required");
  }

  @Test
  void wrongContentTypeIs415() throws Exception {
    HttpResponse<String> r = send("POST", "/api/v1/predictions", "text/csv", "a,b\n1,2\n");
    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(json(r).path("error").asText()).contains("text/csv");
  }

  @Test
  void aBodyOverTheLimitIs413() throws Exception {
    StringBuilder big = new StringBuilder("[");
    for (int i = 0; big.length() < 70 * 1024; i++) {
      big.append(i == 0 ? "" : ",").append(event(i, "v1"));
    }
    HttpResponse<String> r = send("POST", "/api/v1/predictions", "application/json", big.append("]").toString());
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(send("GET", "/metrics", null, null).body()).contains("vigil_ingest_rejected_total{reason=\"too_large\"} 1.0")
        .doesNotContain("vigil_predictions_total{");
  }

  @Test
  void modelsAreRegisteredByPutAndInferredOnFirstSight() throws Exception {
    HttpResponse<String> put = send("PUT", "/api/v1/models/churn", "application/json",
        "{\"task\": \"binary_classification\", \"classes\": [\"stay\", \"leave\"], \"positive_class\": \"leave\","
            + " \"features\": [{\"name\": \"tenure\", \"type\": \"numeric\"}]}");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    send("POST", "/api/v1/predictions", "application/json", "[" + event(1, "v1") + "]");
    JsonNode list = json(send("GET", "/api/v1/models", null, null)).path("models");
    assertThat(list).hasSize(2);
    JsonNode fraud = json(send("GET", "/api/v1/models/fraud", null, null));
    assertThat(fraud.path("declared").asBoolean()).isFalse();
    assertThat(fraud.path("features").toString()).contains("{\"name\":\"amount\",\"type\":\"numeric\"}");
    assertThat(fraud.path("versions").path("v1").path("count").asLong()).isEqualTo(1);
    assertThat(json(send("GET", "/api/v1/models/churn", null, null)).path("task").asText())
        .isEqualTo("binary_classification");
  }

  @Test
  void badModelDefinitionsNameTheField() throws Exception {
    assertThat(json(send("PUT", "/api/v1/models/m", "application/json", "{\"task\": \"ranking\"}")).path("error")
        .asText()).contains("task: expected binary_classification");
    assertThat(json(send("PUT", "/api/v1/models/m", "application/json",
        "{\"features\": [{\"name\": \"x\", \"type\": \"text\"}]}")).path("error").asText())
        .startsWith("features[0].type: unknown feature type 'text'");
    assertThat(send("PUT", "/api/v1/models/m", "application/json", "{\"features\": 3}").statusCode()).isEqualTo(400);
    assertThat(send("PUT", "/api/v1/models/m", "application/json", "not json").statusCode()).isEqualTo(400);
  }

  @Test
  void unknownModelAndRouteAre404() throws Exception {
    HttpResponse<String> model = send("GET", "/api/v1/models/nope", null, null);
    assertThat(model.statusCode()).isEqualTo(404);
    assertThat(json(model).path("error").asText()).isEqualTo("no model named 'nope'");
    HttpResponse<String> r = send("GET", "/api/v1/nothing", null, null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).path("error").asText()).contains("/api/v1/nothing");
  }

  @Test
  void strictServerRejectsUnknownModels() throws Exception {
    server.stop();
    server = serve(new VigilServer.Options("127.0.0.1", 0, true, 64 * 1024, dataDir.resolve("strict")));
    HttpResponse<String> r = send("POST", "/api/v1/predictions", "application/json", "[" + event(1, "v1") + "]");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("rejected").get(0).path("error").asText()).contains("unknown model 'fraud'");
  }

  @Test
  void aRestartReplaysTheLogAndKeepsDeclaredModels() throws Exception {
    send("PUT", "/api/v1/models/churn", "application/json", "{\"task\": \"regression\"}");
    send("POST", "/api/v1/predictions", "application/json", "[" + event(1, "v1") + "," + event(2, "v1") + "]");
    server.stop();
    server = serve(new VigilServer.Options("127.0.0.1", 0, false, 64 * 1024, dataDir));
    assertThat(json(send("GET", "/api/v1/models/fraud", null, null)).path("versions").path("v1").path("count")
        .asLong()).isEqualTo(2);
    assertThat(json(send("GET", "/api/v1/models/churn", null, null)).path("task").asText()).isEqualTo("regression");
    assertThat(send("GET", "/metrics", null, null).body())
        .contains("vigil_predictions_total{model=\"fraud\",status=\"ok\",version=\"v1\"} 2.0");
  }

  @Test
  void modelsDeclaredInVigilYamlAreThereFromTheStart() throws Exception {
    server.stop();
    io.vigil.server.config.VigilConfig config = io.vigil.server.config.VigilConfig.parse("""
        models:
          scoring: {task: binary_classification, classes: [no, yes], positive_class: yes,
                    features: [{name: income, type: numeric}, {name: region, type: categorical}]}
        """, "vigil.yaml");
    server = serve(new VigilServer.Options("127.0.0.1", 0, true, 64 * 1024, dataDir, 4, config));
    JsonNode scoring = json(send("GET", "/api/v1/models/scoring", null, null));
    assertThat(scoring.path("declared").asBoolean()).isTrue();
    assertThat(scoring.path("positive_class").asText()).isEqualTo("yes");
    assertThat(scoring.path("features").toString()).contains("income", "region");
    // strict: the declared model takes traffic, an unknown one does not
    assertThat(send("POST", "/api/v1/predictions", "application/json",
        "[{\"model\": \"scoring\", \"features\": {\"income\": 1, \"region\": \"n\"}}]").statusCode()).isEqualTo(200);
    assertThat(send("POST", "/api/v1/predictions", "application/json",
        "[{\"model\": \"other\", \"features\": {\"income\": 1}}]").body()).contains("other");
  }

  @Test
  void aRetriedBatchIsAcknowledgedAgainButCountedOnce() throws Exception {
    String batch = "[" + event(1, "v1") + "," + event(2, "v1") + "," + event(2, "v1") + "]";
    JsonNode first = json(send("POST", "/api/v1/predictions", "application/json", batch));
    JsonNode again = json(send("POST", "/api/v1/predictions", "application/json", batch));
    assertThat(first.path("accepted").asInt()).isEqualTo(3);
    assertThat(first.path("duplicates").asInt()).isEqualTo(1);
    assertThat(again.path("duplicates").asInt()).isEqualTo(3);
    assertThat(json(send("GET", "/api/v1/models/fraud", null, null)).path("versions").path("v1").path("count")
        .asLong()).isEqualTo(2);
    assertThat(send("GET", "/metrics", null, null).body())
        .contains("vigil_predictions_total{model=\"fraud\",status=\"ok\",version=\"v1\"} 2.0");
  }

  private HttpResponse<String> sendUnsized(String body) throws IOException, InterruptedException {
    // a body from a stream has no declared length: HTTP/1.1 sends it chunked
    HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/predictions"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofInputStream(() ->
            new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))).build();
    return http.send(r, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aBodyWithoutADeclaredLengthIsReadAsItComesAndStillLimited() throws Exception {
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 200; i++) {
      batch.append(i == 0 ? "" : ",").append(event(i, "v1"));
    }
    HttpResponse<String> r = sendUnsized(batch.append("]").toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).path("accepted").asInt()).isEqualTo(200);

    StringBuilder big = new StringBuilder("[");
    for (int i = 0; big.length() < 70 * 1024; i++) {
      big.append(i == 0 ? "" : ",").append(event(1000 + i, "v1"));
    }
    HttpResponse<String> tooBig = sendUnsized(big.append("]").toString());
    assertThat(tooBig.statusCode()).isEqualTo(413);
    assertThat(json(tooBig).path("error").asText()).contains("larger than the limit");
    assertThat(send("GET", "/metrics", null, null).body())
        .contains("vigil_predictions_total{model=\"fraud\",status=\"ok\",version=\"v1\"} 200.0");
  }

  @Test
  void concurrentSingleEventRequestsAreEachAnsweredForThemselvesAndCountedOnce() throws Exception {
    int clients = 16;
    int each = 40;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
    try {
      java.util.List<java.util.concurrent.Future<int[]>> results = new java.util.ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        results.add(pool.submit(() -> {
          int[] seen = new int[2];   // answers that said accepted 1, and duplicates
          for (int i = 0; i < each; i++) {
            // every client sends ids 0..each-1 of its own, and every fourth request repeats the one before
            int id = client * 1000 + (i % 4 == 3 ? i - 1 : i);
            JsonNode a = json(send("POST", "/api/v1/predictions", "application/json", event(id, "v1")));
            assertThat(a.path("ids").get(0).asText()).isEqualTo("r-" + id);
            seen[0] += a.path("accepted").asInt();
            seen[1] += a.path("duplicates").asInt();
          }
          return seen;
        }));
      }
      int accepted = 0;
      int duplicates = 0;
      for (java.util.concurrent.Future<int[]> f : results) {
        accepted += f.get()[0];
        duplicates += f.get()[1];
      }
      assertThat(accepted).isEqualTo(clients * each);
      assertThat(duplicates).isEqualTo(clients * each / 4);
    } finally {
      pool.shutdownNow();
    }
    int distinct = clients * each * 3 / 4;
    assertThat(json(send("GET", "/api/v1/models/fraud", null, null)).path("versions").path("v1").path("count")
        .asLong()).isEqualTo(distinct);
    assertThat(send("GET", "/metrics", null, null).body())
        .contains("vigil_predictions_total{model=\"fraud\",status=\"ok\",version=\"v1\"} " + distinct + ".0");
  }

  @Test
  void theIngestPathIsMatchedAsJavalinMatchesRoutesAndOtherMethodsFallThrough() throws Exception {
    assertThat(send("POST", "/api/v1/predictions/", "application/json", event(1, "v1")).statusCode()).isEqualTo(200);
    assertThat(send("POST", "/api/v1/predictionsX", "application/json", event(2, "v1")).statusCode())
        .isEqualTo(404);
    HttpResponse<String> get = send("GET", "/api/v1/predictions", null, null);
    assertThat(get.statusCode()).isIn(404, 405);
    assertThat(get.body()).contains("\"error\"");
  }

  @Test
  void aRefusedRequestsBodyIsReadSoTheConnectionServesTheNextRequest() throws Exception {
    StringBuilder body = new StringBuilder();
    while (body.length() < 60 * 1024) {
      body.append("a,b\n1,2\n");
    }
    for (int i = 0; i < 5; i++) {   // the client keeps its connection: each refusal must leave it clean
      HttpResponse<String> refused = send("POST", "/api/v1/predictions", "text/csv", body.toString());
      assertThat(refused.statusCode()).isEqualTo(415);
      assertThat(refused.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      HttpResponse<String> ok = send("POST", "/api/v1/predictions", "application/json", event(i, "v1"));
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    }
    assertThat(send("GET", "/metrics", null, null).body())
        .contains("vigil_ingest_rejected_total{reason=\"unsupported_media_type\"} 5.0");
  }

  @Test
  void healthAndOpenMetrics() throws Exception {
    assertThat(send("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/readyz", null, null).statusCode()).isEqualTo(200);
    HttpRequest om = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
        .header("Accept", "application/openmetrics-text; version=1.0.0").build();
    HttpResponse<String> r = http.send(om, HttpResponse.BodyHandlers.ofString());
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/openmetrics-text");
    assertThat(r.body()).endsWith("# EOF\n");
  }
}
