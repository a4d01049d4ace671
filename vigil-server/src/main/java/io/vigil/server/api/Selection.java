package io.vigil.server.api;

import io.javalin.http.Context;
import io.vigil.server.aggregate.Aggregator;
import io.vigil.server.registry.ModelRegistry;
import java.time.Clock;
import java.util.List;

/**
 * The model, version and time range a query is about, read from the path and query string with messages that
 * name the parameter. Without {@code version}, a model with one version means that one.
 *
 * <pre>{@code
 * Selection s = Selection.of(ctx, registry, aggregator, clock);
 * }</pre>
 */
record Selection(String model, String version, TimeRange range) {

  static Selection of(Context ctx, ModelRegistry registry, Aggregator aggregator, Clock clock) {
    String model = ctx.pathParam("model");
    if (registry.find(model).isEmpty()) {
      throw new NotFoundException("no model named '" + model + "'");
    }
    String version = ctx.queryParam("version");
    if (version == null) {
      List<String> versions = aggregator.versions(model);
      if (versions.size() == 1) {
        version = versions.get(0);
      } else if (versions.isEmpty()) {
        version = "default";
      } else {
        throw new IllegalArgumentException("version: model '" + model + "' has versions " + versions
            + "; say which with ?version=");
      }
    }
    TimeRange range = TimeRange.parse(ctx.queryParam("from"), ctx.queryParam("to"), ctx.queryParam("step"),
        clock.instant());
    return new Selection(model, version, range);
  }
}
