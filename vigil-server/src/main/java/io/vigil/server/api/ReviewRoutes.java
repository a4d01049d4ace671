package io.vigil.server.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.vigil.profile.ReviewSample;
import io.vigil.profile.WindowProfile;
import io.vigil.server.aggregate.Aggregator;
import io.vigil.server.registry.ModelRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/models/{model}/review?version=&from=&to=&limit=}: the lowest-confidence predictions of a
 * window with their inputs, for a person to audit first. Each bucket keeps its {@value ReviewSample#DEFAULT_CAPACITY}
 * lowest (a mergeable sample), so any window answers with the lowest of all of them.
 *
 * <pre>{@code
 * curl 'http://127.0.0.1:8080/api/v1/models/fraud/review?from=-1h&limit=10'
 * }</pre>
 */
public final class ReviewRoutes {

  /** One prediction to review. */
  public record Item(String id, Instant timestamp, double confidence, String prediction, Map<String, Object> features) {}

  /** The answer. */
  public record Review(String model, String version, Instant from, Instant to, long predictions, List<Item> items) {}

  private final ModelRegistry registry;
  private final Aggregator aggregator;
  private final Clock clock;

  public ReviewRoutes(ModelRegistry registry, Aggregator aggregator, Clock clock) {
    this.registry = registry;
    this.aggregator = aggregator;
    this.clock = clock;
  }

  public void register(Javalin app) {
    app.get("/api/v1/models/{model}/review", this::review);
  }

  private void review(Context ctx) {
    Selection s = Selection.of(ctx, registry, aggregator, clock);
    int limit = limit(ctx.queryParam("limit"));
    WindowProfile w = aggregator.window(s.model(), s.version(), s.range().from(), s.range().to())
        .orElseGet(WindowProfile::new);
    List<Item> items = w.review().cases().stream().limit(limit)
        .map(c -> new Item(c.id(), Instant.ofEpochMilli(c.timestampMillis()), c.confidence(), c.prediction(),
            c.features()))
        .collect(Collectors.toList());
    ctx.json(new Review(s.model(), s.version(), s.range().from(), s.range().to(), w.count(), items));
  }

  private static int limit(String text) {
    if (text == null) {
      return ReviewSample.DEFAULT_CAPACITY;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= ReviewSample.DEFAULT_CAPACITY) {
        return n;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    throw new IllegalArgumentException("limit: expected a whole number from 1 to " + ReviewSample.DEFAULT_CAPACITY
        + ", got '" + text + "'");
  }
}
