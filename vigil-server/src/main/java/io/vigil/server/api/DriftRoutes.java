package io.vigil.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.vigil.dataset.Dataset;
import io.vigil.drift.DriftMethods;
import io.vigil.profile.WindowProfile;
import io.vigil.report.DriftAnalysis;
import io.vigil.report.DriftOptions;
import io.vigil.report.DriftReport;
import io.vigil.server.aggregate.Aggregator;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.storage.ReferenceStore;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code GET /api/v1/models/{model}/drift?version=&from=&to=&method=&threshold=}: the version's traffic in the
 * range against its reference, shaped as SPEC section 4's drift report (the same JSON as {@code vigil drift
 * --format json}). The current side comes from the minute profiles: exact while a window holds few values, then
 * from KLL sketches, whose bound each feature reports as {@code statistic_error}; a feature is called drifted only
 * when that bound cannot explain its statistic (see docs/statistics.md). Each feature also carries a
 * {@code histogram} of both sides ({@link DriftHistograms}) for the dashboard's overlays.
 *
 * <pre>{@code
 * curl 'http://127.0.0.1:8080/api/v1/models/loans/drift?version=v2&from=-1h'
 * }</pre>
 */
public final class DriftRoutes {

  private final ModelRegistry registry;
  private final Aggregator aggregator;
  private final ReferenceStore references;
  private final Clock clock;

  public DriftRoutes(ModelRegistry registry, Aggregator aggregator, ReferenceStore references, Clock clock) {
    this.registry = registry;
    this.aggregator = aggregator;
    this.references = references;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/models/{model}/drift", this::drift);
  }

  private void drift(Context ctx) {
    Selection s = Selection.of(ctx, registry, aggregator, clock);
    Optional<Dataset> reference = references.find(s.model(), s.version());
    if (reference.isEmpty()) {
      ctx.status(404).json(ApiError.of("version '" + s.version() + "' of model '" + s.model() + "' has no"
          + " reference: upload one with PUT /api/v1/models/" + s.model() + "/versions/" + s.version()
          + "/reference"));
      return;
    }
    DriftOptions options = DriftOptions.defaults();
    String method = ctx.queryParam("method");
    if (method != null && !method.equals("auto")) {
      DriftMethods.byId(method);
      String t = ctx.queryParam("threshold");
      options = options.withMethod(method, t == null ? OptionalDouble.empty() : OptionalDouble.of(number("threshold", t)));
    }
    Dataset current = aggregator.window(s.model(), s.version(), s.range().from(), s.range().to())
        .map(w -> w.features("traffic of " + s.model() + "/" + s.version()))
        .orElse(new WindowProfile().features("traffic of " + s.model() + "/" + s.version()));
    DriftReport report = DriftAnalysis.compare(reference.get(), current, options);
    // The SPEC's report plus, per feature, a "histogram" of both sides for the dashboard's overlays; added here,
    // not in DriftReportJson, so `vigil drift --format json` stays as it is.
    ObjectNode json = Json.MAPPER.valueToTree(DriftReportJson.of(report));
    JsonNode features = json.path("features");
    for (int i = 0; i < report.features().size(); i++) {
      ((ObjectNode) features.get(i)).set("histogram",
          Json.MAPPER.valueToTree(DriftHistograms.of(report.features().get(i))));
    }
    ctx.json(json);
  }

  private static double number(String name, String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": expected a number, got '" + text + "'");
    }
  }
}
