package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's {@code prometheus}) scrapes a real Vigil server on loopback; the test then asks
 * Prometheus's HTTP API for {@code vigil_predictions_total} and expects exactly what was sent. Skipped when
 * Prometheus is not installed, except under CI ({@code CI=true}), where {@code .ci/run} installs it and a skip
 * would hide a broken setup.
 */
class PrometheusScrapeIT {

  private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void prometheusScrapesExactCounts() throws Exception {
    if (!Files.isExecutable(PROMETHEUS)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("Prometheus is not installed at " + PROMETHEUS + " although CI=true: .ci/run must install it");
      }
      Assumptions.abort("Prometheus is not installed (apt-get install prometheus); skipping the real scrape test");
    }
    try (VigilServer server = VigilServer.start(
        new VigilServer.Options("127.0.0.1", 0, false, 1 << 20, dir.resolve("data")))) {
      StringBuilder batch = new StringBuilder("[");
      for (int i = 0; i < 137; i++) {
        batch.append(i == 0 ? "" : ",").append("{\"model\": \"scraped\", \"version\": \"v1\", \"features\": {\"x\": ")
            .append(i).append("}}");
      }
      HttpResponse<String> posted = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/api/v1/predictions"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(batch.append("]").toString())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);

      int promPort = freePort();
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(config, "global: {scrape_interval: 1s, evaluation_interval: 1s}\n"
          + "scrape_configs: [{job_name: vigil, static_configs: [{targets: ['127.0.0.1:" + server.port() + "']}]}]\n");
      Process prometheus = new ProcessBuilder(List.of(PROMETHEUS.toString(), "--config.file=" + config,
          "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + promPort))
          .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
      try {
        String query = "http://127.0.0.1:" + promPort + "/api/v1/query?query="
            + URLEncoder.encode("vigil_predictions_total{model=\"scraped\"}", StandardCharsets.UTF_8);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
            .ignoreExceptions()
            .until(() -> value(query), v -> v == 137.0);
      } finally {
        prometheus.destroy();
        prometheus.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private double value(String query) throws IOException, InterruptedException {
    String body = http.send(HttpRequest.newBuilder(URI.create(query)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
    JsonNode result = Json.MAPPER.readTree(body).path("data").path("result");
    return result.isEmpty() ? -1 : result.get(0).path("value").get(1).asDouble();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
