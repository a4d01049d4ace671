package io.vigil.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.alert.AlertMetrics.Reading;
import io.vigil.server.config.VigilConfig;
import io.vigil.server.notify.Notification;
import io.vigil.server.notify.NotificationDispatcher;
import io.vigil.server.notify.Notifier;
import io.vigil.server.notify.NotifierOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state machine, notification and persistence rules of {@link AlertEvaluator}, step by step on a manual clock:
 * metric values come from a table the test sets, the history from the real SQLite store.
 */
class AlertEvaluatorTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir
  Path dir;

  private final ManualClock clock = new ManualClock(T0);
  private final Map<String, Reading> readings = new ConcurrentHashMap<>();
  private final List<Notification> sent = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> firingGauge = new ConcurrentHashMap<>();
  private final List<AutoCloseable> open = new ArrayList<>();
  private NotificationDispatcher dispatcher;

  private final AlertMetrics table = new AlertMetrics() {
    @Override
    public Reading read(AlertMetric metric, String model, String version, Instant from, Instant to) {
      return readings.getOrDefault(model + "/" + version, Reading.none("no traffic in the window", 0));
    }

    @Override
    public List<String> models() {
      return readings.keySet().stream().map(k -> k.split("/")[0]).distinct().sorted().toList();
    }

    @Override
    public List<String> versions(String model) {
      return readings.keySet().stream().filter(k -> k.startsWith(model + "/")).map(k -> k.split("/")[1]).sorted().toList();
    }
  };

  private final Notifier recorder = new Notifier() {
    @Override
    public String name() {
      return "rec";
    }

    @Override
    public String type() {
      return "webhook";
    }

    @Override
    public NotifierOptions options() {
      return new NotifierOptions(0, Duration.ofMillis(1), Duration.ofSeconds(1));
    }

    @Override
    public void send(Notification n) {
      sent.add(n);
    }
  };

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private final List<Notification> everyRound = new CopyOnWriteArrayList<>();

  private final Notifier alertmanagerLike = new Notifier() {
    @Override
    public String name() {
      return "am";
    }

    @Override
    public String type() {
      return "alertmanager";
    }

    @Override
    public NotifierOptions options() {
      return new NotifierOptions(0, Duration.ofMillis(1), Duration.ofSeconds(1));
    }

    @Override
    public void send(Notification n) {
      everyRound.add(n);
    }

    @Override
    public boolean resendsEveryEvaluation() {
      return true;
    }
  };

  private AlertEvaluator evaluator(String rule) {
    AlertSettings parsed = AlertSettings.of(VigilConfig.parse("alerts:\n  - " + rule
        + "\nnotifiers:\n  rec: {type: log}\n  am: {type: log}\n", "test.yaml"));
    AlertSettings settings = new AlertSettings(parsed.rules(), Map.of("rec", recorder, "am", alertmanagerLike),
        parsed.evaluationInterval());
    SqliteAlertStore store = SqliteAlertStore.open(dir);
    dispatcher = new NotificationDispatcher(settings.notifiers(), name -> { });
    AlertEvaluator e = new AlertEvaluator(settings, table, store, dispatcher, clock,
        m -> m.forEach((s, n) -> firingGauge.put(s.id(), n)));
    open.add(e);
    open.add(dispatcher);
    open.add(store);
    return e;
  }

  private void round(AlertEvaluator e, Duration later) {
    clock.advance(later);
    e.evaluate();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(dispatcher::idle);
  }

  private static Reading value(double v) {
    return Reading.of(v, 1000);
  }

  @Test
  void pendingThenFiringAfterForThenResolvedNotifiedOnceEach() {
    AlertEvaluator e = evaluator("{name: errors, model: fraud, when: 'error_rate > 0.05', for: 1m, severity: critical,"
        + " notify: [rec], summary: '{{model}}/{{version}} at {{value}} over {{threshold}}'}");
    readings.put("fraud/v1", value(0.1));
    round(e, Duration.ZERO);
    assertThat(e.rules().get(0).evaluations().get(0).state()).isEqualTo("pending");
    assertThat(sent).isEmpty();

    round(e, Duration.ofSeconds(30));
    assertThat(e.rules().get(0).state()).isEqualTo("pending");
    assertThat(sent).isEmpty();

    round(e, Duration.ofSeconds(30));   // held for the whole minute
    assertThat(e.rules().get(0).state()).isEqualTo("firing");
    assertThat(sent).hasSize(1);
    Notification.Alert fired = sent.get(0).alerts().get(0);
    assertThat(sent.get(0).status()).isEqualTo("firing");
    assertThat(fired.summary()).isEqualTo("fraud/v1 at 0.1 over 0.05");
    assertThat(fired.startsAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(firingGauge).containsEntry("critical", 1).containsEntry("warning", 0);

    for (int i = 0; i < 10; i++) {   // still firing: no repeat before repeat_interval (4h)
      round(e, Duration.ofSeconds(15));
    }
    assertThat(sent).hasSize(1);

    readings.put("fraud/v1", value(0.01));
    round(e, Duration.ofSeconds(15));
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).status()).isEqualTo("resolved");
    assertThat(sent.get(1).alerts().get(0).endsAt()).isEqualTo(clock.instant());
    assertThat(sent.get(1).alerts().get(0).id()).isEqualTo(fired.id());
    assertThat(firingGauge).containsEntry("critical", 0);

    List<AlertRecord> history = SqliteAlertStore.open(dir).find(null, "fraud", 10);
    assertThat(history).singleElement().satisfies(a -> {
      assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
      assertThat(a.id()).isEqualTo(fired.id());
      assertThat(a.endsAt()).isEqualTo(clock.instant());
    });
  }

  @Test
  void pendingThatClearsIsDroppedWithoutNotice() {
    AlertEvaluator e = evaluator("{name: errors, model: fraud, when: 'error_rate > 0.05', for: 5m, notify: [rec]}");
    readings.put("fraud/v1", value(0.2));
    round(e, Duration.ZERO);
    assertThat(SqliteAlertStore.open(dir).find(AlertState.PENDING, null, 10)).hasSize(1);
    readings.put("fraud/v1", value(0.0));
    round(e, Duration.ofMinutes(1));
    assertThat(sent).isEmpty();
    assertThat(SqliteAlertStore.open(dir).find(null, null, 10)).isEmpty();
    assertThat(e.rules().get(0).state()).isEqualTo("inactive");
  }

  @Test
  void repeatsOnlyAfterRepeatInterval() {
    AlertEvaluator e = evaluator("{name: slow, model: fraud, when: 'latency_p99 > 0.2', repeat_interval: 1h, notify: [rec]}");
    readings.put("fraud/v1", value(0.5));
    round(e, Duration.ZERO);
    assertThat(sent).hasSize(1);
    round(e, Duration.ofMinutes(59));
    assertThat(sent).hasSize(1);
    round(e, Duration.ofMinutes(1));
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).status()).isEqualTo("firing");
  }

  @Test
  void noDataAndTooFewSamplesKeepTheState() {
    AlertEvaluator e = evaluator("{name: errors, model: fraud, when: 'error_rate > 0.05', min_samples: 100, notify: [rec]}");
    readings.put("fraud/v1", Reading.of(0.5, 3));   // three events: not enough to raise anything
    round(e, Duration.ZERO);
    assertThat(sent).isEmpty();
    RuleStatus.Evaluation ev = e.rules().get(0).evaluations().get(0);
    assertThat(ev.value()).isNull();
    assertThat(ev.noData()).contains("only 3 samples").contains("min_samples 100");
    assertThat(e.rules().get(0).state()).isEqualTo("no data");

    readings.put("fraud/v1", value(0.5));
    round(e, Duration.ofSeconds(15));
    assertThat(sent).hasSize(1);
    readings.put("fraud/v1", Reading.none("no traffic in the window", 0));   // quiet: still firing, not resolved
    round(e, Duration.ofSeconds(15));
    assertThat(e.rules().get(0).evaluations().get(0).state()).isEqualTo("firing");
    assertThat(e.rules().get(0).evaluations().get(0).noData()).isEqualTo("no traffic in the window");
    assertThat(sent).hasSize(1);
  }

  @Test
  void versionsOfOneModelFiringTogetherAreOneNotification() {
    AlertEvaluator e = evaluator("{name: drifted, model: '*', when: 'drift_share >= 0.5', notify: [rec]}");
    readings.put("fraud/v1", value(0.6));
    readings.put("fraud/v2", value(0.7));
    readings.put("intent/v1", value(0.9));
    readings.put("price/v1", value(0.1));
    round(e, Duration.ZERO);
    assertThat(sent).hasSize(2);
    Notification fraud = sent.stream().filter(n -> n.model().equals("fraud")).findFirst().orElseThrow();
    assertThat(fraud.alerts()).extracting(Notification.Alert::version).containsExactly("v1", "v2");
    assertThat(sent).noneMatch(n -> n.model().equals("price"));
    assertThat(firingGauge).containsEntry("warning", 3);
  }

  @Test
  void silencedAlertsFireQuietlyAndAreSentWhenTheSilenceEnds() {
    AlertEvaluator e = evaluator("{name: errors, model: fraud, when: 'error_rate > 0.05', notify: [rec]}");
    SqliteAlertStore store = SqliteAlertStore.open(dir);
    open.add(store);
    store.saveSilence(new Silence("s1", Map.of("rule", "errors", "model", "fraud"), T0, T0.plusSeconds(600), "deploy", T0));
    readings.put("fraud/v1", value(0.5));
    round(e, Duration.ZERO);
    assertThat(e.rules().get(0).state()).isEqualTo("firing");
    assertThat(sent).isEmpty();
    round(e, Duration.ofMinutes(11));   // silence over, still firing: now it is told
    assertThat(sent).hasSize(1);
  }

  @Test
  void restartKeepsFiringAlertsWithoutNotifyingAgain() {
    String rule = "{name: errors, model: fraud, when: 'error_rate > 0.05', notify: [rec]}";
    AlertEvaluator first = evaluator(rule);
    readings.put("fraud/v1", value(0.5));
    round(first, Duration.ZERO);
    assertThat(sent).hasSize(1);
    String id = sent.get(0).alerts().get(0).id();
    first.close();

    AlertEvaluator second = evaluator(rule);   // same data folder: as after a restart
    assertThat(firingGauge).containsEntry("warning", 1);
    round(second, Duration.ofSeconds(15));
    round(second, Duration.ofSeconds(15));
    assertThat(sent).hasSize(1);
    readings.put("fraud/v1", value(0.0));
    round(second, Duration.ofSeconds(15));
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).status()).isEqualTo("resolved");
    assertThat(sent.get(1).alerts().get(0).id()).isEqualTo(id);
  }

  @Test
  void alertmanagerHearsOfEveryFiringAlertAtEveryRoundAndOfItsResolution() {
    AlertEvaluator e = evaluator("{name: errors, model: fraud, when: 'error_rate > 0.05', for: 30s, notify: [rec, am]}");
    readings.put("fraud/v1", value(0.5));
    round(e, Duration.ZERO);   // pending: nothing for anyone
    assertThat(everyRound).isEmpty();
    round(e, Duration.ofSeconds(30));
    round(e, Duration.ofSeconds(15));
    round(e, Duration.ofSeconds(15));
    assertThat(everyRound).hasSize(3).allMatch(n -> n.status().equals("firing"));
    assertThat(sent).hasSize(1);
    readings.put("fraud/v1", value(0.0));
    round(e, Duration.ofSeconds(15));
    assertThat(everyRound).hasSize(4);
    assertThat(everyRound.get(3).status()).isEqualTo("resolved");
    assertThat(sent).hasSize(2);
  }
}
