package io.vigil.performance;

/**
 * Regression metrics on labeled rows, exact and equal to scikit-learn's (1e-9 relative, checked against
 * {@code tools/vectors/performance.py}).
 *
 * <pre>{@code
 * RegressionResult r = RegressionMetrics.of(new double[] {3, -0.5, 2, 7}, new double[] {2.5, 0, 2, 8});
 * r.mae();   // 0.5
 * }</pre>
 *
 * <p>Definitions, with y the targets, ŷ the predictions and n the rows (scikit-learn functions in brackets):
 * <ul>
 *   <li>MAE = Σ|y − ŷ| / n [{@code mean_absolute_error}]
 *   <li>RMSE = √(Σ(y − ŷ)² / n) [{@code root_mean_squared_error}]
 *   <li>MAPE = Σ(|y − ŷ| / max(|y|, ε)) / n with ε = 2.220446049250313e-16, the float64 machine epsilon
 *       [{@code mean_absolute_percentage_error}]: a fraction, and huge (not infinite) when a target is 0 and its
 *       prediction is not, exactly as scikit-learn.
 *   <li>R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² [{@code r2_score}, {@code force_finite=True}]: a constant target (zero
 *       denominator) gives 1.0 when every prediction is exact and 0.0 otherwise.
 * </ul>
 * Absent values: every metric with no rows; R² with fewer than two rows (scikit-learn warns and returns NaN).
 * Inputs must be finite; NaN or infinite values throw {@link IllegalArgumentException} naming the row, since the
 * caller (a reader) is where the row's line is known.
 */
public final class RegressionMetrics {

  /** The float64 machine epsilon that MAPE divides by instead of a zero target. */
  public static final double MAPE_EPSILON = Math.ulp(1.0);

  private RegressionMetrics() {}

  public static RegressionResult of(double[] actual, double[] predicted) {
    if (actual.length != predicted.length) {
      throw new IllegalArgumentException(actual.length + " targets but " + predicted.length + " predictions");
    }
    int n = actual.length;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(actual[i]) || !Double.isFinite(predicted[i])) {
        throw new IllegalArgumentException("row " + i + " is not finite: target " + actual[i] + ", prediction "
            + predicted[i]);
      }
    }
    if (n == 0) {
      MetricValue none = MetricValue.absent("no labeled rows");
      return new RegressionResult(0, none, none, none, none);
    }
    double absolute = 0;
    double squares = 0;
    double percentage = 0;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double e = actual[i] - predicted[i];
      absolute += Math.abs(e);
      squares += e * e;
      percentage += Math.abs(predicted[i] - actual[i]) / Math.max(Math.abs(actual[i]), MAPE_EPSILON);
      sum += actual[i];
    }
    MetricValue r2;
    if (n < 2) {
      r2 = MetricValue.absent("fewer than two rows: R² is undefined");
    } else {
      double mean = sum / n;
      double total = 0;
      for (double y : actual) {
        total += (y - mean) * (y - mean);
      }
      r2 = MetricValue.of(total == 0 ? (squares == 0 ? 1.0 : 0.0) : 1 - squares / total);
    }
    return new RegressionResult(n, MetricValue.of(absolute / n), MetricValue.of(Math.sqrt(squares / n)),
        MetricValue.of(percentage / n), r2);
  }
}
