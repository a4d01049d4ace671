package io.vigil.performance;

import java.util.Arrays;

/**
 * Area under the ROC curve, equal to {@code sklearn.metrics.roc_auc_score}.
 *
 * <pre>{@code
 * double auc = RocAuc.binary(isPositive, scoreOfPositiveClass);
 * }</pre>
 *
 * <p>Definition: scikit-learn builds the ROC curve over the distinct scores (tied scores form one point) and
 * integrates it with the trapezoid rule. That area equals the Mann–Whitney form computed here, with ties counted
 * one half: {@code AUC = (R₊ − P(P+1)/2) / (P·N)}, where {@code R₊} is the sum of the positives' mid-ranks among
 * all scores, {@code P} the positives and {@code N} the negatives (Hanley and McNeil 1982). Sorting makes it
 * O(n log n). Ranks are half-integers, exact in a double up to 2^52, so the result differs from scikit-learn's
 * only by the rounding of the final division.
 *
 * <p>Edge cases: undefined (the caller reports it absent) when the labels hold one class only, as scikit-learn
 * raises "Only one class present in y_true"; scores may be any finite reals (margins, not only probabilities).
 */
public final class RocAuc {

  private RocAuc() {}

  /** Whether both classes occur, i.e. whether {@link #binary} is defined. */
  public static boolean defined(boolean[] positive) {
    boolean pos = false;
    boolean neg = false;
    for (boolean p : positive) {
      pos |= p;
      neg |= !p;
    }
    return pos && neg;
  }

  /**
   * @throws IllegalArgumentException when lengths differ, a score is not finite, or one class is absent
   */
  public static double binary(boolean[] positive, double[] score) {
    if (positive.length != score.length) {
      throw new IllegalArgumentException(positive.length + " labels but " + score.length + " scores");
    }
    if (!defined(positive)) {
      throw new IllegalArgumentException("ROC AUC needs both classes among the labels");
    }
    int n = score.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(score[i])) {
        throw new IllegalArgumentException("score " + score[i] + " at row " + i + " is not finite");
      }
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[a] + 0.0, score[b] + 0.0));
    double rankSumPositive = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
        j++;
      }
      double midRank = (i + 1 + j + 1) / 2.0;   // 1-based ranks i+1 … j+1 share their mean
      for (int k = i; k <= j; k++) {
        if (positive[order[k]]) {
          rankSumPositive += midRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }
}
