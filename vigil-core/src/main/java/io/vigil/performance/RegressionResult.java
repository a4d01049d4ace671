package io.vigil.performance;

import java.util.Map;

/**
 * A regression model's metrics on one labeled sample, with scikit-learn's definitions (see
 * {@link RegressionMetrics}).
 *
 * <pre>{@code
 * RegressionResult r = RegressionMetrics.of(actual, predicted);
 * r.rmse().value();          // OptionalDouble[3.15]
 * r.r2().absentReason();     // Optional[fewer than two rows: R² is undefined] for one row
 * }</pre>
 *
 * @param rows labeled rows
 * @param mae mean absolute error
 * @param rmse root mean squared error
 * @param mape mean absolute percentage error, as a fraction (0.05 means 5 %), not a percentage
 * @param r2 coefficient of determination
 */
public record RegressionResult(long rows, MetricValue mae, MetricValue rmse, MetricValue mape, MetricValue r2) {

  /** The metrics by their SPEC section 4 names, in a stable order, for tables and JSON. */
  public Map<String, MetricValue> headline() {
    Map<String, MetricValue> m = new java.util.LinkedHashMap<>();
    m.put("mae", mae);
    m.put("rmse", rmse);
    m.put("mape", mape);
    m.put("r2", r2);
    return java.util.Collections.unmodifiableMap(m);
  }
}
