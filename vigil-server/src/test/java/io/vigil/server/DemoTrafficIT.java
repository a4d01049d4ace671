package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.api.Json;
import io.vigil.server.demo.TrafficSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's traffic against a real server: drift shows up in the drifted models and not in the calm one. */
class DemoTrafficIT {

  @TempDir
  Path dataDir;

  private final HttpClient http = HttpClient.newHttpClient();

  private JsonNode get(int port, String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    return Json.MAPPER.readTree(r.body());
  }

  @Test
  void theDemoShowsDriftWhereItWasInjected() throws Exception {
    try (VigilServer server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 16 << 20, dataDir));
        TrafficSimulator traffic = TrafficSimulator.start(URI.create("http://127.0.0.1:" + server.port()),
            Duration.ZERO, 100)) {
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> traffic.sent() >= 3 * 1000);
      JsonNode fraud = get(server.port(), "/api/v1/models/fraud/drift?from=-5m");
      assertThat(fraud.path("features").get(0).path("name").asText()).isEqualTo("amount");
      assertThat(fraud.path("features").get(0).path("drifted").asBoolean()).as(fraud.toString()).isTrue();
      assertThat(get(server.port(), "/api/v1/models/intent/drift?from=-5m").path("dataset_drift").asBoolean()).isTrue();
      assertThat(get(server.port(), "/api/v1/models/price/drift?from=-5m").path("drift_share").asDouble()).isZero();
      JsonNode stats = get(server.port(), "/api/v1/models/fraud/stats?from=-5m").path("total");
      assertThat(stats.path("count").asLong()).isGreaterThanOrEqualTo(1000);
      assertThat(stats.path("error_rate").asDouble()).isBetween(0.0, 0.06);
      assertThat(get(server.port(), "/api/v1/models").path("models")).hasSize(3);
    }
  }

  @Test
  void labelsFollowAndTheEstimateSeesTheAccuracyDropFirst() throws Exception {
    try (VigilServer server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 16 << 20, dataDir));
        TrafficSimulator traffic = TrafficSimulator.start(URI.create("http://127.0.0.1:" + server.port()),
            Duration.ofSeconds(4), 100, Duration.ofSeconds(2))) {
      Instant driftStarts = traffic.driftStarts();
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> traffic.labeled() >= 3 * 600
          && Instant.now().isAfter(driftStarts.plusSeconds(4)));
      Instant before = driftStarts.minusSeconds(60);
      String window = "from=" + before.toEpochMilli() + "&to=" + driftStarts.toEpochMilli();
      JsonNode calm = get(server.port(), "/api/v1/models/fraud/performance?" + window);
      JsonNode drifted = get(server.port(), "/api/v1/models/fraud/performance?from=" + driftStarts.plusSeconds(1)
          .toEpochMilli() + "&to=" + Instant.now().plusSeconds(60).toEpochMilli());
      assertThat(calm.path("labeled").asLong()).isPositive();
      // calibrated before the drift: the estimate agrees with the labels
      assertThat(calm.path("estimated").path("accuracy").asDouble())
          .isCloseTo(calm.path("realized").path("accuracy").asDouble(), org.assertj.core.data.Offset.offset(0.05));
      // after it, scores alone already show a lower accuracy
      assertThat(drifted.path("estimated").path("accuracy").asDouble())
          .isLessThan(calm.path("estimated").path("accuracy").asDouble() - 0.03);
      assertThat(get(server.port(), "/api/v1/models/intent/performance?from=-5m").path("labeled").asLong()).isPositive();
      assertThat(get(server.port(), "/api/v1/models/price/performance?from=-5m").path("realized").path("mae").asDouble())
          .isPositive();
    }
  }
}
