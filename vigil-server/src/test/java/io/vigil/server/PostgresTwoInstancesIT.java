package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.api.Json;
import io.vigil.server.config.VigilConfig;
import io.vigil.server.storage.LocalPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers sharing one PostgreSQL over HTTP ingest alone: each stores and counts what it is sent, and either
 * answers for both, including a model only the other has seen (it learns it from the store).
 */
class PostgresTwoInstancesIT {

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  private VigilServer start(String url, String instance) {
    return VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 1 << 20, dir.resolve(instance), 4,
        VigilConfig.DEFAULTS, new VigilServer.Deployment(url, instance, null)));
  }

  private void post(VigilServer server, String model, String prefix, int n) throws IOException, InterruptedException {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("{\"id\": \"").append(prefix).append(i).append("\", \"model\": \"")
          .append(model).append("\", \"features\": {\"x\": ").append(i).append("}}");
    }
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/api/v1/predictions")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(b.append("]").toString())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private long count(VigilServer server, String model) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/api/v1/models/" + model + "/stats?from=-1h&to=now")).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      return -r.statusCode();
    }
    JsonNode total = Json.MAPPER.readTree(r.body()).path("total");
    return total.path("count").asLong();
  }

  @Test
  void eitherInstanceAnswersForBoth() throws Exception {
    String url = LocalPostgres.shared().newDatabase();
    try (VigilServer b = start(url, "b")) {
      try (VigilServer a = start(url, "a")) {
        post(a, "web", "a-", 300);
        post(b, "web", "b-", 200);
        post(a, "only-a", "x-", 100);
        post(b, "web", "a-", 50);   // ids a already stored: duplicates, on whichever instance they arrive
        assertThat(count(b, "only-a")).as("before a's checkpoint b has never heard of it").isNegative();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
            count(a, "web") == 500 && count(b, "web") == 500 && count(a, "only-a") == 100 && count(b, "only-a") == 100);
      }
      // a has stopped (after a last checkpoint): b still answers for everything a counted
      assertThat(count(b, "web")).isEqualTo(500);
      assertThat(count(b, "only-a")).isEqualTo(100);
    }
  }
}
