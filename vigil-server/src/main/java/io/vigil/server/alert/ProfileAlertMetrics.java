package io.vigil.server.alert;

import io.vigil.dataset.Column;
import io.vigil.dataset.Dataset;
import io.vigil.detect.ChangeDetector;
import io.vigil.detect.ChangeDetectors;
import io.vigil.detect.DetectorState;
import io.vigil.profile.WindowProfile;
import io.vigil.report.DriftAnalysis;
import io.vigil.report.DriftOptions;
import io.vigil.report.DriftReport;
import io.vigil.report.FeatureDrift;
import io.vigil.server.aggregate.Aggregator;
import io.vigil.server.alert.AlertMetrics.Reading;
import io.vigil.server.registry.ModelInfo;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.storage.ReferenceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link AlertMetrics} over the aggregator's minute profiles, computed as the query APIs compute them: usage as
 * {@code /stats} (latency in seconds), drift as {@code /drift} against the version's reference with the default
 * methods, missing rate and anomaly fraction as {@code /quality}. Performance metrics come from a {@link
 * PerformanceSource}.
 *
 * <p>{@code detector(id, metric)} runs a fresh detector over the window's minutes, oldest first, and its value is
 * the number of drifts it signalled. For {@code error_rate} it reads the stream of 0/1 errors (each minute's
 * errors spread evenly over its events, as the minute keeps counts, not order); for the other usage metrics it
 * reads one value per minute with traffic. Give such rules a window long enough for the detector to learn what
 * normal is (an hour, say).
 *
 * <pre>{@code
 * AlertMetrics metrics = new ProfileAlertMetrics(registry, aggregator, references, PerformanceSource.NONE);
 * }</pre>
 */
public final class ProfileAlertMetrics implements AlertMetrics {

  private static final Duration MINUTE = Aggregator.MINUTE;

  private final ModelRegistry registry;
  private final Aggregator aggregator;
  private final ReferenceStore references;
  private final PerformanceSource performance;

  public ProfileAlertMetrics(ModelRegistry registry, Aggregator aggregator, ReferenceStore references,
      PerformanceSource performance) {
    this.registry = registry;
    this.aggregator = aggregator;
    this.references = references;
    this.performance = performance;
  }

  @Override
  public List<String> models() {
    return registry.all().stream().map(ModelInfo::name).sorted().toList();
  }

  @Override
  public List<String> versions(String model) {
    return aggregator.versions(model);
  }

  @Override
  public Reading read(AlertMetric metric, String model, String version, Instant from, Instant to) {
    if (metric.kind() == AlertMetric.Kind.PERFORMANCE) {
      return performance.read(metric.name(), model, version, from, to)
          .orElse(Reading.none("no performance data (labels or estimates) for this metric yet", 0));
    }
    if (metric.kind() == AlertMetric.Kind.DETECTOR) {
      return detector(metric, model, version, from, to);
    }
    Optional<WindowProfile> window = aggregator.window(model, version, from, to);
    if (window.isEmpty() || window.get().count() == 0) {
      return Reading.none("no traffic in the window", 0);
    }
    WindowProfile w = window.get();
    return switch (metric.kind()) {
      case USAGE -> usage(metric.name(), w, seconds(from, to));
      case DRIFT -> drift(metric, model, version, w);
      default -> quality(metric, model, version, w);
    };
  }

  static Reading usage(String name, WindowProfile w, double seconds) {
    long n = w.count();
    return switch (name) {
      case "error_rate" -> Reading.of((double) w.errors() / n, n);
      case "rps" -> Reading.of(n / seconds, n);
      case "mean_confidence" -> w.confidence().finiteCount() == 0 ? Reading.none("no confidence reported", n)
          : Reading.of(w.confidence().moments().mean(), w.confidence().finiteCount());
      default -> {
        if (w.latencyMs().finiteCount() == 0) {
          yield Reading.none("no latency reported", n);
        }
        double q = Integer.parseInt(name.substring("latency_p".length())) / 100.0;
        yield Reading.of(w.latencyMs().distribution().quantile(q) / 1000.0, w.latencyMs().finiteCount());
      }
    };
  }

  private Reading drift(AlertMetric metric, String model, String version, WindowProfile w) {
    Optional<Dataset> reference = references.find(model, version);
    if (reference.isEmpty()) {
      return Reading.none("version has no reference", w.count());
    }
    DriftReport report = DriftAnalysis.compare(reference.get(), w.features("traffic of " + model + "/" + version),
        DriftOptions.defaults());
    if (metric.feature() == null) {
      return report.testedCount() == 0 ? Reading.none("no feature could be tested", w.count())
          : Reading.of(report.driftShare(), w.count());
    }
    for (FeatureDrift f : report.features()) {
      if (f.name().equals(metric.feature())) {
        return f.result().map(r -> Reading.of(r.statistic(), w.count()))
            .orElse(Reading.none("feature '" + metric.feature() + "' not tested: " + f.skipped().orElse("?"), w.count()));
      }
    }
    return Reading.none("no feature '" + metric.feature() + "' in both reference and traffic", w.count());
  }

  private Reading quality(AlertMetric metric, String model, String version, WindowProfile w) {
    if (metric.name().equals("anomaly_fraction")) {
      return references.find(model, version).isEmpty() ? Reading.none("version has no reference", w.count())
          : Reading.of((double) w.anomalies() / w.count(), w.count());
    }
    Optional<Column> column = w.features("traffic").column(metric.feature());
    if (column.isEmpty() || column.get().rows() == 0) {
      return Reading.none("no feature '" + metric.feature() + "' in the window's traffic", w.count());
    }
    Column c = column.get();
    return Reading.of((double) c.missing() / c.rows(), c.rows());
  }

  private Reading detector(AlertMetric metric, String model, String version, Instant from, Instant to) {
    ChangeDetector detector = ChangeDetectors.create(metric.detector(), Map.of());
    long samples = 0;
    int drifts = 0;
    Instant start = Instant.ofEpochMilli(Math.floorDiv(from.toEpochMilli(), MINUTE.toMillis()) * MINUTE.toMillis());
    for (Instant t = start; t.isBefore(to); t = t.plus(MINUTE)) {
      Optional<WindowProfile> minute = aggregator.window(model, version, t, t.plus(MINUTE));
      if (minute.isEmpty() || minute.get().count() == 0) {
        continue;
      }
      WindowProfile w = minute.get();
      samples += w.count();
      if (metric.name().equals("error_rate")) {
        long n = w.count();
        long errors = w.errors();
        for (long i = 0; i < n; i++) {   // the i-th event is an error when floor((i+1)e/n) steps up: e spread evenly
          long before = i * errors / n;
          long after = (i + 1) * errors / n;
          drifts += detector.update(after > before ? 1 : 0) == DetectorState.DRIFT ? 1 : 0;
        }
      } else {
        Reading r = usage(metric.name(), w, MINUTE.toSeconds());
        if (r.hasValue()) {
          drifts += detector.update(r.value()) == DetectorState.DRIFT ? 1 : 0;
        }
      }
    }
    return samples == 0 ? Reading.none("no traffic in the window", 0) : Reading.of(drifts, samples);
  }

  private static double seconds(Instant from, Instant to) {
    return Math.max(1, to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
  }
}
