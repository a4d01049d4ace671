package io.vigil.server.report;

import io.vigil.dataset.Column;
import io.vigil.drift.CategoryDistribution;
import io.vigil.drift.EmpiricalDistribution;
import io.vigil.report.DriftReport;
import io.vigil.report.FeatureDrift;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The current sample's data quality against the reference, from the column summaries a drift report already
 * holds: missing values, type errors with their lines, NaN/infinite numbers, categories the reference never had,
 * and numbers outside the reference's [min, max].
 *
 * <pre>{@code
 * List<FeatureQuality> q = DataQuality.of(DriftAnalysis.compare(reference, current, options));
 * }</pre>
 */
public final class DataQuality {

  private static final int MAX_UNSEEN_LISTED = 10;

  private DataQuality() {}

  public static List<FeatureQuality> of(DriftReport report) {
    List<FeatureQuality> out = new ArrayList<>();
    for (FeatureDrift f : report.features()) {
      out.add(of(f.name(), f.type().map(t -> t.id()).orElse(""), f.reference(), f.current()));
    }
    return out;
  }

  static FeatureQuality of(String name, String type, Column ref, Column cur) {
    List<String> unseen = new ArrayList<>();
    long unseenRows = 0;
    if (ref.categories().isPresent() && cur.categories().isPresent()) {
      CategoryDistribution r = ref.categories().get();
      List<Map.Entry<String, Long>> entries = new ArrayList<>(cur.categories().get().counts().entrySet());
      entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
          .thenComparing(Map.Entry.comparingByKey()));
      for (Map.Entry<String, Long> e : entries) {
        if (e.getValue() > 0 && r.count(e.getKey()) == 0 && !e.getKey().equals(CategoryDistribution.OTHER)) {
          unseenRows += e.getValue();
          if (unseen.size() < MAX_UNSEEN_LISTED) {
            unseen.add(e.getKey());
          }
        }
      }
    }
    long below = 0;
    long above = 0;
    if (ref.numbers().isPresent() && cur.numbers().isPresent()) {
      EmpiricalDistribution r = ref.numbers().get();
      EmpiricalDistribution c = cur.numbers().get();
      below = Math.round(c.cdfBelow(r.min()) * c.count());
      above = Math.round((1 - c.cdf(r.max())) * c.count());
    }
    return new FeatureQuality(name, type, cur.rows(), cur.missing(), cur.typeErrors(), cur.typeErrorLines(),
        cur.nonFinite(), unseen, unseenRows, below, above);
  }
}
