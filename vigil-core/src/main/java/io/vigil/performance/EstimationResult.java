package io.vigil.performance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A classifier's performance over one window as {@link Cbpe} estimates it from scores alone.
 *
 * <pre>{@code
 * EstimationResult e = cbpe.estimate(window);
 * e.accuracy().value();   // MetricValue 0.91
 * e.headline();           // {"accuracy": …, "precision": …, "recall": …, "f1": …, "roc_auc": …}
 * }</pre>
 *
 * @param predictions predictions in the window
 * @param scored those with scores: the rows estimated
 * @param precision binary: the positive class's; multiclass: the macro average (likewise recall, F1)
 * @param rocAuc binary, or one-vs-rest macro for multiclass
 * @param rocAucError the binning bound on {@code rocAuc} ({@link BinnedRocAuc}), 0 when absent
 */
public record EstimationResult(long predictions, long scored, EstimatedMetric accuracy, EstimatedMetric precision,
    EstimatedMetric recall, EstimatedMetric f1, EstimatedMetric rocAuc, double rocAucError) {

  /** The estimates by their SPEC section 4 names, in a stable order, for tables and JSON. */
  public Map<String, EstimatedMetric> headline() {
    Map<String, EstimatedMetric> m = new LinkedHashMap<>();
    m.put("accuracy", accuracy);
    m.put("precision", precision);
    m.put("recall", recall);
    m.put("f1", f1);
    m.put("roc_auc", rocAuc);
    return Collections.unmodifiableMap(m);
  }
}
