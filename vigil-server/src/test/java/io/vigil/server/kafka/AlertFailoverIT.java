package io.vigil.server.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.api.Json;
import io.vigil.server.notify.LoopbackReceiver;
import io.vigil.server.storage.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert evaluation on one instance at a time, with failover, on a real PostgreSQL: two {@code vigil serve}
 * processes share the store and a rule; a webhook receiver on loopback counts the notifications. While both run,
 * the alert is notified exactly once; the evaluating instance is killed with SIGKILL, the other takes over within
 * a few evaluation intervals without notifying the firing alert again, and sends its resolution once.
 */
class AlertFailoverIT {

  private static final Duration INTERVAL = Duration.ofSeconds(1);

  @TempDir
  Path dir;

  private final LoopbackReceiver hook;
  private VigilProcesses vigil;

  AlertFailoverIT() throws Exception {
    hook = new LoopbackReceiver();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (vigil != null) {
      vigil.close();
    }
    hook.close();
  }

  private static String events(int ok, int errors) {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < ok; i++) {
      events.add("{\"model\": \"fraud\", \"version\": \"v1\", \"features\": {\"x\": " + i + "}}");
    }
    for (int i = 0; i < errors; i++) {
      events.add("{\"model\": \"fraud\", \"version\": \"v1\", \"status\": \"error\", \"error\": \"timeout\"}");
    }
    return "[" + String.join(",", events) + "]";
  }

  private static String evaluator(VigilProcesses.Instance instance) throws Exception {
    JsonNode alerts = instance.api().json("/api/v1/alerts");
    return alerts == null ? null : alerts.path("evaluator").asText(null);
  }

  private List<String> statuses() throws Exception {
    List<String> out = new ArrayList<>();
    for (LoopbackReceiver.Request r : hook.requests()) {
      JsonNode body = Json.MAPPER.readTree(r.body());
      out.add(body.path("status").asText() + " " + body.path("alert").asText() + " " + body.path("id").asText(""));
    }
    return out;
  }

  @Test
  void oneInstanceNotifiesAndTheOtherTakesOverWhenItIsKilled() throws Exception {
    String store = LocalPostgres.shared().newDatabase();
    Files.writeString(dir.resolve("vigil.yaml"), """
        notifiers:
          oncall: {type: webhook, url: "%s", retry_backoff: 100ms}
        alerts:
          - {name: high-errors, model: fraud, when: "error_rate > 0.05", window: 10m, severity: critical,
             notify: [oncall], min_samples: 50}
        evaluation_interval: %dms
        """.formatted(hook.url("/hook"), INTERVAL.toMillis()));
    vigil = new VigilProcesses(dir, Instant.now());
    List<String> options = List.of("--config", dir.resolve("vigil.yaml").toString(), "--store", store);
    VigilProcesses.Instance a = vigil.start("a", options);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "a".equals(evaluator(a)));
    VigilProcesses.Instance b = vigil.start("b", options);
    assertThat(evaluator(b)).as("b sees who evaluates").isEqualTo("a");
    assertThat(a.api().metrics()).contains("vigil_alert_evaluator{instance=\"a\"} 1.0");
    assertThat(b.api().metrics()).contains("vigil_alert_evaluator{instance=\"b\"} 0.0");

    // traffic reaches b; a evaluates it once b's checkpoint (every 10 s) makes it visible, and notifies once
    assertThat(b.api().post("/api/v1/predictions", events(80, 20)).statusCode()).isEqualTo(200);
    Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
        .until(() -> hook.requests().size() >= 1);
    Awaitility.await().during(INTERVAL.multipliedBy(5)).atMost(INTERVAL.multipliedBy(8))
        .until(() -> hook.requests().size() == 1);
    String firing = statuses().get(0);
    assertThat(firing).startsWith("firing high-errors");
    JsonNode shared = b.api().json("/api/v1/alerts?state=firing").path("alerts");
    assertThat(shared).as("the standby lists the shared alerts").hasSize(1);
    String alertId = shared.get(0).path("id").asText();

    // kill -9 the evaluator: PostgreSQL ends its session, so its lock is free at b's next evaluation
    a.process().destroyForcibly();
    assertThat(a.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
    long killed = System.nanoTime();
    Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
        .until(() -> "b".equals(evaluator(b)));
    assertThat(Duration.ofNanos(System.nanoTime() - killed)).as("takeover within about two intervals")
        .isLessThan(INTERVAL.multipliedBy(2).plusSeconds(3));
    Awaitility.await().atMost(Duration.ofSeconds(5))
        .until(() -> b.api().metrics().contains("vigil_alert_evaluator{instance=\"b\"} 1.0"));
    // b took the firing alert over as notified: nothing is sent again
    Awaitility.await().during(INTERVAL.multipliedBy(5)).atMost(INTERVAL.multipliedBy(8))
        .until(() -> hook.requests().size() == 1);
    assertThat(b.api().json("/api/v1/alerts?state=firing").path("alerts").get(0).path("id").asText())
        .isEqualTo(alertId);

    // the error rate falls under the threshold (20 of 2100): b resolves the alert and says so, once
    assertThat(b.api().post("/api/v1/predictions", events(2000, 0)).statusCode()).isEqualTo(200);
    Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
        .until(() -> hook.requests().size() >= 2);
    Awaitility.await().during(INTERVAL.multipliedBy(4)).atMost(INTERVAL.multipliedBy(6))
        .until(() -> hook.requests().size() == 2);
    assertThat(statuses().get(1)).startsWith("resolved high-errors");
    assertThat(b.api().json("/api/v1/alerts?state=resolved").path("alerts")).singleElement()
        .satisfies(r -> assertThat(r.path("id").asText()).isEqualTo(alertId));
  }
}
