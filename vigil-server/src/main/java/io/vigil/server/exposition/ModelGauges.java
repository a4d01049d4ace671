package io.vigil.server.exposition;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vigil.dataset.Dataset;
import io.vigil.profile.WindowProfile;
import io.vigil.report.DriftAnalysis;
import io.vigil.report.DriftOptions;
import io.vigil.report.DriftReport;
import io.vigil.report.FeatureDrift;
import io.vigil.server.aggregate.Aggregator;
import io.vigil.server.api.PerformanceRoutes;
import io.vigil.server.registry.ModelInfo;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.storage.ReferenceStore;
import io.vigil.server.storage.TrafficCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-model metrics of SPEC section 5 that come from the profiles rather than from counting events: labels,
 * label coverage, realized and estimated performance ({@code vigil_model_<metric>{kind}}), feature drift scores
 * and decisions, and the dataset drift share. Computed at scrape time over the last {@link #WINDOW}, and reused
 * for {@link #CACHE} so that several scrapers do not redo the work.
 *
 * <pre>{@code
 * ModelGauges.register(metrics.registry(), registry, aggregator, references, performance, traffic, clock);
 * }</pre>
 */
public final class ModelGauges {

  /** How far back the gauges look. */
  public static final Duration WINDOW = Duration.ofHours(1);
  static final Duration CACHE = Duration.ofSeconds(5);
  /** The performance metrics exposed as {@code vigil_model_<name>}. */
  public static final List<String> METRICS = List.of("accuracy", "precision", "recall", "f1", "roc_auc", "log_loss",
      "brier_score", "mae", "rmse", "mape", "r2");

  /** One model version's state. */
  record Row(String model, String version, double coverage, Map<String, Double> realized,
      Map<String, Double> estimated, List<FeatureDrift> drift, Double driftShare) {}

  private final ModelRegistry registry;
  private final Aggregator aggregator;
  private final ReferenceStore references;
  private final PerformanceRoutes performance;
  private final Clock clock;
  private volatile List<Row> rows = List.of();
  private volatile long computedAt;   // 0: never (the epoch is long ago)

  private ModelGauges(ModelRegistry registry, Aggregator aggregator, ReferenceStore references,
      PerformanceRoutes performance, Clock clock) {
    this.registry = registry;
    this.aggregator = aggregator;
    this.references = references;
    this.performance = performance;
    this.clock = clock;
  }

  public static void register(PrometheusRegistry prometheus, ModelRegistry registry, Aggregator aggregator,
      ReferenceStore references, PerformanceRoutes performance, TrafficCounts traffic, Clock clock) {
    ModelGauges g = new ModelGauges(registry, aggregator, references, performance, clock);
    CounterWithCallback.builder().name("vigil_labels_total").help("Labels joined to a prediction, by model and version")
        .labelNames("model", "version")
        .callback(cb -> traffic.forEach((m, v, t) -> {
          if (t.labels() > 0) {
            cb.call(t.labels(), m, v);
          }
        })).register(prometheus);
    GaugeWithCallback.builder().name("vigil_label_coverage").help("Share of the last hour's predictions labeled")
        .labelNames("model", "version")
        .callback(cb -> g.rows().forEach(r -> cb.call(r.coverage(), r.model(), r.version()))).register(prometheus);
    for (String metric : METRICS) {
      GaugeWithCallback.builder().name("vigil_model_" + metric)
          .help("The last hour's " + metric + ", realized from labels or estimated from scores (CBPE)")
          .labelNames("model", "version", "kind")
          .callback(cb -> g.rows().forEach(r -> {
            Double realized = r.realized().get(metric);
            if (realized != null) {
              cb.call(realized, r.model(), r.version(), "realized");
            }
            Double estimated = r.estimated().get(metric);
            if (estimated != null) {
              cb.call(estimated, r.model(), r.version(), "estimated");
            }
          })).register(prometheus);
    }
    GaugeWithCallback.builder().name("vigil_feature_drift_score")
        .help("Drift statistic of each feature, last hour against the version's reference")
        .labelNames("model", "version", "feature", "method")
        .callback(cb -> g.rows().forEach(r -> r.drift().forEach(f -> f.result().ifPresent(d ->
            cb.call(d.statistic(), r.model(), r.version(), f.name(), d.method()))))).register(prometheus);
    GaugeWithCallback.builder().name("vigil_feature_drift_detected")
        .help("1 when the feature drifted (last hour against the reference), else 0")
        .labelNames("model", "version", "feature")
        .callback(cb -> g.rows().forEach(r -> r.drift().forEach(f -> f.result().ifPresent(d ->
            cb.call(f.drifted() ? 1 : 0, r.model(), r.version(), f.name()))))).register(prometheus);
    GaugeWithCallback.builder().name("vigil_dataset_drift_share")
        .help("Share of features drifted, last hour against the version's reference")
        .labelNames("model", "version")
        .callback(cb -> g.rows().forEach(r -> {
          if (r.driftShare() != null) {
            cb.call(r.driftShare(), r.model(), r.version());
          }
        })).register(prometheus);
  }

  private List<Row> rows() {
    long now = clock.millis();
    if (now - computedAt < CACHE.toMillis()) {
      return rows;
    }
    synchronized (this) {
      if (now - computedAt >= CACHE.toMillis()) {
        rows = compute(Instant.ofEpochMilli(now));
        computedAt = now;
      }
      return rows;
    }
  }

  private List<Row> compute(Instant now) {
    List<Row> out = new ArrayList<>();
    for (ModelInfo m : registry.all()) {
      for (String version : aggregator.versions(m.name())) {
        Optional<WindowProfile> w = aggregator.window(m.name(), version, now.minus(WINDOW), now);
        if (w.isEmpty() || w.get().count() == 0) {
          continue;
        }
        List<FeatureDrift> drift = List.of();
        Double share = null;
        Optional<Dataset> reference = references.find(m.name(), version);
        if (reference.isPresent() && w.get().count() > w.get().errors()) {
          DriftReport report = DriftAnalysis.compare(reference.get(), w.get().features("last hour"),
              DriftOptions.defaults());
          drift = report.features();
          share = report.driftShare();
        }
        out.add(new Row(m.name(), version, PerformanceRoutes.coverage(w.get()), PerformanceRoutes.realized(w.get()),
            PerformanceRoutes.estimated(w.get(), performance.cbpe(m.name(), version)), drift, share));
      }
    }
    return out;
  }
}
