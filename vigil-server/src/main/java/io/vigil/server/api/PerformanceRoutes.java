package io.vigil.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.vigil.performance.Cbpe;
import io.vigil.performance.ClassificationProfile;
import io.vigil.performance.EstimatedMetric;
import io.vigil.performance.EstimationResult;
import io.vigil.performance.MetricValue;
import io.vigil.performance.PerformanceCodec;
import io.vigil.profile.WindowProfile;
import io.vigil.server.aggregate.Aggregator;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.storage.LabelStore;
import io.vigil.server.storage.ReferenceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code GET /api/v1/models/{model}/performance?version=&from=&to=&step=}: realized metrics where labels exist
 * (scikit-learn's definitions, from the mergeable performance profiles), metrics estimated from the scores
 * before labels come (CBPE, calibrated on the reference's labeled rows when it has them), label coverage, and a
 * series per step with both side by side.
 *
 * <pre>{@code
 * curl 'http://127.0.0.1:8080/api/v1/models/fraud/performance?from=-6h&step=30m'
 * }</pre>
 */
public final class PerformanceRoutes {

  /** One point of the series. */
  public record Point(Instant t, long count, long labeled, Double labelCoverage, Map<String, Double> realized,
      Map<String, Double> estimated) {}

  /** A 95 % band of an estimated metric. */
  public record Band(Double value, Double lower, Double upper, Double standardError) {}

  /** The answer (SPEC section 4, performance). */
  public record Performance(String model, String version, Instant from, Instant to, String step, String task,
      long predictions, long labeled, Double labelCoverage, long waitingLabels, long orphanedLabels,
      Map<String, Double> realized, Map<String, String> realizedAbsent, Double rocAucError,
      Map<String, Double> estimated, Map<String, Band> estimatedBands, String calibration,
      Map<String, Double> estimationError, Map<String, Outcome> outcomes, List<Point> series) {}

  /** A business outcome over the window: how many, their sum and mean, and per prediction ({@code rate}). */
  public record Outcome(long count, double sum, double mean, Double rate) {}

  private final ModelRegistry registry;
  private final Aggregator aggregator;
  private final ReferenceStore references;
  private final LabelStore labels;
  private final Clock clock;

  public PerformanceRoutes(ModelRegistry registry, Aggregator aggregator, ReferenceStore references, LabelStore labels,
      Clock clock) {
    this.registry = registry;
    this.aggregator = aggregator;
    this.references = references;
    this.labels = labels;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/models/{model}/performance", this::performance);
  }

  private void performance(Context ctx) {
    Selection s = Selection.of(ctx, registry, aggregator, clock);
    Cbpe cbpe = cbpe(s.model(), s.version());
    Duration step = s.range().step();
    List<Instant> starts = new ArrayList<>();
    Instant first = Instant.ofEpochMilli(Math.floorDiv(s.range().from().toEpochMilli(), step.toMillis())
        * step.toMillis());
    for (Instant t = first; t.isBefore(s.range().to()); t = t.plus(step)) {
      starts.add(t);
    }
    // the points and the ends of the whole range are independent and each reads only shared, settled profiles:
    // on a quiet server a long series (30 daily points of thousands of score bins each) answers about twice as
    // fast on two cores
    Aggregator.Span range = aggregator.covered(s.range().from(), s.range().to());
    Optional<List<Aggregator.Span>> ends = ends(range, starts, step);
    List<Aggregator.Span> rest = ends.orElse(List.of(new Aggregator.Span(s.range().from(), s.range().to())));
    int n = starts.size();
    List<Object> read = IntStream.range(0, n + rest.size()).parallel().mapToObj(i -> {
      if (i >= n) {
        Aggregator.Span span = rest.get(i - n);
        return aggregator.performanceWindow(s.model(), s.version(), span.from(), span.to())
            .orElseGet(WindowProfile::new);
      }
      Instant t = starts.get(i);
      WindowProfile w = aggregator.performanceWindow(s.model(), s.version(), t, t.plus(step))
          .orElseGet(WindowProfile::new);
      return new Part(t, t.plus(step), w,
          new Point(t, w.count(), w.labeled(), coverage(w), realized(w), estimated(w, cbpe)));
    }).collect(Collectors.toList());
    List<Point> series = new ArrayList<>();
    WindowProfile whole = new WindowProfile();
    for (Object o : read) {
      if (o instanceof Part p) {
        series.add(p.point());
        if (ends.isPresent() && inside(p.from(), p.to(), range)) {
          whole.mergePerformanceOf(p.window());
        }
      } else {
        whole.mergePerformanceOf((WindowProfile) o);
      }
    }
    Map<String, Double> realized = realized(whole);
    Optional<EstimationResult> estimation = estimation(whole, cbpe);
    Map<String, Double> estimated = estimated(estimation);
    Map<String, Double> error = new LinkedHashMap<>();
    estimated.forEach((k, v) -> {
      Double r = realized.get(k);
      if (r != null && v != null) {
        error.put(k, v - r);
      }
    });
    long orphans = labels.orphans(s.model(), 0, Long.MAX_VALUE);   // marked when their wait ended
    String task = registry.find(s.model()).map(m -> m.task().id()).orElse("unknown");
    ctx.json(new Performance(s.model(), s.version(), s.range().from(), s.range().to(), s.range().step().toString(), task,
        whole.count(), whole.labeled(), coverage(whole), aggregator.waitingLabels(), orphans, realized,
        absent(whole), rocAucError(whole), estimated, bands(estimation),
        cbpe.isCalibrated() ? "isotonic, on the reference's labeled predictions" : "scores taken as calibrated",
        error, outcomes(whole), series));
  }

  /** A point of the series with the window it was computed from. */
  private record Part(Instant from, Instant to, WindowProfile window, Point point) {}

  /**
   * What must be read besides the series for the whole range: the two ends that the points inside it leave out.
   * The whole range is then merged from those points and these ends, so that a long query reads and decodes each
   * stored profile once (with the query cache cold, a 30-day query used to read every day twice). A point counts
   * only when a read of its step covers exactly that step (whole minutes, not widened to hours), and so must the
   * ends; where they do not tile the range, empty: the range is read on its own.
   */
  private Optional<List<Aggregator.Span>> ends(Aggregator.Span range, List<Instant> starts, Duration step) {
    List<Aggregator.Span> ends = new ArrayList<>();
    Instant tiled = range.from();
    for (Instant t : starts) {
      Instant end = t.plus(step);
      if (!inside(t, end, range)) {
        continue;
      }
      if (!exactly(new Aggregator.Span(t, end))) {
        return Optional.empty();
      }
      if (!t.equals(tiled)) {
        ends.add(new Aggregator.Span(tiled, t));
      }
      tiled = end;
    }
    if (tiled.isBefore(range.to())) {
      ends.add(new Aggregator.Span(tiled, range.to()));
    }
    return ends.stream().allMatch(this::exactly) ? Optional.of(ends) : Optional.empty();
  }

  private static boolean inside(Instant from, Instant to, Aggregator.Span range) {
    return !from.isBefore(range.from()) && !to.isAfter(range.to());
  }

  private boolean exactly(Aggregator.Span span) {
    return aggregator.covered(span.from(), span.to()).equals(span);
  }

  /**
   * The performance metrics for alert rules: realized ones by their names ({@code ece} for the expected
   * calibration error), {@code estimated_<metric>} from CBPE, and {@code label_coverage}; samples are the labeled
   * predictions (scored ones for an estimate, all for coverage).
   */
  public io.vigil.server.alert.PerformanceSource alertSource() {
    return (metric, model, version, from, to) -> {
      WindowProfile w = aggregator.performanceWindow(model, version, from, to).orElse(null);
      if (w == null || w.count() == 0) {
        return Optional.empty();
      }
      if (metric.equals("label_coverage")) {
        return Optional.of(io.vigil.server.alert.AlertMetrics.Reading.of(coverage(w), w.count()));
      }
      if (metric.startsWith("estimated_")) {
        Double v = estimated(w, cbpe(model, version)).get(metric.substring("estimated_".length()));
        long scored = w.estimated() == null ? 0 : w.estimated().scored();
        return Optional.of(v == null ? io.vigil.server.alert.AlertMetrics.Reading.none("no scored predictions", scored)
            : io.vigil.server.alert.AlertMetrics.Reading.of(v, scored));
      }
      Double v = realized(w).get(metric.equals("ece") ? "expected_calibration_error" : metric);
      return Optional.of(v == null ? io.vigil.server.alert.AlertMetrics.Reading.none("no labels", w.labeled())
          : io.vigil.server.alert.AlertMetrics.Reading.of(v, w.labeled()));
    };
  }

  private static Map<String, Outcome> outcomes(WindowProfile w) {
    Map<String, Outcome> out = new LinkedHashMap<>();
    w.outcomes().forEach((name, sums) -> out.put(name, new Outcome((long) sums[0], sums[1],
        sums[0] == 0 ? 0 : sums[1] / sums[0], w.count() == 0 ? null : sums[0] / w.count())));
    return out;
  }

  /** CBPE for a version: calibrated on its reference's labeled predictions when it has them. */
  public Cbpe cbpe(String model, String version) {
    return references.calibration(model, version)
        .map(b -> Cbpe.fit(PerformanceCodec.decodeClassification(b))).orElseGet(Cbpe::uncalibrated);
  }

  public static Double coverage(WindowProfile w) {
    return w.count() == 0 ? null : (double) w.labeled() / w.count();
  }

  /** Realized metrics by name; absent ones are left out (see {@link #absent}). */
  public static Map<String, Double> realized(WindowProfile w) {
    Map<String, Double> out = new LinkedHashMap<>();
    headline(w).forEach((k, v) -> {
      if (v.isPresent()) {
        out.put(k, v.orElse(Double.NaN));
      }
    });
    return out;
  }

  private static Map<String, MetricValue> headline(WindowProfile w) {
    if (w.regression() != null && w.regression().count() > 0) {
      return w.regression().result().headline();
    }
    if (w.realized() != null && w.realized().labeled() > 0) {
      return w.realized().result().headline();
    }
    return Map.of();
  }

  private static Map<String, String> absent(WindowProfile w) {
    Map<String, String> out = new LinkedHashMap<>();
    headline(w).forEach((k, v) -> v.absentReason().ifPresent(r -> out.put(k, r)));
    return out;
  }

  private static Double rocAucError(WindowProfile w) {
    ClassificationProfile p = w.realized();
    if (p == null || p.labeled() == 0) {
      return null;
    }
    MetricValue e = p.rocAucError();
    return e.isPresent() ? e.orElse(Double.NaN) : null;
  }

  public static Map<String, Double> estimated(WindowProfile w, Cbpe cbpe) {
    return estimated(estimation(w, cbpe));
  }

  private static Map<String, Double> estimated(Optional<EstimationResult> estimation) {
    Map<String, Double> out = new LinkedHashMap<>();
    estimation.ifPresent(r -> r.headline().forEach((k, m) -> {
      if (m.value().isPresent()) {
        out.put(k, m.value().orElse(Double.NaN));
      }
    }));
    return out;
  }

  private static Map<String, Band> bands(Optional<EstimationResult> estimation) {
    Map<String, Band> out = new LinkedHashMap<>();
    estimation.ifPresent(r -> r.headline().forEach((k, m) -> {
      if (m.value().isPresent()) {
        out.put(k, band(m));
      }
    }));
    return out;
  }

  private static Band band(EstimatedMetric m) {
    return new Band(m.value().orElse(Double.NaN), m.lower().isPresent() ? m.lower().orElse(Double.NaN) : null,
        m.upper().isPresent() ? m.upper().orElse(Double.NaN) : null, m.standardError());
  }

  private static Optional<EstimationResult> estimation(WindowProfile w, Cbpe cbpe) {
    if (w.estimated() == null || w.estimated().scored() == 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(cbpe.estimate(w.estimated()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();   // a calibration of another task (the model was re-declared)
    }
  }
}
