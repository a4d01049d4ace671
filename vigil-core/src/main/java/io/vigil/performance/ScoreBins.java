package io.vigil.performance;

import java.util.Arrays;

/**
 * The score bins shared by every histogram of this package: fine and equal-width on the logit scale, so that
 * confident scores near 0 and 1 are resolved as finely, relative to their distance from the edge, as scores near ½.
 *
 * <p>Bin 0 holds the score 0 exactly and bin {@link #COUNT}{@code − 1} the score 1 exactly (models that saturate
 * produce many such ties, which then cost no ROC AUC error). Bins 1 … {@link #LOGIT_BINS} split
 * {@code logit(s) = ln(s / (1 − s))} over [−{@value #LOGIT_RANGE}, {@value #LOGIT_RANGE}] into steps of
 * 1/{@value #BINS_PER_LOGIT}; scores beyond that range (s &lt; 2.1e-9 or s &gt; 1 − 2.1e-9) join the outermost
 * bins. On the probability scale a bin is {@code s(1 − s)/1000} wide: 0.00025 at ½, 1e-5 at 0.99.
 *
 * <p>The edges are computed once with {@link StrictMath} and searched by bisection, so the bin of a score is the
 * same on every JVM and monotone in the score (a computed logit could be off by an ulp across an edge).
 */
final class ScoreBins {

  static final int BINS_PER_LOGIT = 1000;
  static final int LOGIT_RANGE = 20;
  static final int LOGIT_BINS = 2 * LOGIT_RANGE * BINS_PER_LOGIT;
  /** Total bins: exact 0, the logit bins, exact 1. */
  static final int COUNT = LOGIT_BINS + 2;
  static final int ZERO = 0;
  static final int ONE = COUNT - 1;

  private ScoreBins() {}

  /** Inner edges: {@code INNER[i]} is the lower edge of bin {@code i + 2}. */
  private static final class Edges {
    static final double[] INNER = new double[LOGIT_BINS - 1];

    static {
      for (int i = 0; i < INNER.length; i++) {
        INNER[i] = sigmoid(-LOGIT_RANGE + (double) (i + 1) / BINS_PER_LOGIT);
      }
    }
  }

  /**
   * The bin of a score in [0, 1].
   *
   * @throws IllegalArgumentException for NaN or a score outside [0, 1]
   */
  static int of(double s) {
    if (!(s >= 0 && s <= 1)) {
      throw new IllegalArgumentException("a score must be a probability in [0, 1], got " + s);
    }
    if (s == 0) {
      return ZERO;
    }
    if (s == 1) {
      return ONE;
    }
    int i = Arrays.binarySearch(Edges.INNER, s);
    int below = i >= 0 ? i + 1 : -i - 1;   // inner edges ≤ s
    return 1 + below;
  }

  /** A representative score of the bin: 0, 1, or the logistic of the bin's logit midpoint. */
  static double center(int bin) {
    return Centers.OF[bin];
  }

  /** Every bin's center, computed once: CBPE reads them for every bin of every estimate. */
  private static final class Centers {
    static final double[] OF = new double[COUNT];

    static {
      for (int bin = 0; bin < COUNT; bin++) {
        OF[bin] = bin == ZERO ? 0 : bin == ONE ? 1 : sigmoid(-LOGIT_RANGE + (bin - 0.5) / BINS_PER_LOGIT);
      }
    }
  }

  static boolean valid(int bin) {
    return bin >= 0 && bin < COUNT;
  }

  static double sigmoid(double t) {
    return 1 / (1 + StrictMath.exp(-t));
  }
}
