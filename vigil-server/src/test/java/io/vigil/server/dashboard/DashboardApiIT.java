package io.vigil.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.VigilServer;
import io.vigil.server.api.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the dashboard's charts read from the API, over real HTTP on the traffic of {@link DashboardTraffic}: the
 * drift report's per-feature histograms and the stats series' quantiles and classes (no browser needed).
 */
class DashboardApiIT {

  @TempDir
  static Path dataDir;

  private static VigilServer server;
  private static String base;

  @BeforeAll
  static void serverWithTraffic() throws Exception {
    server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 16 << 20, dataDir));
    base = "http://127.0.0.1:" + server.port();
    DashboardTraffic.feed(base, Instant.now());
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void driftAndStatsApisCarryWhatTheChartsNeed() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    JsonNode drift = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(base
        + "/api/v1/models/loans/drift?from=-1h")).build(), HttpResponse.BodyHandlers.ofString()).body());
    JsonNode amount = drift.path("features").get(0);
    assertThat(amount.path("name").asText()).isEqualTo("amount");
    JsonNode h = amount.path("histogram");
    assertThat(h.path("kind").asText()).isEqualTo("numeric");
    assertThat(h.path("edges")).hasSize(31);   // 30 bins
    assertThat(sum(h.path("reference"))).isBetween(0.98, 1.0 + 1e-9);
    assertThat(sum(h.path("current"))).isBetween(0.98, 1.0 + 1e-9);
    JsonNode country = drift.path("features").get(1).path("histogram");
    assertThat(country.path("kind").asText()).isEqualTo("categorical");
    assertThat(country.path("categories")).hasSize(4);
    assertThat(sum(country.path("reference"))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));

    JsonNode stats = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(base
        + "/api/v1/models/loans/stats?from=-1h&step=5m")).build(), HttpResponse.BodyHandlers.ofString()).body());
    JsonNode point = stats.path("series").get(6);
    assertThat(point.path("latency_p50_ms").asDouble()).isLessThanOrEqualTo(point.path("latency_p95_ms").asDouble());
    assertThat(point.path("latency_p95_ms").asDouble()).isLessThanOrEqualTo(point.path("latency_p99_ms").asDouble());
    assertThat(point.path("confidence_p10").asDouble()).isLessThanOrEqualTo(point.path("confidence_p90").asDouble());
    long classes = 0;
    for (JsonNode n : point.path("classes")) {
      classes += n.asLong();
    }
    assertThat(classes).isEqualTo(point.path("count").asLong());
  }

  private static double sum(JsonNode values) {
    double s = 0;
    for (JsonNode v : values) {
      s += v.asDouble();
    }
    return s;
  }
}
