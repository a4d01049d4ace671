package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.client.ModelMonitor;
import io.vigil.client.VigilExporter;
import io.vigil.server.api.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's contract with the server: what {@code vigil-client} sends is accepted event for event, counted,
 * and its features are profiled so drift is computed against a reference.
 */
class ClientContractIT {

  @TempDir
  Path dataDir;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(int port, String method, String path, String type, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (type != null) {
      b.header("Content-Type", type);
    }
    return http.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyRecordedPredictionIsCountedAndProfiled() throws Exception {
    try (VigilServer server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 16 << 20, dataDir))) {
      int port = server.port();
      Random random = new Random(11);
      StringBuilder reference = new StringBuilder("income,channel\n");
      for (int i = 0; i < 3000; i++) {
        reference.append(50 + 10 * random.nextGaussian()).append(',').append(random.nextBoolean() ? "web" : "app")
            .append('\n');
      }
      assertThat(send(port, "PUT", "/api/v1/models/loan/versions/v1/reference", "text/csv", reference.toString())
          .statusCode()).isEqualTo(200);

      VigilExporter exporter = VigilExporter.builder(URI.create("http://127.0.0.1:" + port)).batchSize(200)
          .maxDelay(Duration.ofMillis(100)).closeTimeout(Duration.ofSeconds(20)).build();
      int n = 2500;
      try (ModelMonitor monitor = ModelMonitor.builder("loan").version("v1").meterRegistry(new SimpleMeterRegistry())
          .exporter(exporter).build()) {
        for (int i = 0; i < n; i++) {
          Map<String, Object> features = new LinkedHashMap<>();
          features.put("income", 65 + 10 * random.nextGaussian());   // shifted by 1.5 standard deviations
          features.put("channel", random.nextBoolean() ? "web" : "app");
          double p = random.nextDouble();
          monitor.record(features, p > 0.5 ? "approve" : "deny", Map.of("approve", p, "deny", 1 - p),
              Duration.ofMillis(3 + random.nextInt(20)));
        }
      }
      assertThat(exporter.sent()).isEqualTo(n);
      assertThat(exporter.dropped()).isZero();

      JsonNode model = Json.MAPPER.readTree(send(port, "GET", "/api/v1/models/loan", null, null).body());
      assertThat(model.path("versions").path("v1").path("count").asLong()).isEqualTo(n);
      JsonNode drift = Json.MAPPER.readTree(send(port, "GET", "/api/v1/models/loan/drift?version=v1", null, null).body());
      assertThat(drift.path("current").path("rows").asLong()).isEqualTo(n);
      assertThat(drift.path("features").get(0).path("name").asText()).isEqualTo("income");
      assertThat(drift.path("features").get(0).path("drifted").asBoolean()).isTrue();
      assertThat(drift.path("features").get(1).path("drifted").asBoolean()).isFalse();
      JsonNode stats = Json.MAPPER.readTree(send(port, "GET", "/api/v1/models/loan/stats?version=v1", null, null)
          .body()).path("total");
      assertThat(stats.path("latency_p50_ms").asDouble()).isBetween(3.0, 23.0);
    }
  }

  @Test
  void labelsSentByTheClientJoinTheirPredictions() throws Exception {
    try (VigilServer server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 16 << 20, dataDir))) {
      int port = server.port();
      assertThat(send(port, "PUT", "/api/v1/models/loan", "application/json", "{\"task\": \"binary_classification\","
          + " \"classes\": [\"approve\", \"deny\"], \"positive_class\": \"deny\"}").statusCode()).isEqualTo(200);
      VigilExporter exporter = VigilExporter.builder(URI.create("http://127.0.0.1:" + port)).batchSize(100)
          .maxDelay(Duration.ofMillis(100)).closeTimeout(Duration.ofSeconds(20)).build();
      Random random = new Random(12);
      int n = 600;
      int right = 0;
      try (ModelMonitor monitor = ModelMonitor.builder("loan").version("v1").meterRegistry(new SimpleMeterRegistry())
          .exporter(exporter).build()) {
        java.util.List<java.util.UUID> ids = new java.util.ArrayList<>();
        java.util.List<String> predicted = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
          double p = random.nextDouble();
          String prediction = p > 0.5 ? "approve" : "deny";
          ids.add(monitor.record(Map.of("income", 50 + 10 * random.nextGaussian()), prediction,
              Map.of("approve", p, "deny", 1 - p), Duration.ofMillis(5)));
          predicted.add(prediction);
        }
        for (int i = 0; i < n; i++) {
          String truth = random.nextDouble() < 0.8 ? predicted.get(i) : (predicted.get(i).equals("approve") ? "deny" : "approve");
          right += truth.equals(predicted.get(i)) ? 1 : 0;
          monitor.label(ids.get(i), truth);
        }
      }
      assertThat(exporter.dropped()).isZero();
      JsonNode p = Json.MAPPER.readTree(send(port, "GET", "/api/v1/models/loan/performance?version=v1", null, null)
          .body());
      assertThat(p.path("labeled").asLong()).isEqualTo(n);
      assertThat(p.path("label_coverage").asDouble()).isEqualTo(1.0);
      assertThat(p.path("realized").path("accuracy").asDouble()).isEqualTo((double) right / n);
    }
  }
}
