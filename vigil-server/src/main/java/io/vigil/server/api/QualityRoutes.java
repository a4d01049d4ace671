package io.vigil.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.vigil.dataset.Column;
import io.vigil.dataset.Dataset;
import io.vigil.drift.CategoryDistribution;
import io.vigil.drift.EmpiricalDistribution;
import io.vigil.profile.WindowProfile;
import io.vigil.server.aggregate.Aggregator;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.storage.ReferenceStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/models/{model}/quality?version=&from=&to=}: data quality of the version's traffic: per feature
 * the missing rate, for numeric features the share below the reference's minimum and above its maximum, for
 * categorical ones the categories the reference never had; and the anomaly fraction, the share of rows with any
 * value outside the reference's 0.1 %–99.9 % quantiles or unseen (counted per row at ingest against the current
 * reference; after a restart the whole log is checked against the latest one).
 *
 * <pre>{@code
 * curl 'http://127.0.0.1:8080/api/v1/models/fraud/quality?from=-1h'
 * }</pre>
 *
 * <p>Shares of values come from the minute profiles, so beyond the exact range of a window they carry the
 * sketch's rank error; events with values of the wrong type are rejected at ingest (see
 * {@code vigil_ingest_rejected_total}), so type errors here count only what the profiles saw.
 */
public final class QualityRoutes {

  /** One feature's quality; fields that do not apply to its type are null. */
  public record FeatureQuality(String name, String type, long rows, long missing, double missingRate,
      long typeErrors, Double belowReferenceMin, Double aboveReferenceMax, List<String> unseenCategories,
      Double unseenRate) {}

  /** The answer; {@code anomalyFraction} is null without a reference. */
  public record Quality(String model, String version, Instant from, Instant to, long rows, Double anomalyFraction,
      boolean hasReference, List<FeatureQuality> features) {}

  private static final int MAX_UNSEEN_LISTED = 20;

  private final ModelRegistry registry;
  private final Aggregator aggregator;
  private final ReferenceStore references;
  private final Clock clock;

  public QualityRoutes(ModelRegistry registry, Aggregator aggregator, ReferenceStore references, Clock clock) {
    this.registry = registry;
    this.aggregator = aggregator;
    this.references = references;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/models/{model}/quality", this::quality);
  }

  private void quality(Context ctx) {
    Selection s = Selection.of(ctx, registry, aggregator, clock);
    Optional<Dataset> reference = references.find(s.model(), s.version());
    WindowProfile w = aggregator.window(s.model(), s.version(), s.range().from(), s.range().to())
        .orElse(new WindowProfile());
    List<FeatureQuality> features = new ArrayList<>();
    for (Column c : w.features("traffic").columns()) {
      features.add(feature(c, reference.flatMap(r -> r.column(c.name()))));
    }
    Double anomalies = reference.isPresent() && w.count() > 0 ? (double) w.anomalies() / w.count() : null;
    ctx.json(new Quality(s.model(), s.version(), s.range().from(), s.range().to(), w.count(), anomalies,
        reference.isPresent(), features));
  }

  private static FeatureQuality feature(Column c, Optional<Column> ref) {
    Double below = null;
    Double above = null;
    List<String> unseen = null;
    Double unseenRate = null;
    if (c.numbers().isPresent() && ref.flatMap(Column::numbers).isPresent()) {
      EmpiricalDistribution cur = c.numbers().get();
      EmpiricalDistribution r = ref.get().numbers().get();
      below = cur.cdfBelow(r.min());
      above = 1 - cur.cdf(r.max());
    }
    if (c.categories().isPresent() && ref.flatMap(Column::categories).isPresent()) {
      CategoryDistribution cur = c.categories().get();
      CategoryDistribution r = ref.get().categories().get();
      List<String> all = cur.counts().keySet().stream().filter(k -> r.count(k) == 0 && cur.count(k) > 0)
          .sorted((a, b) -> Long.compare(cur.count(b), cur.count(a))).collect(Collectors.toList());
      unseenRate = cur.total() == 0 ? 0.0 : all.stream().mapToLong(cur::count).sum() / (double) cur.total();
      unseen = all.subList(0, Math.min(all.size(), MAX_UNSEEN_LISTED));
    }
    double missingRate = c.rows() == 0 ? 0.0 : (double) c.missing() / c.rows();
    return new FeatureQuality(c.name(), c.type().map(t -> t.id()).orElse(null), c.rows(), c.missing(), missingRate,
        c.typeErrors(), below, above, unseen, unseenRate);
  }
}
