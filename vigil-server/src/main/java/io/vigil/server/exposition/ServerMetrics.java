package io.vigil.server.exposition;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vigil.event.PredictionEvent;
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
    predictions.labelValues(e.model(), e.version(), e.status() == PredictionEvent.Status.OK ? "ok" : "error").inc();
    e.latencyMs().ifPresent(ms -> latency.labelValues(e.model(), e.version()).observe(ms / 1000.0));
    e.confidence().ifPresent(c -> confidence.labelValues(e.model(), e.version()).observe(c));
    if (e.prediction() != null && !(e.prediction() instanceof Double)) {
      classes.labelValues(e.model(), e.version(), boundedClass(e)).inc();
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

  /** Counts a notification that {@code notifier} could not deliver. */
  public void notificationFailed(String notifier) {
    notificationsFailed.labelValues(notifier).inc();
  }

  private String boundedClass(PredictionEvent e) {
    String label = String.valueOf(e.prediction());
    Set<String> seen = seenClasses.computeIfAbsent(e.model() + '\u0000' + e.version(),
        k -> ConcurrentHashMap.newKeySet());
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
