package io.vigil.server.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.VigilServer;
import io.vigil.server.api.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of the Grafana dashboard, run by a real Prometheus (Debian's {@code prometheus}) that scrapes a real
 * Vigil server: Prometheus accepts each one, and those over the metrics the server exposes today return finite
 * values. Skipped when Prometheus is not installed, except under {@code CI=true}.
 */
class GrafanaDashboardPrometheusIT {

  private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
  /** Metrics {@link ServerMetrics} exposes today; queries over the others may answer no data. */
  private static final Set<String> EXPOSED = Set.of("vigil_predictions_total", "vigil_prediction_latency_seconds",
      "vigil_prediction_confidence", "vigil_predicted_class_total", "vigil_ingest_rejected_total");
  /** SPEC section 5's other metrics, which other parts of the server will expose; a typo is neither. */
  private static final Set<String> SPECIFIED = Set.of("vigil_labels_total", "vigil_feature_drift_score",
      "vigil_feature_drift_detected", "vigil_dataset_drift_share", "vigil_model_$metric", "vigil_alerts_firing");
  private static final Pattern METRIC = Pattern.compile("vigil_[a-z_$]+");

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void everyPanelQueryRunsAndThoseOverExposedMetricsHaveData() throws Exception {
    if (!Files.isExecutable(PROMETHEUS)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("Prometheus is not installed at " + PROMETHEUS + " although CI=true: .ci/run must install it");
      }
      Assumptions.abort("Prometheus is not installed (apt-get install prometheus); skipping");
    }
    try (VigilServer server = VigilServer.start(
        new VigilServer.Options("127.0.0.1", 0, false, 1 << 20, dir.resolve("data")))) {
      String vigil = "http://127.0.0.1:" + server.port();
      int promPort = freePort();
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(config, "global: {scrape_interval: 1s, evaluation_interval: 1s}\n"
          + "scrape_configs: [{job_name: vigil, static_configs: [{targets: ['127.0.0.1:" + server.port() + "']}]}]\n");
      Process prometheus = new ProcessBuilder(List.of(PROMETHEUS.toString(), "--config.file=" + config,
          "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + promPort))
          .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
      try {
        String prom = "http://127.0.0.1:" + promPort;
        // rate() needs two samples that differ: one batch, seen by a scrape, then another, seen by the next.
        post(vigil, 0);
        awaitCount(prom, 40);
        post(vigil, 40);
        awaitCount(prom, 80);

        for (String expr : GrafanaDashboard.expressions(GrafanaDashboard.build(Optional.empty()))) {
          String concrete = expr.replace("$__rate_interval", "1m").replace("$model", ".*")
              .replace("$version", ".*").replace("$metric", "accuracy");
          JsonNode answer = query(prom, concrete);
          assertThat(answer.path("status").asText()).as(concrete + ": " + answer).isEqualTo("success");
          if (overExposedMetrics(expr)) {
            JsonNode result = answer.path("data").path("result");
            assertThat(result).as("data for " + concrete).isNotEmpty();
            for (JsonNode series : result) {
              assertThat(series.path("value").get(1).asDouble()).as(concrete + " " + series).isFinite();
            }
          }
        }
      } finally {
        prometheus.destroy();
        prometheus.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static boolean overExposedMetrics(String expr) {
    Matcher m = METRIC.matcher(expr);
    Set<String> names = new java.util.HashSet<>();
    while (m.find()) {
      names.add(m.group().replaceAll("_(bucket|sum|count)$", ""));
    }
    assertThat(names).as("metrics of SPEC section 5 in " + expr).isNotEmpty().isSubsetOf(union());
    return EXPOSED.containsAll(names);
  }

  private static Set<String> union() {
    Set<String> all = new java.util.HashSet<>(EXPOSED);
    all.addAll(SPECIFIED);
    return all;
  }

  /** 40 events: every 10th an error, with latency, scores and a class; and one event that is refused. */
  private void post(String vigil, int from) throws Exception {
    StringBuilder batch = new StringBuilder("[");
    for (int i = from; i < from + 40; i++) {
      batch.append(String.format(java.util.Locale.ROOT, "{\"model\": \"graphed\", \"version\": \"v1\", \"features\":"
          + " {\"x\": %d}, \"prediction\": \"%s\", \"scores\": {\"a\": %.2f, \"b\": %.2f}, \"latency_ms\": %d%s},",
          i, i % 3 == 0 ? "a" : "b", 0.55 + (i % 40) / 100.0, 0.45 - (i % 40) / 100.0, 5 + i % 50,
          i % 10 == 0 ? ", \"status\": \"error\", \"error\": \"timeout\"" : ""));
    }
    batch.append("{\"version\": \"v1\"}]");   // no model: refused, counted in vigil_ingest_rejected_total
    HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(vigil + "/api/v1/predictions"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(batch.toString()))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
  }

  private void awaitCount(String prom, double expected) {
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
        .until(() -> query(prom, "sum(vigil_predictions_total{model=\"graphed\"})").path("data").path("result")
            .get(0).path("value").get(1).asDouble(), v -> v == expected);
  }

  private JsonNode query(String prom, String promql) throws IOException, InterruptedException {
    String url = prom + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
    return Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
