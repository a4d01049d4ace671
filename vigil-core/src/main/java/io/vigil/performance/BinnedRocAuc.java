package io.vigil.performance;

/**
 * ROC AUC from a score histogram, and its error bound.
 *
 * <p>With {@code P_b} positives and {@code N_b} negatives in bin {@code b} (bins in ascending score order, P and N
 * the totals), the binned area is the Mann–Whitney form with each bin a tie:
 * {@code AUC_bin = Σ_b P_b·(N_{<b} + N_b/2) / (P·N)}. The exact AUC differs only in how it scores the
 * {@code P_b·N_b} pairs that share a bin: each counts 1, ½ or 0 instead of ½. So
 * {@code |AUC_bin − AUC| ≤ ½·Σ_b P_b·N_b / (P·N)}, which {@link #error} returns; pairs in the bins of exactly 0
 * and exactly 1 are true ties and cost nothing. Since {@code Σ_b P_b·N_b ≤ P·max_b N_b}, the bound is at most
 * {@code ½·max_b N_b/N} (likewise with P): it stays below 0.002 unless one bin, a logit interval 0.001 wide, holds
 * more than 0.4 % of the positives and of the negatives. The weights may be expected counts (CBPE), for which the
 * same formulas hold with real-valued weights.
 */
final class BinnedRocAuc {

  private final double value;
  private final double error;

  private BinnedRocAuc(double value, double error) {
    this.value = value;
    this.error = error;
  }

  /**
   * @param bins ascending bin indices
   * @param positive positive weight per bin
   * @param negative negative weight per bin
   * @return null when either class has no weight (the AUC is undefined)
   */
  static BinnedRocAuc of(int[] bins, double[] positive, double[] negative, int size) {
    double p = 0;
    double n = 0;
    for (int i = 0; i < size; i++) {
      p += positive[i];
      n += negative[i];
    }
    if (!(p > 0 && n > 0)) {
      return null;
    }
    double below = 0;
    double area = 0;
    double shared = 0;
    for (int i = 0; i < size; i++) {
      area += positive[i] * (below + negative[i] / 2);
      if (bins[i] != ScoreBins.ZERO && bins[i] != ScoreBins.ONE) {
        shared += positive[i] * negative[i];
      }
      below += negative[i];
    }
    return new BinnedRocAuc(area / (p * n), shared / 2 / (p * n));
  }

  /**
   * The realized-label form: a class's histogram with positives first, plus {@code implicitZeroNegatives} negatives
   * at score 0 that are not stored (see {@link ClassificationProfile}).
   */
  static BinnedRocAuc of(ScoreHistogram h, long implicitZeroNegatives) {
    int extra = implicitZeroNegatives > 0 && (h.size() == 0 || h.bin(0) != ScoreBins.ZERO) ? 1 : 0;
    int size = h.size() + extra;
    int[] bins = new int[size];
    double[] pos = new double[size];
    double[] neg = new double[size];
    if (extra == 1) {
      bins[0] = ScoreBins.ZERO;
      neg[0] = implicitZeroNegatives;
    }
    for (int i = 0; i < h.size(); i++) {
      bins[i + extra] = h.bin(i);
      pos[i + extra] = h.first(i);
      neg[i + extra] = h.second(i) + (extra == 0 && i == 0 && h.bin(0) == ScoreBins.ZERO ? implicitZeroNegatives : 0);
    }
    return of(bins, pos, neg, size);
  }

  double value() {
    return value;
  }

  /** The bound on |binned − exact|, the same pairs argument as the class comment. */
  double error() {
    return error;
  }
}
