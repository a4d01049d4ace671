package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.api.Json;
import io.vigil.server.config.VigilConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each metric a rule can watch, read by the evaluator from the minute profiles, equals what the query APIs say
 * for the same window ({@code /stats}, {@code /drift}, {@code /quality}); performance metrics show "no data" until
 * labels are plugged in; a detector finds a change in the error stream spread over minutes.
 */
class AlertMetricsIT {

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(VigilServer s, String method, String path, String type, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
        .header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode get(VigilServer s, String path) throws Exception {
    return Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
        .build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  @Test
  void rulesReadWhatTheApisSay() throws Exception {
    String yaml = """
        alerts:
          - {name: errors, model: m, when: "error_rate > 0.9", min_samples: 1}
          - {name: rps, model: m, when: "rps > 1000", min_samples: 1}
          - {name: p99, model: m, when: "latency_p99 > 100", min_samples: 1}
          - {name: p50, model: m, when: "latency_p50 > 100", min_samples: 1}
          - {name: conf, model: m, when: "mean_confidence < 0", min_samples: 1}
          - {name: drift, model: m, when: "drift_share > 2", min_samples: 1}
          - {name: drift-x, model: m, when: "drift_score(x) > 1000", min_samples: 1}
          - {name: missing-x, model: m, when: "missing_rate(x) > 2", min_samples: 1}
          - {name: anomalies, model: m, when: "anomaly_fraction > 2", min_samples: 1}
          - {name: accuracy, model: m, when: "accuracy < 0.5", min_samples: 1}
          - {name: changed, model: det, when: "detector(ddm, error_rate)", window: 1h, min_samples: 1}
          - {name: calm, model: calm, when: "detector(ddm, error_rate)", window: 1h, min_samples: 1}
        evaluation_interval: 500ms
        """;
    try (VigilServer s = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 8 << 20, dir, 4,
        VigilConfig.parse(yaml, "vigil.yaml")))) {
      Random random = new Random(7);
      StringBuilder csv = new StringBuilder("x,c\n");
      for (int i = 0; i < 500; i++) {
        csv.append(random.nextGaussian()).append(',').append(random.nextBoolean() ? "a" : "b").append('\n');
      }
      assertThat(send(s, "PUT", "/api/v1/models/m/versions/v1/reference", "text/csv", csv.toString()).statusCode())
          .isEqualTo(200);
      StringBuilder events = new StringBuilder("[");
      for (int i = 0; i < 400; i++) {
        String x = i % 10 == 0 ? "null" : String.valueOf(1 + random.nextGaussian());   // shifted, 10 % missing
        events.append(i == 0 ? "" : ",").append("{\"model\": \"m\", \"version\": \"v1\", \"features\": {\"x\": ")
            .append(x).append(", \"c\": \"").append(random.nextBoolean() ? "a" : "b").append("\"}, \"latency_ms\": ")
            .append(5 + random.nextInt(100)).append(", \"confidence\": ").append(0.5 + random.nextDouble() / 2)
            .append(i % 20 == 0 ? ", \"status\": \"error\", \"error\": \"timeout\"" : "").append('}');
      }
      assertThat(send(s, "POST", "/api/v1/predictions", "application/json", events + "]").statusCode()).isEqualTo(200);

      Instant now = Instant.now();
      StringBuilder stream = new StringBuilder("[");   // 30 calm minutes at 5 % errors, then 20 at 50 %
      for (int minute = 0; minute < 50; minute++) {
        for (int i = 0; i < 100; i++) {
          boolean error = minute < 30 ? i % 20 == 0 : i % 2 == 0;
          long t = now.minus(Duration.ofMinutes(52 - minute)).toEpochMilli();
          stream.append(stream.length() == 1 ? "" : ",").append("{\"model\": \"det\", \"timestamp\": ")
              .append(t).append(", \"features\": {\"x\": 1}")
              .append(error ? ", \"status\": \"error\", \"error\": \"wrong\"" : "").append('}');
          stream.append(",{\"model\": \"calm\", \"timestamp\": ").append(t).append(", \"features\": {\"x\": 1}")
              .append(i % 20 == 0 ? ", \"status\": \"error\", \"error\": \"wrong\"" : "").append('}');
        }
      }
      assertThat(send(s, "POST", "/api/v1/predictions", "application/json", stream + "]").statusCode()).isEqualTo(200);

      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> get(s, "/api/v1/alert-rules").get("rules")
          .get(11).get("evaluations").size() == 1 && get(s, "/api/v1/alert-rules").get("rules").get(0)
          .get("evaluations").size() == 1);
      Map<String, JsonNode> rules = new HashMap<>();
      get(s, "/api/v1/alert-rules").get("rules").forEach(r -> rules.put(r.get("name").asText(), r.get("evaluations").get(0)));

      JsonNode stats = get(s, "/api/v1/models/m/stats?from=-5m").get("total");
      assertThat(rules.get("errors").get("value").asDouble()).isEqualTo(stats.get("error_rate").asDouble()).isEqualTo(0.05);
      assertThat(rules.get("errors").get("samples").asLong()).isEqualTo(400);
      assertThat(rules.get("rps").get("value").asDouble()).isCloseTo(400 / 300.0, within(1e-9));
      assertThat(rules.get("p99").get("value").asDouble() * 1000).isCloseTo(stats.get("latency_p99_ms").asDouble(), within(1e-9));
      assertThat(rules.get("p50").get("value").asDouble() * 1000).isCloseTo(stats.get("latency_p50_ms").asDouble(), within(1e-9));
      assertThat(rules.get("conf").get("value").asDouble()).isCloseTo(stats.get("mean_confidence").asDouble(), within(1e-12));

      JsonNode drift = get(s, "/api/v1/models/m/drift?from=-5m");
      assertThat(rules.get("drift").get("value").asDouble()).isEqualTo(drift.get("drift_share").asDouble()).isEqualTo(0.5);
      JsonNode x = drift.get("features").get(0).get("name").asText().equals("x") ? drift.get("features").get(0)
          : drift.get("features").get(1);
      assertThat(rules.get("drift-x").get("value").asDouble()).isEqualTo(x.get("statistic").asDouble());

      JsonNode quality = get(s, "/api/v1/models/m/quality?from=-5m");
      JsonNode qx = quality.get("features").get(0).get("name").asText().equals("x") ? quality.get("features").get(0)
          : quality.get("features").get(1);
      assertThat(rules.get("missing-x").get("value").asDouble()).isEqualTo(qx.get("missing_rate").asDouble()).isEqualTo(0.1);
      assertThat(rules.get("anomalies").get("value").asDouble()).isEqualTo(quality.get("anomaly_fraction").asDouble());

      assertThat(rules.get("accuracy").get("value").isNull()).isTrue();
      assertThat(rules.get("accuracy").get("no_data").asText()).contains("no labels");   // the model has no labels yet
      assertThat(rules.get("changed").get("value").asDouble()).isGreaterThanOrEqualTo(1);
      assertThat(rules.get("changed").get("samples").asLong()).isEqualTo(5000);
      assertThat(get(s, "/api/v1/alert-rules").get("rules").get(10).get("state").asText()).isEqualTo("firing");
      assertThat(rules.get("calm").get("value").asDouble()).isZero();
      assertThat(rules.get("calm").get("samples").asLong()).isEqualTo(5000);
    }
  }
}
