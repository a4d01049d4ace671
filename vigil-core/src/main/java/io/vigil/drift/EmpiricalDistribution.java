package io.vigil.drift;

import java.util.Arrays;

/**
 * A step cumulative distribution over sorted distinct values with cumulative weights: the one shape both drift
 * paths share. From raw data ({@link #of}, {@link #ofSorted}) every value has weight one and ties collapse into
 * one step; from a quantile sketch ({@link #ofWeighted}) the steps are the sketch's retained items and weights,
 * and {@link #rankError()} bounds how far {@link #cdf} may be from the true distribution function.
 *
 * <pre>{@code
 * EmpiricalDistribution ref = EmpiricalDistribution.of(new double[] {3, 1, 2, 2});
 * ref.cdf(2.0);        // 0.75
 * ref.quantile(0.5);   // 2.0, as numpy.quantile(..., method="linear")
 * }</pre>
 *
 * <p>Invariants: {@code values} is strictly increasing and finite; {@code cumulative} is strictly increasing and
 * positive, its last element is {@link #totalWeight()}; {@link #count()} ≥ 1. Instances are immutable and the
 * arrays returned by accessors are the internal ones: callers must not modify them.
 */
public final class EmpiricalDistribution {

  private final double[] values;
  private final double[] cumulative;
  private final long count;
  private final double mean;
  private final double std;
  private final double rankError;

  private EmpiricalDistribution(double[] values, double[] cumulative, long count, double mean, double std,
      double rankError) {
    this.values = values;
    this.cumulative = cumulative;
    this.count = count;
    this.mean = mean;
    this.std = std;
    this.rankError = rankError;
  }

  /** An exact distribution of raw values (copied, then sorted). Non-finite values are rejected. */
  public static EmpiricalDistribution of(double[] values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    return ofSorted(copy);
  }

  /**
   * An exact distribution of values already sorted ascending; the array is only read. Mean and the population
   * standard deviation (numpy's {@code std}, ddof=0) are computed in two passes for accuracy.
   *
   * @throws IllegalArgumentException when empty, unsorted or holding a non-finite value
   */
  public static EmpiricalDistribution ofSorted(double[] sorted) {
    int n = sorted.length;
    if (n == 0) {
      throw new IllegalArgumentException("an empirical distribution needs at least one value");
    }
    int distinct = 1;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double x = sorted[i];
      if (!Double.isFinite(x)) {
        throw new IllegalArgumentException("non-finite value " + x + " at index " + i);
      }
      if (i > 0) {
        if (x < sorted[i - 1]) {
          throw new IllegalArgumentException("values are not sorted at index " + i);
        }
        if (x != sorted[i - 1]) {
          distinct++;
        }
      }
      sum += x;
    }
    double mean = sum / n;
    double squares = 0;
    double compensation = 0;
    for (double x : sorted) {
      double d = x - mean;
      squares += d * d;
      compensation += d;
    }
    double variance = (squares - compensation * compensation / n) / n;
    double[] values = new double[distinct];
    double[] cumulative = new double[distinct];
    int j = -1;
    for (int i = 0; i < n; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        j++;
        values[j] = sorted[i];
      }
      cumulative[j] = i + 1;
    }
    return new EmpiricalDistribution(values, cumulative, n, mean, Math.sqrt(Math.max(variance, 0)), 0.0);
  }

  /**
   * An exact distribution given as distinct sorted values and integer cumulative counts (the form a saved
   * reference keeps). Mean and population standard deviation are computed from them in two passes.
   *
   * @throws IllegalArgumentException when the steps are not strictly increasing, not finite or not whole counts
   */
  public static EmpiricalDistribution ofCounts(double[] values, double[] cumulative) {
    EmpiricalDistribution checked = ofWeighted(values, cumulative, 1, 0, 0, 0);
    double n = checked.totalWeight();
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      double w = checked.weight(i);
      if (w != Math.rint(w)) {
        throw new IllegalArgumentException("weight " + w + " at index " + i + " is not a whole count");
      }
      sum += w * values[i];
    }
    double mean = sum / n;
    double squares = 0;
    for (int i = 0; i < values.length; i++) {
      double d = values[i] - mean;
      squares += checked.weight(i) * d * d;
    }
    return new EmpiricalDistribution(checked.values, checked.cumulative, (long) n, mean, Math.sqrt(squares / n), 0.0);
  }

  /**
   * A distribution given as steps, typically a quantile sketch's sorted view.
   *
   * @param values strictly increasing finite values
   * @param cumulative strictly increasing positive cumulative weights, one per value
   * @param count the number of observations the steps stand for
   * @param mean the exact mean of those observations (from moments)
   * @param std their exact population standard deviation (from moments)
   * @param rankError a bound on |cdf(x) − true cdf(x)|, as a fraction of one, taken to hold for all x at once (KLL:
   *     DataSketches fits {@code getNormalizedRankError(k, false)} to the largest error over all ranks, at 99%
   *     confidence); the drift methods' sketch bounds rest on that reading
   */
  public static EmpiricalDistribution ofWeighted(double[] values, double[] cumulative, long count, double mean,
      double std, double rankError) {
    if (values.length == 0 || values.length != cumulative.length) {
      throw new IllegalArgumentException("values and cumulative weights must be non-empty and of equal length");
    }
    if (count < 1 || !(rankError >= 0 && rankError < 1)) {
      throw new IllegalArgumentException("count " + count + " or rank error " + rankError + " out of range");
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i]) || (i > 0 && (values[i] <= values[i - 1] || cumulative[i] <= cumulative[i - 1]))
          || !(cumulative[i] > 0)) {
        throw new IllegalArgumentException("steps are not strictly increasing or not finite at index " + i);
      }
    }
    return new EmpiricalDistribution(values.clone(), cumulative.clone(), count, mean, std, rankError);
  }

  /** Fraction of the weight at or below {@code x}. */
  public double cdf(double x) {
    int i = upperBound(x);
    return i == 0 ? 0.0 : cumulative[i - 1] / totalWeight();
  }

  /** Fraction of the weight strictly below {@code x}. */
  public double cdfBelow(double x) {
    return weightBelow(x) / totalWeight();
  }

  /** Weight strictly below {@code x} (a count on the exact path). */
  public double weightBelow(double x) {
    int i = lowerBound(x);
    return i == 0 ? 0.0 : cumulative[i - 1];
  }

  /**
   * The {@code p}-quantile with numpy's default linear interpolation: with the weight laid out as a sorted array
   * {@code a} of length {@code W}, {@code h = (W − 1)·p} and the result is
   * {@code a[⌊h⌋] + (h − ⌊h⌋)·(a[⌊h⌋ + 1] − a[⌊h⌋])}, rounded as numpy's {@code _lerp} rounds it. Exact for raw data; for sketch steps each step counts as
   * its weight in copies of its value.
   */
  public double quantile(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("quantile probability " + p + " is outside [0, 1]");
    }
    double h = (totalWeight() - 1) * p;
    double lo = Math.floor(h);
    double a = valueAtIndex(lo);
    if (h == lo) {
      return a;
    }
    double b = valueAtIndex(lo + 1);
    double t = h - lo;
    // numpy's _lerp: from the upper neighbour when t ≥ 0.5, which changes the last bit in about half those cases
    return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
  }

  /** The value at 0-based position {@code index} of the expanded sorted array. */
  private double valueAtIndex(double index) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > index) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return values[lo];
  }

  /** Index of the first value strictly greater than x. */
  private int upperBound(double x) {
    int lo = 0;
    int hi = values.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (values[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Index of the first value greater than or equal to x. */
  private int lowerBound(double x) {
    int lo = 0;
    int hi = values.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (values[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Sorted distinct values (the internal array: do not modify). */
  public double[] values() {
    return values;
  }

  /** Cumulative weights, one per value (the internal array: do not modify). */
  public double[] cumulative() {
    return cumulative;
  }

  /** Weight of the step at {@code i}. */
  public double weight(int i) {
    return i == 0 ? cumulative[0] : cumulative[i] - cumulative[i - 1];
  }

  /** Number of steps. */
  public int size() {
    return values.length;
  }

  /** Sum of all step weights; equals {@link #count()} on the exact path. */
  public double totalWeight() {
    return cumulative[cumulative.length - 1];
  }

  /** Number of observations. */
  public long count() {
    return count;
  }

  public double mean() {
    return mean;
  }

  /** Population standard deviation (ddof = 0), as {@code numpy.std}. */
  public double std() {
    return std;
  }

  public double min() {
    return values[0];
  }

  public double max() {
    return values[values.length - 1];
  }

  /** 0 for raw data; for sketch steps, the bound on |cdf(x) − true cdf(x)| at the sketch's confidence. */
  public double rankError() {
    return rankError;
  }

  /** Whether this distribution was built from raw data. */
  public boolean isExact() {
    return rankError == 0.0;
  }
}
