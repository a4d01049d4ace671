package io.vigil.server.api;

import io.javalin.config.RoutesConfig;
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

  /** One prediction to review, with its label when one arrived. */
  public record Item(String id, Instant timestamp, double confidence, String prediction, Map<String, Object> features,
      String label, Boolean correct) {}

  /**
   * The answer. {@code auditedErrorRate}: the share of the labeled items whose label differs from the prediction;
   * {@code estimatedErrorRate}: what their confidences predict (the mean of 1 − confidence), side by side.
   */
  public record Review(String model, String version, Instant from, Instant to, long predictions, List<Item> items,
      long labeledItems, Double auditedErrorRate, Double estimatedErrorRate) {}

  private final ModelRegistry registry;
  private final Aggregator aggregator;
  private final Clock clock;
  private final io.vigil.server.storage.LabelStore labels;
  private final io.vigil.server.ingest.LabelBatchParser labelReader;

  public ReviewRoutes(ModelRegistry registry, Aggregator aggregator, Clock clock,
      io.vigil.server.storage.LabelStore labels) {
    this.labels = labels;
    this.labelReader = new io.vigil.server.ingest.LabelBatchParser(registry, clock);
    this.registry = registry;
    this.aggregator = aggregator;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/models/{model}/review", this::review);
  }

  private void review(Context ctx) {
    Selection s = Selection.of(ctx, registry, aggregator, clock);
    int limit = limit(ctx.queryParam("limit"));
    WindowProfile w = aggregator.window(s.model(), s.version(), s.range().from(), s.range().to())
        .orElseGet(WindowProfile::new);
    List<ReviewSample.Case> cases = w.review().cases().stream().limit(limit).collect(Collectors.toList());
    Map<String, io.vigil.server.storage.LabelStore.StoredLabel> found = labels.previousLabels(s.model(),
        cases.stream().map(ReviewSample.Case::id).collect(Collectors.toList()), Long.MAX_VALUE);
    List<Item> items = new java.util.ArrayList<>();
    long labeled = 0;
    long wrong = 0;
    double expected = 0;
    for (ReviewSample.Case c : cases) {
      String label = label(found.get(c.id()));
      Boolean correct = label == null || c.prediction() == null ? null : label.equals(c.prediction());
      if (correct != null) {
        labeled++;
        wrong += correct ? 0 : 1;
        expected += 1 - c.confidence();
      }
      items.add(new Item(c.id(), Instant.ofEpochMilli(c.timestampMillis()), c.confidence(), c.prediction(),
          c.features(), label, correct));
    }
    ctx.json(new Review(s.model(), s.version(), s.range().from(), s.range().to(), w.count(), items, labeled,
        labeled == 0 ? null : (double) wrong / labeled, labeled == 0 ? null : expected / labeled));
  }

  private String label(io.vigil.server.storage.LabelStore.StoredLabel stored) {
    if (stored == null) {
      return null;
    }
    try {
      List<io.vigil.event.LabelEvent> l = labelReader.parseStored(stored.body(), Instant.ofEpochMilli(
          stored.timestampMillis())).accepted();
      return l.isEmpty() ? null : String.valueOf(l.get(0).label());
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
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
