package io.vigil.performance;

import java.util.Arrays;

/**
 * Isotonic regression of "labeled with the class" on the score bin, fitted by pool-adjacent-violators on a
 * reference's {@link ScoreHistogram}: each occupied bin is one point weighted by its rows, with the share of its rows
 * labeled with the class as the target. The fit is the non-decreasing step function closest to those shares in
 * weighted least squares, exactly what {@code sklearn.isotonic.IsotonicRegression} fits to the same points
 * (M. Ayer et al., "An empirical distribution function for sampling with incomplete information", Ann. Math.
 * Statist. 26(4), 1955; R. E. Barlow et al., "Statistical inference under order restrictions", 1972).
 *
 * <p>Between two fitted bins the value is interpolated linearly in the bin index (which is linear in the logit of
 * the score); outside the fitted range it is the nearest end's value, as {@code out_of_bounds="clip"}.
 */
final class IsotonicFit {

  private final int[] bins;
  private final double[] fitted;

  private IsotonicFit(int[] bins, double[] fitted) {
    this.bins = bins;
    this.fitted = fitted;
  }

  /** Null when the reference has no rows in the histogram. */
  static IsotonicFit of(ScoreHistogram h, long implicitZeroNegatives) {
    int extra = implicitZeroNegatives > 0 && (h.size() == 0 || h.bin(0) != ScoreBins.ZERO) ? 1 : 0;
    int n = h.size() + extra;
    if (n == 0) {
      return null;
    }
    int[] bins = new int[n];
    double[] weight = new double[n];
    double[] positive = new double[n];
    if (extra == 1) {
      bins[0] = ScoreBins.ZERO;
      weight[0] = implicitZeroNegatives;
    }
    for (int i = 0; i < h.size(); i++) {
      int at = i + extra;
      bins[at] = h.bin(i);
      positive[at] = h.first(i);
      weight[at] = h.first(i) + h.second(i) + (extra == 0 && i == 0 && h.bin(0) == ScoreBins.ZERO
          ? implicitZeroNegatives : 0);
    }
    // Pool adjacent violators: a stack of blocks, each with its weight, weighted sum and first point.
    double[] blockWeight = new double[n];
    double[] blockSum = new double[n];
    int[] blockStart = new int[n];
    int blocks = 0;
    for (int i = 0; i < n; i++) {
      blockWeight[blocks] = weight[i];
      blockSum[blocks] = positive[i];
      blockStart[blocks] = i;
      blocks++;
      while (blocks > 1 && blockSum[blocks - 2] / blockWeight[blocks - 2]
          > blockSum[blocks - 1] / blockWeight[blocks - 1]) {
        blockWeight[blocks - 2] += blockWeight[blocks - 1];
        blockSum[blocks - 2] += blockSum[blocks - 1];
        blocks--;
      }
    }
    double[] fitted = new double[n];
    for (int b = 0; b < blocks; b++) {
      int end = b + 1 < blocks ? blockStart[b + 1] : n;
      Arrays.fill(fitted, blockStart[b], end, blockSum[b] / blockWeight[b]);
    }
    return new IsotonicFit(bins, fitted);
  }

  /** The calibrated probability of a score bin. */
  double at(int bin) {
    int i = Arrays.binarySearch(bins, bin);
    if (i >= 0) {
      return fitted[i];
    }
    int above = -i - 1;
    if (above == 0) {
      return fitted[0];
    }
    if (above == bins.length) {
      return fitted[bins.length - 1];
    }
    double t = (double) (bin - bins[above - 1]) / (bins[above] - bins[above - 1]);
    return fitted[above - 1] + t * (fitted[above] - fitted[above - 1]);
  }
}
