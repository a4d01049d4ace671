package io.vigil.performance;

import io.vigil.event.LabelEvent;
import io.vigil.event.PredictionEvent;
import io.vigil.profile.Mergeable;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A regression model's realized performance over one time bucket, fed one (target, prediction) pair at a time and
 * mergeable: MAE, RMSE, MAPE and R² of any time range from the merge of its buckets.
 *
 * <pre>{@code
 * RegressionProfile minute = new RegressionProfile();
 * minute.update(42.0, 40.5);                   // target, prediction
 * minute.update(predictionEvent, labelEvent);
 * minute.remove(41.0, 40.5);                   // undo a label that was replaced
 * RegressionResult r = minute.result();        // r.mae(), r.rmse(), r.mape(), r.r2()
 * }</pre>
 *
 * <p><b>State:</b> the count and the exact sums ({@link ExactSum}) of y, y² (squared exactly, not rounded), |y − ŷ|,
 * (y − ŷ)² and |y − ŷ| / max(|y|, ε) (each term rounded as NumPy rounds it). Exact sums make merge exactly
 * associative and {@code remove} an exact inverse, and they make R² exactly mergeable without the cancellation of
 * the textbook formula: {@code n·SS_tot = n·Σy² − (Σy)²} is formed exactly before the one rounding.
 *
 * <p><b>Definitions</b> are {@link RegressionMetrics}' (scikit-learn's): MAE = Σ|y − ŷ|/n, RMSE = √(Σ(y − ŷ)²/n),
 * MAPE = Σ(|y − ŷ|/max(|y|, ε))/n with ε the float64 machine epsilon, R² = 1 − SS_res/SS_tot with
 * {@code force_finite} (constant targets: 1 for a perfect fit, else 0; recognized exactly here, where a double
 * mean of a constant like 3.7 can round and leave a tiny SS_tot and a huge negative R²), and the same absent values (no rows; R²
 * with fewer than two rows). Results equal the offline ones to 1e-9 relative; the exact sums are if anything closer
 * to the true value than NumPy's pairwise sums.
 *
 * <p><b>Edge cases:</b> NaN or infinite targets or predictions, and values whose squares overflow (|x| beyond about
 * 1e154), are rejected ({@link IllegalArgumentException}) before anything changes; the server rejects such labels at
 * ingest. Invariants: count ≥ 0; the sums of non-negative terms are ≥ 0; all sums 0
 * when the count is; {@code n·Σy² ≥ (Σy)²}.
 */
public final class RegressionProfile implements Mergeable<RegressionProfile> {

  long count;
  final ExactSum sumY = new ExactSum();
  final ExactSum sumYSquared = new ExactSum();
  final ExactSum absoluteErrors = new ExactSum();
  final ExactSum squaredErrors = new ExactSum();
  final ExactSum percentageErrors = new ExactSum();

  public RegressionProfile() {}

  /** Counts one labeled prediction; throws {@link IllegalArgumentException} for a non-finite value. */
  public void update(double target, double prediction) {
    apply(target, prediction, 1);
  }

  /**
   * Undoes an earlier {@link #update} with the same values, exactly.
   *
   * @throws IllegalArgumentException when the profile is empty (nothing can be removed)
   */
  public void remove(double target, double prediction) {
    if (count == 0) {
      throw new IllegalArgumentException("cannot remove a row from an empty regression profile");
    }
    apply(target, prediction, -1);
  }

  /** {@link #update(double, double)} from events whose label and prediction are numbers. */
  public void update(PredictionEvent prediction, LabelEvent label) {
    update(number(label.label(), "label"), number(prediction.prediction(), "prediction"));
  }

  /** {@link #remove(double, double)} from the events an earlier {@link #update} was given. */
  public void remove(PredictionEvent prediction, LabelEvent label) {
    remove(number(label.label(), "label"), number(prediction.prediction(), "prediction"));
  }

  private static double number(Object value, String field) {
    if (!(value instanceof Number)) {
      throw new IllegalArgumentException(field + ": expected a number for a regression model, got " + value);
    }
    return ((Number) value).doubleValue();
  }

  private void apply(double y, double yhat, int weight) {
    if (!Double.isFinite(y) || !Double.isFinite(yhat)) {
      throw new IllegalArgumentException("target and prediction must be finite, got " + y + " and " + yhat);
    }
    double error = y - yhat;
    double percentage = Math.abs(yhat - y) / Math.max(Math.abs(y), RegressionMetrics.MAPE_EPSILON);
    if (!Double.isFinite(y * y) || !Double.isFinite(error * error) || !Double.isFinite(percentage)) {
      throw new IllegalArgumentException("target " + y + " and prediction " + yhat + " overflow their squares");
    }
    count += weight;
    sumY.add(y, weight);
    sumYSquared.addSquare(y, weight);
    absoluteErrors.add(Math.abs(error), weight);
    squaredErrors.add(error * error, weight);
    percentageErrors.add(percentage, weight);
  }

  @Override
  public RegressionProfile merge(RegressionProfile other) {
    RegressionProfile source = other == this ? other.copy() : other;
    count = Math.addExact(count, source.count);
    sumY.merge(source.sumY);
    sumYSquared.merge(source.sumYSquared);
    absoluteErrors.merge(source.absoluteErrors);
    squaredErrors.merge(source.squaredErrors);
    percentageErrors.merge(source.percentageErrors);
    return this;
  }

  @Override
  public RegressionProfile copy() {
    return new RegressionProfile().merge(this);
  }

  public long count() {
    return count;
  }

  /** Metrics with scikit-learn's definitions, as {@link RegressionMetrics} computes them offline. */
  public RegressionResult result() {
    if (count == 0) {
      MetricValue none = MetricValue.absent("no labeled rows");
      return new RegressionResult(0, none, none, none, none);
    }
    double squares = squaredErrors.doubleValue();
    MetricValue r2;
    if (count < 2) {
      r2 = MetricValue.absent("fewer than two rows: R² is undefined");
    } else {
      // n·SS_tot = n·Σy² − (Σy)², exact; then one division by n.
      BigDecimal scaledTotal = sumYSquared.value().multiply(BigDecimal.valueOf(count))
          .subtract(sumY.value().multiply(sumY.value()));
      double total = scaledTotal.divide(BigDecimal.valueOf(count), MathContext.DECIMAL128).doubleValue();
      r2 = MetricValue.of(scaledTotal.signum() == 0 ? (squaredErrors.signum() == 0 ? 1.0 : 0.0)
          : 1 - squares / total);
    }
    return new RegressionResult(count, MetricValue.of(absoluteErrors.doubleValue() / count),
        MetricValue.of(Math.sqrt(squares / count)), MetricValue.of(percentageErrors.doubleValue() / count), r2);
  }

  /** Throws {@link IllegalStateException} when an invariant of the class comment does not hold. */
  public void checkInvariants() {
    boolean ok = count >= 0 && sumYSquared.signum() >= 0 && absoluteErrors.signum() >= 0
        && squaredErrors.signum() >= 0 && percentageErrors.signum() >= 0
        && (count > 0 || (sumY.signum() == 0 && sumYSquared.signum() == 0 && absoluteErrors.signum() == 0
            && squaredErrors.signum() == 0 && percentageErrors.signum() == 0))
        && sumYSquared.value().multiply(BigDecimal.valueOf(count))
            .compareTo(sumY.value().multiply(sumY.value())) >= 0;
    if (!ok) {
      throw new IllegalStateException("broken regression profile: count " + count + ", Σy " + sumY + ", Σy² "
          + sumYSquared);
    }
  }
}
