package io.vigil.server.alert;

import io.vigil.server.alert.AlertMetrics.Reading;
import io.vigil.server.notify.Notification;
import io.vigil.server.notify.NotificationDispatcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every rule every {@code evaluation_interval} against the stored profiles and moves its alerts through
 * pending → firing → resolved (Prometheus's semantics): a condition that holds makes an alert pending, one that
 * held for the rule's {@code for} makes it fire, one that stops holding resolves it (a pending one is dropped).
 * A reading without data, or on fewer than {@code min_samples} samples, changes nothing.
 *
 * <p>Notifications: a firing alert is sent once, then again after the rule's {@code repeat_interval}; its
 * resolution is sent when its firing was. Alerts of one rule and one model that change together are sent as one
 * notification. Silenced alerts change state but send nothing; after the silence ends a still-firing alert is sent.
 * Alertmanager notifiers hear of every firing alert at every evaluation (see {@code AlertmanagerNotifier}).
 * Every change is written to the {@link AlertStore} before it is announced, and the active alerts are read back
 * from it at start-up, so a restart re-sends nothing.
 *
 * <p><b>One evaluator among several instances.</b> Each round first asks the {@link EvaluatorLease}; an instance
 * that does not hold it evaluates nothing and sends nothing ({@link #evaluating()} false, its firing gauge at 0,
 * its rules shown as {@code standby}). An instance that gains the lease reads the pending and firing alerts back
 * from the shared store first, exactly as at start-up, so a takeover re-sends nothing and forgets nothing.
 *
 * <pre>{@code
 * AlertEvaluator evaluator = new AlertEvaluator(settings, metrics, store, dispatcher, Clock.systemUTC(), gauge);
 * evaluator.start();           // every evaluation_interval on a thread of its own
 * evaluator.evaluate();        // or one round now (tests, with a manual clock)
 * }</pre>
 */
public final class AlertEvaluator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluator.class);

  private final AlertSettings settings;
  private final AlertMetrics metrics;
  private final AlertStore store;
  private final EvaluatorLease lease;
  private final NotificationDispatcher dispatcher;
  private final Clock clock;
  private final Consumer<Map<Severity, Integer>> firingGauge;
  private final Map<String, AlertRecord> active = new LinkedHashMap<>();
  private volatile List<RuleStatus> statuses;
  /** Whether this instance held the lease at its last round (and so has the active alerts in memory). */
  private volatile boolean leading;
  private ScheduledExecutorService scheduler;

  /** The only evaluator of {@code store}; {@code firingGauge} receives the firing alerts per severity. */
  public AlertEvaluator(AlertSettings settings, AlertMetrics metrics, AlertStore store,
      NotificationDispatcher dispatcher, Clock clock, Consumer<Map<Severity, Integer>> firingGauge) {
    this(settings, metrics, new AlertStorage(store, EvaluatorLease.alone("default")), dispatcher, clock, firingGauge);
  }

  /**
   * An evaluator that evaluates while it holds {@code storage}'s lease; {@code firingGauge} receives the number
   * of firing alerts per severity after each evaluation (all 0 while another instance evaluates).
   */
  public AlertEvaluator(AlertSettings settings, AlertMetrics metrics, AlertStorage storage,
      NotificationDispatcher dispatcher, Clock clock, Consumer<Map<Severity, Integer>> firingGauge) {
    this.settings = settings;
    this.metrics = metrics;
    this.store = storage.store();
    this.lease = storage.lease();
    this.dispatcher = dispatcher;
    this.clock = clock;
    this.firingGauge = firingGauge;
    if (lease.hold()) {
      takeOver();
      statuses = standby("no data");
    } else {
      statuses = standby("standby");
    }
    publishGauge();
  }

  /** Reads the active alerts of the configured rules back from the store (at start-up, or on gaining the lease). */
  private void takeOver() {
    active.clear();
    Set<String> rules = new LinkedHashSet<>();
    settings.rules().forEach(r -> rules.add(r.name()));
    for (AlertRecord a : store.active()) {
      if (rules.contains(a.rule())) {
        active.put(key(a.rule(), a.model(), a.version()), a);
      } else if (a.state() == AlertState.PENDING) {   // its rule left the configuration
        store.delete(a.id());
      } else {   // close it quietly rather than leave it firing forever
        store.save(a.resolve(clock.instant()));
      }
    }
    leading = true;
  }

  /** Every rule in one state, not evaluated yet. */
  private List<RuleStatus> standby(String state) {
    List<RuleStatus> out = new ArrayList<>();
    settings.rules().forEach(r -> out.add(status(r, state, null, List.of())));
    return List.copyOf(out);
  }

  /** Whether this instance evaluated the rules at its last round (always, without a shared store). */
  public boolean evaluating() {
    return leading;
  }

  /** The instance that evaluates the rules now, as far as this one can see (README, "Scaling out"). */
  public java.util.Optional<String> evaluator() {
    return lease.holder();
  }

  /** Evaluates every {@code evaluation_interval}, on a daemon thread, until {@link #close}. */
  public synchronized void start() {
    if (scheduler != null || settings.rules().isEmpty()) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "vigil-alert-evaluator");
      t.setDaemon(true);
      return t;
    });
    long every = settings.evaluationInterval().toMillis();
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        evaluate();
      } catch (RuntimeException e) {   // a failing round must not end the schedule
        LOG.error("alert evaluation failed", e);
      }
    }, every, every, TimeUnit.MILLISECONDS);
  }

  /** The rules with their latest evaluation. */
  public List<RuleStatus> rules() {
    return statuses;
  }

  /** One evaluation of every rule, at the clock's time. */
  public synchronized void evaluate() {
    if (!lease.hold()) {
      if (leading) {
        LOG.info("another instance evaluates the alert rules now");
        leading = false;
        active.clear();
        statuses = standby("standby");
        publishGauge();
      }
      return;
    }
    if (!leading) {
      takeOver();
      LOG.info("this instance evaluates the alert rules now ({} active alerts taken over)", active.size());
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);   // the store keeps milliseconds
    List<Silence> silences = store.silences();
    List<RuleStatus> out = new ArrayList<>();
    for (AlertRule rule : settings.rules()) {
      out.add(evaluate(rule, now, silences));
    }
    statuses = List.copyOf(out);
    publishGauge();
  }

  private RuleStatus evaluate(AlertRule rule, Instant now, List<Silence> silences) {
    Set<List<String>> targets = new LinkedHashSet<>();
    for (String model : rule.everyModel() ? metrics.models() : List.of(rule.model())) {
      metrics.versions(model).forEach(v -> targets.add(List.of(model, v)));
    }
    active.values().stream().filter(a -> a.rule().equals(rule.name()))
        .forEach(a -> targets.add(List.of(a.model(), a.version())));   // a version gone quiet keeps its alert
    Map<String, Group> groups = new LinkedHashMap<>();
    List<RuleStatus.Evaluation> evaluations = new ArrayList<>();
    for (List<String> target : targets) {
      String model = target.get(0);
      String version = target.get(1);
      Reading reading = read(rule, model, version, now);
      String k = key(rule.name(), model, version);
      AlertRecord before = active.get(k);
      AlertRecord after = reading.hasValue() ? step(rule, before, model, version, reading.value(), now) : before;
      Group group = groups.computeIfAbsent(model, m -> new Group());
      if (after != null && after.state() == AlertState.FIRING) {
        boolean muted = silences.stream().anyMatch(s -> s.mutes(after, now));
        AlertRecord current = after;
        if (!muted && (after.lastNotifiedAt() == null
            || !now.isBefore(after.lastNotifiedAt().plus(rule.repeatInterval())))) {
          current = after.notified(now);
          group.firingDue.add(current);
        }
        if (!muted) {
          group.firingNow.add(current);
        }
        active.put(k, current);
        store.save(current);
      } else if (after != null && after.state() == AlertState.PENDING) {
        active.put(k, after);
        store.save(after);
      } else if (before != null) {
        active.remove(k);
        if (after == null) {
          store.delete(before.id());
        } else {
          store.save(after);
          if (after.lastNotifiedAt() != null && silences.stream().noneMatch(s -> s.mutes(after, now))) {
            group.resolved.add(after);
          }
        }
      }
      AlertRecord shown = active.get(k);
      evaluations.add(new RuleStatus.Evaluation(model, version, reading.value(), reading.samples(),
          shown == null ? "inactive" : shown.state().id(), reading.noData()));
    }
    groups.forEach((model, g) -> g.send(rule, model));
    String state = evaluations.stream().anyMatch(e -> e.state().equals("firing")) ? "firing"
        : evaluations.stream().anyMatch(e -> e.state().equals("pending")) ? "pending"
        : evaluations.stream().allMatch(e -> e.noData() != null) ? "no data" : "inactive";
    return status(rule, state, now, evaluations);
  }

  private Reading read(AlertRule rule, String model, String version, Instant now) {
    Reading r;
    try {
      r = metrics.read(rule.condition().metric(), model, version, now.minus(rule.window()), now);
    } catch (RuntimeException e) {
      LOG.warn("rule {}: cannot compute {} of {}/{}: {}", rule.name(), rule.condition().metric(), model, version,
          e.toString());
      return Reading.none("cannot compute: " + e.getMessage(), 0);
    }
    if (r.hasValue() && !Double.isFinite(r.value())) {
      return Reading.none("the value is not a finite number (" + r.value() + ")", r.samples());
    }
    if (r.hasValue() && r.samples() < rule.minSamples()) {
      return new Reading(null, r.samples(), "only " + r.samples() + " samples in the window (min_samples "
          + rule.minSamples() + ")");
    }
    return r;
  }

  /** The state machine: the alert after a reading of {@code value}; null when there is none (or it was dropped). */
  static AlertRecord step(AlertRule rule, AlertRecord before, String model, String version, double value,
      Instant now) {
    boolean holds = rule.condition().holds(value);
    if (!holds) {
      return before == null || before.state() == AlertState.PENDING ? null : before.resolve(now);
    }
    String summary = summary(rule, model, version, value);
    AlertRecord a = before != null ? before.withValue(value, summary)
        : new AlertRecord(UUID.randomUUID().toString(), rule.name(), model, version, rule.severity(),
            AlertState.PENDING, value, rule.condition().threshold(), now, now, null, summary, null);
    if (a.state() == AlertState.PENDING && !now.isBefore(a.activeAt().plus(rule.holdFor()))) {
      a = a.fire(now);
    }
    return a;
  }

  static String summary(AlertRule rule, String model, String version, double value) {
    Map<String, String> values = new HashMap<>();
    values.put("value", Summary.number(value));
    values.put("threshold", Summary.number(rule.condition().threshold()));
    values.put("model", model);
    values.put("version", version);
    values.put("rule", rule.name());
    values.put("metric", rule.condition().metric().toString());
    values.put("severity", rule.severity().id());
    return Summary.render(rule.summary(), values);
  }

  private RuleStatus status(AlertRule r, String state, Instant at, List<RuleStatus.Evaluation> evaluations) {
    return new RuleStatus(r.name(), r.model(), r.condition().toString(), format(r.window()), format(r.holdFor()),
        r.severity().id(), r.notifiers(), r.minSamples(), state, at, evaluations);
  }

  private void publishGauge() {
    Map<Severity, Integer> firing = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      firing.put(s, 0);
    }
    active.values().stream().filter(a -> a.state() == AlertState.FIRING)
        .forEach(a -> firing.merge(a.severity(), 1, Integer::sum));
    firingGauge.accept(firing);
  }

  /** What one model's alerts of one rule need to send after a round. */
  private final class Group {
    final List<AlertRecord> firingDue = new ArrayList<>();
    final List<AlertRecord> firingNow = new ArrayList<>();
    final List<AlertRecord> resolved = new ArrayList<>();

    void send(AlertRule rule, String model) {
      List<String> once = rule.notifiers().stream()
          .filter(n -> !dispatcher.notifiers().get(n).resendsEveryEvaluation()).toList();
      List<String> every = rule.notifiers().stream()
          .filter(n -> dispatcher.notifiers().get(n).resendsEveryEvaluation()).toList();
      dispatch(once, rule, model, "firing", firingDue);
      dispatch(every, rule, model, "firing", firingNow);
      dispatch(rule.notifiers(), rule, model, "resolved", resolved);
    }

    private void dispatch(List<String> names, AlertRule rule, String model, String status, List<AlertRecord> alerts) {
      if (names.isEmpty() || alerts.isEmpty()) {
        return;
      }
      List<Notification.Alert> list = new ArrayList<>();
      for (AlertRecord a : alerts) {
        list.add(new Notification.Alert(a.id(), status, a.rule(), a.model(), a.version(), a.severity().id(),
            a.value(), a.threshold(), a.startsAt(), a.endsAt(), a.summary(), rule.condition().toString()));
      }
      dispatcher.dispatch(names, new Notification(status, rule.name(), model, rule.severity().id(), list));
    }
  }

  static String key(String rule, String model, String version) {
    return rule + '\u0000' + model + '\u0000' + version;
  }

  private static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    long s = d.toSeconds();
    return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : d.toMillis() % 1000 == 0 ? s + "s"
        : d.toMillis() + "ms";
  }

  /** Stops the schedule (queued notifications are the dispatcher's to finish). */
  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      scheduler = null;
    }
  }
}
