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

  /** The fraud model's performance after a few seconds of the demo's traffic, drifted or not. */
  private JsonNode fraudPerformance(Path dir, boolean drifted) throws Exception {
    try (VigilServer server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 16 << 20, dir));
        TrafficSimulator traffic = TrafficSimulator.start(URI.create("http://127.0.0.1:" + server.port()),
            drifted ? Duration.ZERO : Duration.ofHours(1), 100, Duration.ofSeconds(1))) {
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> traffic.labeled() >= 3 * 1200);
      assertThat(get(server.port(), "/api/v1/models/intent/performance?from=-5m").path("labeled").asLong()).isPositive();
      assertThat(get(server.port(), "/api/v1/models/price/performance?from=-5m").path("realized").path("mae")
          .asDouble()).isPositive();
      return get(server.port(), "/api/v1/models/fraud/performance?from=-5m");
    }
  }

  @Test
  void labelsFollowAndTheEstimateSeesTheAccuracyDrop() throws Exception {
    JsonNode calm = fraudPerformance(dataDir.resolve("calm"), false);
    JsonNode drifted = fraudPerformance(dataDir.resolve("drifted"), true);
    assertThat(calm.path("labeled").asLong()).isPositive();
    // calibrated before the drift: the estimate agrees with the labels
    assertThat(calm.path("estimated").path("accuracy").asDouble())
        .isCloseTo(calm.path("realized").path("accuracy").asDouble(), org.assertj.core.data.Offset.offset(0.04));
    // with the drift, the scores alone already show a lower accuracy, and the labels a lower one still
    assertThat(drifted.path("estimated").path("accuracy").asDouble())
        .isLessThan(calm.path("estimated").path("accuracy").asDouble() - 0.04);
    assertThat(drifted.path("realized").path("accuracy").asDouble())
        .isLessThan(drifted.path("estimated").path("accuracy").asDouble() - 0.02);
  }
}
