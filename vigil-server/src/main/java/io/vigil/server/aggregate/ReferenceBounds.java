package io.vigil.server.aggregate;

import io.vigil.dataset.Column;
import io.vigil.dataset.Dataset;
import io.vigil.event.PredictionEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What counts as an anomalous row against a reference: a numeric value outside the reference's 0.1 % to 99.9 %
 * quantiles, or a category the reference never had. Built once per reference upload; checking a row is a few
 * comparisons and hash lookups.
 *
 * <pre>{@code
 * ReferenceBounds bounds = ReferenceBounds.of(reference);
 * if (bounds.isAnomalous(event)) window.markAnomaly();
 * }</pre>
 *
 * <p>Missing values are not anomalies (they are reported as missing); features the reference lacks are ignored.
 */
public final class ReferenceBounds {

  /** The quantiles that bound a normal numeric value. */
  public static final double LOWER = 0.001;
  public static final double UPPER = 0.999;

  private final Map<String, double[]> ranges = new HashMap<>();
  private final Map<String, Set<String>> categories = new HashMap<>();

  private ReferenceBounds() {}

  public static ReferenceBounds of(Dataset reference) {
    ReferenceBounds b = new ReferenceBounds();
    for (Column c : reference.columns()) {
      c.numbers().ifPresent(n -> b.ranges.put(c.name(), new double[] {n.quantile(LOWER), n.quantile(UPPER)}));
      c.categories().ifPresent(k -> b.categories.put(c.name(), Set.copyOf(k.counts().keySet())));
    }
    return b;
  }

  public boolean isAnomalous(PredictionEvent e) {
    for (Map.Entry<String, Object> f : e.features().entrySet()) {
      Object v = f.getValue();
      if (v instanceof Double) {
        double[] r = ranges.get(f.getKey());
        if (r != null && ((Double) v < r[0] || (Double) v > r[1])) {
          return true;
        }
      } else if (v != null) {
        Set<String> known = categories.get(f.getKey());
        if (known != null && !known.contains(String.valueOf(v))) {
          return true;
        }
      }
    }
    return false;
  }
}
