package io.vigil.server.api;

import io.vigil.dataset.Dataset;
import io.vigil.profile.WindowProfile;
import io.vigil.report.DriftAnalysis;
import io.vigil.report.DriftOptions;
import io.vigil.report.DriftReport;
import io.vigil.server.aggregate.Aggregator;
import io.vigil.server.storage.ReferenceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The health summary of {@code GET /api/v1/models}: per model, the version serving most of the last 15 minutes'
 * traffic —
 * traffic, error rate, p99 latency, mean confidence, drift share against the reference — and a status a person
 * can sort by.
 *
 * <p>Status, worst first: {@code critical} when the error rate is over 10 % or the dataset drifted (drift share
 * at or over the dataset threshold); {@code warning} when the error rate is over 2 % or any feature drifted;
 * {@code no_traffic} when the window is empty; else {@code ok}. {@code reasons} says which rule applied.
 */
public final class ModelHealth {

  /** How far back the summary looks. */
  public static final Duration WINDOW = Duration.ofMinutes(15);
  static final double CRITICAL_ERROR_RATE = 0.10;
  static final double WARNING_ERROR_RATE = 0.02;

  /** One model's summary. Nulls where there is nothing to say (no latency sent, no reference). */
  public record Health(String status, String version, String window, long count, Double errorRate, Double rps,
      Double latencyP99Ms, Double meanConfidence, Double driftShare, List<String> reasons) {}

  private final Aggregator aggregator;
  private final ReferenceStore references;
  private final Clock clock;

  public ModelHealth(Aggregator aggregator, ReferenceStore references, Clock clock) {
    this.aggregator = aggregator;
    this.references = references;
    this.clock = clock;
  }

  /** The summary of a model's busiest version over the window. */
  public Health of(String model) {
    Instant to = clock.instant();
    Instant from = to.minus(WINDOW);
    List<String> versions = aggregator.versions(model);
    if (versions.isEmpty()) {
      return new Health("no_traffic", null, "15m", 0, null, null, null, null, null, List.of("no events yet"));
    }
    String version = versions.get(versions.size() - 1);
    WindowProfile newest = null;
    for (String v : versions) {   // the version serving most of the traffic
      Optional<WindowProfile> w = aggregator.window(model, v, from, to);
      if (w.isPresent() && (newest == null || w.get().count() >= newest.count())) {
        version = v;
        newest = w.get();
      }
    }
    if (newest == null || newest.count() == 0) {
      return new Health("no_traffic", version, "15m", 0, null, null, null, null, null,
          List.of("no events in the last 15 minutes"));
    }
    StatsRoutes.Usage u = StatsRoutes.usage(Optional.of(newest), WINDOW.toSeconds());
    List<String> critical = new ArrayList<>();
    List<String> warning = new ArrayList<>();
    if (u.errorRate() > CRITICAL_ERROR_RATE) {
      critical.add(String.format("error rate %.1f %% > %.0f %%", 100 * u.errorRate(), 100 * CRITICAL_ERROR_RATE));
    } else if (u.errorRate() > WARNING_ERROR_RATE) {
      warning.add(String.format("error rate %.1f %% > %.0f %%", 100 * u.errorRate(), 100 * WARNING_ERROR_RATE));
    }
    Double driftShare = null;
    Optional<Dataset> reference = references.find(model, version);
    if (reference.isPresent() && newest.count() > newest.errors()) {
      DriftReport report = DriftAnalysis.compare(reference.get(), newest.features("last 15 minutes"),
          DriftOptions.defaults());
      driftShare = report.driftShare();
      if (report.datasetDrift()) {
        critical.add(String.format("dataset drift: %.0f %% of features drifted", 100 * driftShare));
      } else if (driftShare > 0) {
        warning.add(String.format("%.0f %% of features drifted", 100 * driftShare));
      }
    }
    String status = !critical.isEmpty() ? "critical" : !warning.isEmpty() ? "warning" : "ok";
    List<String> reasons = new ArrayList<>(critical);
    reasons.addAll(warning);
    return new Health(status, version, "15m", u.count(), u.errorRate(), u.rps(), u.latencyP99Ms(), u.meanConfidence(),
        driftShare, reasons);
  }
}
