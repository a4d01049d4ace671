package io.vigil.server.exposition;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vigil.event.PredictionEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's Prometheus metrics (SPEC section 5), each registered once with its label names, in a registry of
 * its own (not the global default, so two servers in one JVM, as in tests, do not share counts).
 *
 * <pre>{@code
 * ServerMetrics metrics = new ServerMetrics();
 * metrics.accepted(event);
 * metrics.rejected("validation", 3);
 * }</pre>
 *
 * <p>Label cardinality is bounded: at most {@link #MAX_CLASSES} predicted classes per model and version are
 * tracked; the rest count as {@code other}.
 */
public final class ServerMetrics {

  static final int MAX_CLASSES = 50;
  private static final double[] CONFIDENCE_BUCKETS = {.5, .6, .7, .8, .9, .95, .99, 1};

  private final PrometheusRegistry registry = new PrometheusRegistry();
  // no exemplars: no trace ids come with the events, and sampling them was a measurable share of ingest

  private final Counter predictions = Counter.builder().name("vigil_predictions_total")
      .help("Predictions received, by model, version and status").labelNames("model", "version", "status")
      .withoutExemplars().register(registry);
  private final Histogram latency = Histogram.builder().name("vigil_prediction_latency_seconds")
      .help("Prediction latency reported by the model server").labelNames("model", "version")
      .classicOnly().classicExponentialUpperBounds(0.001, 2, 14).withoutExemplars().register(registry);
  private final Histogram confidence = Histogram.builder().name("vigil_prediction_confidence")
      .help("Confidence of predictions (largest score unless sent)").labelNames("model", "version")
      .classicOnly().classicUpperBounds(CONFIDENCE_BUCKETS).withoutExemplars().register(registry);
  private final Counter classes = Counter.builder().name("vigil_predicted_class_total")
      .help("Predicted classes").labelNames("model", "version", "class").withoutExemplars()
      .register(registry);
  private final Counter rejectedEvents = Counter.builder().name("vigil_ingest_rejected_total")
      .help("Events or requests refused at ingest, by reason").labelNames("reason").register(registry);
  private final Gauge alertsFiring = Gauge.builder().name("vigil_alerts_firing")
      .help("Alerts firing now, by severity").labelNames("severity").register(registry);
  private final Counter notificationsFailed = Counter.builder().name("vigil_notifications_failed_total")
      .help("Notifications given up after their retries, by notifier").labelNames("notifier").register(registry);
  private final Map<String, Set<String>> seenClasses = new ConcurrentHashMap<>();

  public ServerMetrics() {
    JvmMetrics.builder().register(registry);
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  /** Counts an accepted event in every metric it feeds. */
  /**
   * Starts the prediction counters from a checkpoint's totals, so they continue after a restart instead of falling
   * back to the events replayed since it (histograms do restart, as any process's do).
   */
  public void restore(java.util.List<io.vigil.server.storage.ProfileStore.Totals> totals) {
    for (io.vigil.server.storage.ProfileStore.Totals t : totals) {
      if (t.count() > t.errors()) {
        predictions.labelValues(t.model(), t.version(), "ok").inc(t.count() - t.errors());
      }
      if (t.errors() > 0) {
        predictions.labelValues(t.model(), t.version(), "error").inc(t.errors());
      }
    }
  }

  public void accepted(PredictionEvent e) {
    accepted(List.of(e));
  }

  /**
   * Counts accepted events. The series of a model version are looked up once for each run of its events, not once
   * per event: a batch is usually one model version, and each lookup allocates its label values.
   */
  public void accepted(List<PredictionEvent> events) {
    Series s = null;
    for (PredictionEvent e : events) {
      if (s == null || !s.model.equals(e.model()) || !s.version.equals(e.version())) {
        s = new Series(e.model(), e.version());
      }
      s.count(e);
    }
  }

  /** The data points of one model version, looked up when first needed. */
  private final class Series {
    final String model;
    final String version;
    private CounterDataPoint ok;
    private CounterDataPoint error;
    private DistributionDataPoint latencies;
    private DistributionDataPoint confidences;
    private Set<String> seen;
    private Map<String, CounterDataPoint> predicted;

    Series(String model, String version) {
      this.model = model;
      this.version = version;
    }

    void count(PredictionEvent e) {
      if (e.status() == PredictionEvent.Status.OK) {
        (ok == null ? ok = predictions.labelValues(model, version, "ok") : ok).inc();
      } else {
        (error == null ? error = predictions.labelValues(model, version, "error") : error).inc();
      }
      if (e.latencyMs().isPresent()) {
        (latencies == null ? latencies = latency.labelValues(model, version) : latencies)
            .observe(e.latencyMs().getAsDouble() / 1000.0);
      }
      if (e.confidence().isPresent()) {
        (confidences == null ? confidences = confidence.labelValues(model, version) : confidences)
            .observe(e.confidence().getAsDouble());
      }
      if (e.prediction() != null && !(e.prediction() instanceof Double)) {
        if (seen == null) {
          seen = seenClasses.computeIfAbsent(model + '\u0000' + version, k -> ConcurrentHashMap.newKeySet());
          predicted = new HashMap<>();
        }
        String label = boundedClass(seen, String.valueOf(e.prediction()));
        CounterDataPoint c = predicted.get(label);
        if (c == null) {
          c = classes.labelValues(model, version, label);
          predicted.put(label, c);
        }
        c.inc();
      }
    }
  }

  /** Counts {@code n} refusals for {@code reason} (validation, malformed, too_large, unsupported_media_type). */
  public void rejected(String reason, long n) {
    if (n > 0) {
      rejectedEvents.labelValues(reason).inc(n);
    }
  }

  /** Sets {@code vigil_alerts_firing{severity}} for each severity given (keys like {@code CRITICAL}). */
  public void alertsFiring(Map<? extends Enum<?>, Integer> bySeverity) {
    bySeverity.forEach((severity, n) -> alertsFiring.labelValues(severity.name().toLowerCase(java.util.Locale.ROOT)).set(n));
  }

  /**
   * Registers {@code vigil_alert_evaluator{instance}}: 1 while this instance evaluates the alert rules, 0 while
   * another one of a shared store does (README, "Scaling out").
   */
  public void alertEvaluator(String instance, java.util.function.BooleanSupplier evaluating) {
    io.prometheus.metrics.core.metrics.GaugeWithCallback.builder().name("vigil_alert_evaluator")
        .help("1 when this instance evaluates the alert rules and sends their notifications, else 0")
        .labelNames("instance").callback(cb -> cb.call(evaluating.getAsBoolean() ? 1 : 0, instance))
        .register(registry);
  }

  /**
   * Registers {@code vigil_ingest_in_flight}, the ingest requests admitted and not yet answered, and {@code
   * vigil_ingest_in_flight_limit}, past which they are answered 429: their ratio is how close ingest is to turning
   * requests away.
   */
  public void ingestInFlight(int limit, java.util.function.IntSupplier inFlight) {
    io.prometheus.metrics.core.metrics.GaugeWithCallback.builder().name("vigil_ingest_in_flight")
        .help("Ingest requests admitted and not yet answered (stored, counted and answered in groups)")
        .callback(cb -> cb.call(inFlight.getAsInt())).register(registry);
    io.prometheus.metrics.core.metrics.GaugeWithCallback.builder().name("vigil_ingest_in_flight_limit")
        .help("Ingest requests admitted at once (--max-in-flight); more are answered 429 with Retry-After")
        .callback(cb -> cb.call(limit)).register(registry);
  }

  /** Counts a notification that {@code notifier} could not deliver. */
  public void notificationFailed(String notifier) {
    notificationsFailed.labelValues(notifier).inc();
  }

  private static String boundedClass(Set<String> seen, String label) {
    if (seen.contains(label)) {
      return label;
    }
    synchronized (seen) {
      if (seen.size() < MAX_CLASSES) {
        seen.add(label);
        return label;
      }
    }
    return "other";
  }
}
