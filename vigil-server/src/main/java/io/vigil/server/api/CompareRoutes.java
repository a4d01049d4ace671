package io.vigil.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.vigil.dataset.Column;
import io.vigil.dataset.Dataset;
import io.vigil.dataset.ProfileColumns;
import io.vigil.profile.WindowProfile;
import io.vigil.report.DriftAnalysis;
import io.vigil.report.DriftOptions;
import io.vigil.schema.FeatureType;
import io.vigil.server.aggregate.Aggregator;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.storage.ProfileStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/models/{model}/compare?a=v1&b=v2&from=&to=}: two versions side by side (champion and
 * challenger, or a shadow): usage of each, a drift test of b's prediction distribution against a's, b's features
 * against a's, and for ids both versions scored (a shadow deployment) the agreement rate of their predictions.
 *
 * <pre>{@code
 * curl 'http://127.0.0.1:8080/api/v1/models/fraud/compare?a=v3&b=v4&from=-1h'
 * }</pre>
 */
public final class CompareRoutes {

  /** Pairs read from the log for the agreement rate, at most. */
  static final int MAX_PAIRS = 200_000;

  /** One side: usage, realized metrics from labels, estimated ones from the scores (CBPE), label coverage. */
  public record Side(String version, StatsRoutes.Usage usage, Map<String, Double> realized,
      Map<String, Double> estimated, Double labelCoverage) {}

  /** Predictions of the same ids by both versions. */
  public record Shadow(long sharedIds, Double agreementRate, boolean sampled) {}

  /** The answer. */
  public record Comparison(String model, Instant from, Instant to, Side a, Side b, DriftReportJson.Report predictions,
      DriftReportJson.Report features, Shadow shadow) {}

  private final ModelRegistry registry;
  private final Aggregator aggregator;
  private final ProfileStore store;
  private final Clock clock;

  private final PerformanceRoutes performance;

  public CompareRoutes(ModelRegistry registry, Aggregator aggregator, ProfileStore store, Clock clock,
      PerformanceRoutes performance) {
    this.performance = performance;
    this.registry = registry;
    this.aggregator = aggregator;
    this.store = store;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/models/{model}/compare", this::compare);
  }

  private void compare(Context ctx) {
    String model = ctx.pathParam("model");
    if (registry.find(model).isEmpty()) {
      throw new NotFoundException("no model named '" + model + "'");
    }
    String a = required(ctx, "a");
    String b = required(ctx, "b");
    if (a.equals(b)) {
      throw new IllegalArgumentException("b: '" + b + "' is the same version as a");
    }
    List<String> versions = aggregator.versions(model);
    for (String v : List.of(a, b)) {
      if (!versions.contains(v)) {
        throw new NotFoundException("model '" + model + "' has no traffic for version '" + v + "'; versions: " + versions);
      }
    }
    TimeRange range = TimeRange.parse(ctx.queryParam("from"), ctx.queryParam("to"), null, clock.instant());
    double seconds = (range.to().toEpochMilli() - range.from().toEpochMilli()) / 1000.0;
    WindowProfile wa = aggregator.window(model, a, range.from(), range.to()).orElseGet(WindowProfile::new);
    WindowProfile wb = aggregator.window(model, b, range.from(), range.to()).orElseGet(WindowProfile::new);
    DriftReportJson.Report predictions = DriftReportJson.of(DriftAnalysis.compare(predictions(wa, "version " + a),
        predictions(wb, "version " + b), DriftOptions.defaults()));
    DriftReportJson.Report features = DriftReportJson.of(DriftAnalysis.compare(wa.features("version " + a),
        wb.features("version " + b), DriftOptions.defaults()));
    long[] shared = {0};
    long[] agree = {0};
    store.pairs(model, a, b, range.from().toEpochMilli(), range.to().toEpochMilli(), MAX_PAIRS, (x, y) -> {
      Optional<String> px = prediction(x);
      Optional<String> py = prediction(y);
      if (px.isPresent() && py.isPresent()) {
        shared[0]++;
        if (px.get().equals(py.get())) {
          agree[0]++;
        }
      }
    });
    Shadow shadow = new Shadow(shared[0], shared[0] == 0 ? null : (double) agree[0] / shared[0],
        shared[0] >= MAX_PAIRS);
    ctx.json(new Comparison(model, range.from(), range.to(), side(model, a, wa, seconds), side(model, b, wb, seconds),
        predictions, features, shadow));
  }

  private Side side(String model, String version, WindowProfile w, double seconds) {
    return new Side(version, StatsRoutes.usage(Optional.of(w), seconds), PerformanceRoutes.realized(w),
        PerformanceRoutes.estimated(w, performance.cbpe(model, version)), PerformanceRoutes.coverage(w));
  }

  /** The prediction distribution as a one-column dataset: classes, or numbers for a regression. */
  private static Dataset predictions(WindowProfile w, String source) {
    Column column = w.classes().validCount() > 0
        ? ProfileColumns.categorical("prediction", FeatureType.CATEGORICAL, w.classes())
        : ProfileColumns.numeric("prediction", w.predictions());
    return new Dataset(source, w.count(), List.of(column));
  }

  private static Optional<String> prediction(byte[] body) {
    try {
      JsonNode p = Json.MAPPER.readTree(body).path("prediction");
      return p.isMissingNode() || p.isNull() ? Optional.empty() : Optional.of(p.asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String required(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(name + ": required, the version to compare (?a=v1&b=v2)");
    }
    return v;
  }
}
