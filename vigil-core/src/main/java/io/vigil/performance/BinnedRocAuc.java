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
   * Adds bins in ascending order, one pass and no arrays: the area needs only the negatives below each bin, and
   * the totals divide at the end. A month's histogram holds tens of thousands of bins, and a 30-day series
   * computes an area per class and per point.
   */
  static final class Area {
    private double positives;
    private double negatives;
    private double area;
    private double shared;

    void add(int bin, double positive, double negative) {
      area += positive * (negatives + negative / 2);
      if (bin != ScoreBins.ZERO && bin != ScoreBins.ONE) {
        shared += positive * negative;
      }
      positives += positive;
      negatives += negative;
    }

    /** The AUC of the bins added, or null when either class has no weight (the AUC is undefined). */
    BinnedRocAuc result() {
      double p = positives;
      double n = negatives;
      if (!(p > 0 && n > 0)) {
        return null;
      }
      return new BinnedRocAuc(area / (p * n), shared / 2 / (p * n));
    }
  }

  /**
   * The realized-label form: a class's histogram with positives first, plus {@code implicitZeroNegatives} negatives
   * at score 0 that are not stored (see {@link ClassificationProfile}).
   */
  static BinnedRocAuc of(ScoreHistogram h, long implicitZeroNegatives) {
    Area a = new Area();
    int size = h.size();
    int i = 0;
    if (implicitZeroNegatives > 0 && (size == 0 || h.bin(0) != ScoreBins.ZERO)) {
      a.add(ScoreBins.ZERO, 0, implicitZeroNegatives);
    } else if (size > 0 && h.bin(0) == ScoreBins.ZERO) {
      a.add(ScoreBins.ZERO, h.first(0), (double) (h.second(0) + implicitZeroNegatives));
      i = 1;
    }
    for (; i < size; i++) {
      a.add(h.bin(i), h.first(i), h.second(i));
    }
    return a.result();
  }

  double value() {
    return value;
  }

  /** The bound on |binned − exact|, the same pairs argument as the class comment. */
  double error() {
    return error;
  }
}
