package io.vigil.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.vigil.profile.NumericProfile;
import io.vigil.profile.WindowProfile;
import io.vigil.server.aggregate.Aggregator;
import io.vigil.server.registry.ModelRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/models/{model}/stats?version=&from=&to=&step=}: usage over a range and as a series (SPEC
 * section 4). Latency quantiles come from the merged KLL sketches (rank error 1.33 % at 99 % confidence per
 * minute bucket); counts are exact.
 *
 * <pre>{@code
 * curl 'http://127.0.0.1:8080/api/v1/models/fraud/stats?from=-1h&step=5m'
 * }</pre>
 */
public final class StatsRoutes {

  /** Usage of one window. A null field means "no data" (no latency reported, no confidence). */
  public record Usage(long count, long errors, Double errorRate, Double rps, Double latencyP50Ms,
      Double latencyP95Ms, Double latencyP99Ms, Double latencyMaxMs, Double meanConfidence,
      Map<String, Long> classes, Map<String, Long> consumers) {}

  /**
   * One point of the series. The fields after {@code meanConfidence} were added for the dashboard's charts: the
   * other latency quantiles, the confidence distribution as its 10th, 50th and 90th percentiles, and the predicted
   * classes' counts (empty for regression).
   */
  public record Point(Instant t, long count, long errors, Double errorRate, Double rps, Double latencyP99Ms,
      Double meanConfidence, Double latencyP50Ms, Double latencyP95Ms, Double confidenceP10, Double confidenceP50,
      Double confidenceP90, Map<String, Long> classes) {}

  /** The answer. */
  public record Stats(String model, String version, Instant from, Instant to, String step, Usage total,
      List<Point> series) {}

  private final ModelRegistry registry;
  private final Aggregator aggregator;
  private final Clock clock;

  public StatsRoutes(ModelRegistry registry, Aggregator aggregator, Clock clock) {
    this.registry = registry;
    this.aggregator = aggregator;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/models/{model}/stats", this::stats);
  }

  private void stats(Context ctx) {
    Selection s = Selection.of(ctx, registry, aggregator, clock);
    double seconds = (s.range().to().toEpochMilli() - s.range().from().toEpochMilli()) / 1000.0;
    Optional<WindowProfile> whole = aggregator.window(s.model(), s.version(), s.range().from(), s.range().to());
    List<Point> series = new ArrayList<>();
    long step = s.range().step().toMillis();
    // points on the step's grid (like Prometheus), so neighbouring points never share a minute
    Instant first = Instant.ofEpochMilli(Math.floorDiv(s.range().from().toEpochMilli(), step) * step);
    for (Instant t = first; t.isBefore(s.range().to()); t = t.plus(s.range().step())) {
      Instant end = t.plus(s.range().step());
      Optional<WindowProfile> w = aggregator.window(s.model(), s.version(), t, end);
      Usage u = usage(w, (end.toEpochMilli() - t.toEpochMilli()) / 1000.0);
      var confidence = w.isPresent() && w.get().confidence().finiteCount() > 0
          ? w.get().confidence().distribution() : null;
      series.add(new Point(t, u.count(), u.errors(), u.errorRate(), u.rps(), u.latencyP99Ms(), u.meanConfidence(),
          u.latencyP50Ms(), u.latencyP95Ms(), confidence == null ? null : confidence.quantile(0.1),
          confidence == null ? null : confidence.quantile(0.5), confidence == null ? null : confidence.quantile(0.9),
          u.classes()));
    }
    ctx.json(new Stats(s.model(), s.version(), s.range().from(), s.range().to(), s.range().step().toString(),
        usage(whole, seconds), series));
  }

  static Usage usage(Optional<WindowProfile> window, double seconds) {
    if (window.isEmpty() || window.get().count() == 0) {
      return new Usage(0, 0, null, 0.0, null, null, null, null, null, Map.of(), Map.of());
    }
    WindowProfile w = window.get();
    NumericProfile latency = w.latencyMs();
    boolean hasLatency = latency.finiteCount() > 0;
    var l = hasLatency ? latency.distribution() : null;
    return new Usage(w.count(), w.errors(), (double) w.errors() / w.count(), w.count() / seconds,
        hasLatency ? l.quantile(0.5) : null, hasLatency ? l.quantile(0.95) : null,
        hasLatency ? l.quantile(0.99) : null, hasLatency ? l.max() : null,
        w.confidence().finiteCount() > 0 ? w.confidence().moments().mean() : null,
        w.classes().validCount() > 0 ? w.classes().distribution().counts() : Map.of(),
        w.consumers().validCount() > 0 ? w.consumers().distribution().counts() : Map.of());
  }
}
