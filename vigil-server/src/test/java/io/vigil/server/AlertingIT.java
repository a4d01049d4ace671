package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.api.Json;
import io.vigil.server.config.VigilConfig;
import io.vigil.server.notify.LoopbackReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerting end to end on a real server: events go in over HTTP, the evaluator reads the minute profiles on its
 * schedule, a webhook receiver on loopback gets the notifications, and the history is read back over the API.
 */
class AlertingIT {

  /** Short, so the test is quick; every wait below is counted in these. */
  private static final Duration INTERVAL = Duration.ofSeconds(1);

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private final LoopbackReceiver hook;

  AlertingIT() throws Exception {
    hook = new LoopbackReceiver();
  }

  @AfterEach
  void stop() {
    hook.close();
  }

  private VigilServer start() {
    String yaml = """
        notifiers:
          oncall: {type: webhook, url: "%s", retry_backoff: 100ms}
        alerts:
          - {name: high-errors, model: fraud, when: "error_rate > 0.05", window: 5m, severity: critical,
             notify: [oncall], min_samples: 50, summary: "{{model}}/{{version}} fails {{value}} of requests"}
        evaluation_interval: %dms
        """.formatted(hook.url("/hook"), INTERVAL.toMillis());
    return VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 1 << 20, dir.resolve("data"), 4,
        VigilConfig.parse(yaml, "vigil.yaml")));
  }

  private void post(VigilServer server, int ok, int errors) throws Exception {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < ok; i++) {
      events.add("{\"model\": \"fraud\", \"version\": \"v1\", \"features\": {\"x\": " + i + "}, \"latency_ms\": 5}");
    }
    for (int i = 0; i < errors; i++) {
      events.add("{\"model\": \"fraud\", \"version\": \"v1\", \"features\": {\"x\": " + i + "}, \"status\": \"error\","
          + " \"error\": \"timeout\"}");
    }
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(url(server, "/api/v1/predictions"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("[" + String.join(",", events) + "]")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private static URI url(VigilServer server, String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private HttpResponse<String> get(VigilServer server, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(url(server, path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(VigilServer server, String path) throws Exception {
    return Json.MAPPER.readTree(get(server, path).body());
  }

  private JsonNode hookBody(int i) throws Exception {
    return Json.MAPPER.readTree(hook.requests().get(i).body());
  }

  @Test
  void firesWithinTwoIntervalsResolvesWhenItClearsAndIsNotRepeated() throws Exception {
    try (VigilServer server = start()) {
      post(server, 80, 20);   // error rate 0.2
      long posted = System.nanoTime();
      Awaitility.await().atMost(INTERVAL.multipliedBy(2).plusMillis(1500)).until(() -> hook.requests().size() == 1);
      assertThat(Duration.ofNanos(System.nanoTime() - posted)).isLessThan(INTERVAL.multipliedBy(2).plusMillis(1500));
      JsonNode firing = hookBody(0);
      assertThat(firing.get("status").asText()).isEqualTo("firing");
      assertThat(firing.get("alert").asText()).isEqualTo("high-errors");
      assertThat(firing.get("model").asText()).isEqualTo("fraud");
      assertThat(firing.get("version").asText()).isEqualTo("v1");
      assertThat(firing.get("severity").asText()).isEqualTo("critical");
      assertThat(firing.get("value").asDouble()).isEqualTo(0.2);
      assertThat(firing.get("threshold").asDouble()).isEqualTo(0.05);
      assertThat(firing.get("summary").asText()).isEqualTo("fraud/v1 fails 0.2 of requests");
      assertThat(firing.get("ends_at").isNull()).isTrue();

      JsonNode alerts = json(server, "/api/v1/alerts?state=firing").get("alerts");
      assertThat(alerts).hasSize(1);
      JsonNode a = alerts.get(0);
      List<String> fields = new ArrayList<>();
      a.fieldNames().forEachRemaining(fields::add);
      assertThat(fields).containsExactly("id", "rule", "model", "version", "severity", "state", "value", "threshold",
          "starts_at", "ends_at", "summary");
      assertThat(a.get("id").asText()).isEqualTo(firing.get("id").asText());
      assertThat(a.get("state").asText()).isEqualTo("firing");
      assertThat(a.get("starts_at").asText()).isEqualTo(firing.get("starts_at").asText());
      assertThat(get(server, "/metrics").body()).contains("vigil_alerts_firing{severity=\"critical\"} 1.0")
          .contains("vigil_alerts_firing{severity=\"warning\"} 0.0");
      JsonNode rule = json(server, "/api/v1/alert-rules").get("rules").get(0);
      assertThat(rule.get("state").asText()).isEqualTo("firing");
      assertThat(rule.get("when").asText()).isEqualTo("error_rate > 0.05");
      assertThat(rule.get("last_evaluated").isNull()).isFalse();
      assertThat(rule.get("evaluations").get(0).get("value").asDouble()).isEqualTo(0.2);
      assertThat(rule.get("evaluations").get(0).get("samples").asLong()).isEqualTo(100);

      Awaitility.await().during(INTERVAL.multipliedBy(3)).atMost(INTERVAL.multipliedBy(5))
          .until(() -> hook.requests().size() == 1);   // still firing: told once

      post(server, 400, 0);   // 20 errors in 500: 0.04
      Awaitility.await().atMost(INTERVAL.multipliedBy(2).plusMillis(1500)).until(() -> hook.requests().size() == 2);
      JsonNode resolved = hookBody(1);
      assertThat(resolved.get("status").asText()).isEqualTo("resolved");
      assertThat(resolved.get("id").asText()).isEqualTo(firing.get("id").asText());
      assertThat(resolved.get("ends_at").isNull()).isFalse();
      Awaitility.await().during(INTERVAL.multipliedBy(3)).atMost(INTERVAL.multipliedBy(5))
          .until(() -> hook.requests().size() == 2);

      assertThat(json(server, "/api/v1/alerts?state=firing").get("alerts")).isEmpty();
      JsonNode history = json(server, "/api/v1/alerts?state=resolved&model=fraud").get("alerts");
      assertThat(history).hasSize(1);
      assertThat(history.get(0).get("ends_at").asText()).isEqualTo(resolved.get("ends_at").asText());
      assertThat(json(server, "/api/v1/alerts?model=intent").get("alerts")).isEmpty();
      assertThat(get(server, "/metrics").body()).contains("vigil_alerts_firing{severity=\"critical\"} 0.0");
    }
  }

  @Test
  void aRestartKeepsTheAlertFiringAndNotifiesNothingAgain() throws Exception {
    String id;
    try (VigilServer server = start()) {
      post(server, 50, 50);
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hook.requests().size() == 1);
      id = hookBody(0).get("id").asText();
    }
    try (VigilServer again = start()) {
      Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
          .until(() -> json(again, "/api/v1/alert-rules").get("rules").get(0).get("last_evaluated").isTextual());
      Awaitility.await().during(INTERVAL.multipliedBy(3)).atMost(INTERVAL.multipliedBy(5))
          .until(() -> hook.requests().size() == 1);
      JsonNode alerts = json(again, "/api/v1/alerts?state=firing").get("alerts");
      assertThat(alerts).hasSize(1);
      assertThat(alerts.get(0).get("id").asText()).isEqualTo(id);
      assertThat(json(again, "/api/v1/alert-rules").get("rules").get(0).get("state").asText()).isEqualTo("firing");
      assertThat(get(again, "/metrics").body()).contains("vigil_alerts_firing{severity=\"critical\"} 1.0");
    }
  }

  @Test
  void tooFewEventsIsNoDataNotAnAlert() throws Exception {
    try (VigilServer server = start()) {
      post(server, 0, 3);   // error rate 1.0, on three events
      Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
          .until(() -> json(server, "/api/v1/alert-rules").get("rules").get(0).get("evaluations").size() == 1);
      assertThat(json(server, "/api/v1/alert-rules").get("rules").get(0).get("state").asText()).isEqualTo("no data");
      JsonNode evaluation = json(server, "/api/v1/alert-rules").get("rules").get(0).get("evaluations").get(0);
      assertThat(evaluation.get("value").isNull()).isTrue();
      assertThat(evaluation.get("no_data").asText()).isEqualTo("only 3 samples in the window (min_samples 50)");
      Awaitility.await().during(INTERVAL.multipliedBy(2)).atMost(INTERVAL.multipliedBy(4))
          .until(() -> hook.requests().isEmpty());
      assertThat(json(server, "/api/v1/alerts").get("alerts")).isEmpty();
    }
  }

  @Test
  void aSilencedAlertFiresWithoutNotice() throws Exception {
    try (VigilServer server = start()) {
      HttpResponse<String> created = http.send(HttpRequest.newBuilder(url(server, "/api/v1/silences"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"matchers\": {\"model\": \"fraud\", \"severity\": \"critical\"},"
              + " \"ends_at\": \"+1h\", \"comment\": \"deploying\"}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      post(server, 50, 50);
      Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
          .until(() -> json(server, "/api/v1/alerts?state=firing").get("alerts").size() == 1);
      Awaitility.await().during(INTERVAL.multipliedBy(2)).atMost(INTERVAL.multipliedBy(4))
          .until(() -> hook.requests().isEmpty());
    }
  }

  @Test
  void aReceiverThatIsDownIsCountedAndEvaluationGoesOn() throws Exception {
    java.net.URI closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closed = java.net.URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/hook");
    }
    String yaml = """
        notifiers:
          down: {type: webhook, url: "%s", retries: 1, retry_backoff: 50ms, timeout: 1s}
        alerts:
          - {name: high-errors, model: fraud, when: "error_rate > 0.05", severity: warning, notify: [down], min_samples: 50}
        evaluation_interval: %dms
        """.formatted(closed, INTERVAL.toMillis());
    try (VigilServer server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 1 << 20,
        dir.resolve("down"), 4, VigilConfig.parse(yaml, "vigil.yaml")))) {
      post(server, 50, 50);
      Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> get(server, "/metrics").body()
          .contains("vigil_notifications_failed_total{notifier=\"down\"} 1.0"));
      String before = json(server, "/api/v1/alert-rules").get("rules").get(0).get("last_evaluated").asText();
      Awaitility.await().atMost(INTERVAL.multipliedBy(4)).until(() -> !json(server, "/api/v1/alert-rules")
          .get("rules").get(0).get("last_evaluated").asText().equals(before));
      assertThat(json(server, "/api/v1/alerts?state=firing").get("alerts")).hasSize(1);
      assertThat(get(server, "/metrics").body()).contains("vigil_alerts_firing{severity=\"warning\"} 1.0");
    }
  }
}
