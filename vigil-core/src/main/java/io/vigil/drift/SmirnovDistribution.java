package io.vigil.drift;

/**
 * The one-sided Kolmogorov–Smirnov survival function Pr(D⁺_n ≥ x): SciPy's {@code scipy.special.smirnov(n, x)}
 * (xsf's {@code cephes/kolmogorov.h}, {@code _smirnov}), as {@link KolmogorovDistribution} calls it.
 *
 * <p>Birnbaum and Tingey's sum (Ann. Math. Statist. 1951; already in Smirnov 1944):
 * {@code Pr(D⁺_n ≥ x) = x · Σ_{v=0}^{⌊n(1−x)⌋} C(n, v)·(1 − x − v/n)^(n−v)·(x + v/n)^(v−1)}, all terms positive,
 * summed from v = 0 until the rest cannot change the total (the same early exit as xsf). Above n = 10⁶ xsf
 * switches to {@code exp(−(6nx + 1)²/(18n))}, and so does this class.
 *
 * <p>xsf evaluates each term in double-double arithmetic; here each term is evaluated in logarithms with
 * {@code n·x} split exactly by a fused multiply-add, which keeps the relative error of every term near
 * n·2⁻⁵² (about 10⁻¹⁰ at n = 10⁶): far below the accuracy a p-value needs. Only the branches the two-sample test
 * reaches are ported: callers pass n ≥ 2 and 1/n &lt; x &lt; 1 − 1/n with n·x² ≥ 2.2 or x ≥ 0.5, where xsf's
 * upper-sum variant and its small-x and large-x special cases never apply.
 */
final class SmirnovDistribution {

  /** Above this n xsf replaces the sum by an approximation. */
  static final long MAX_COMPUTE_N = 1_000_000;

  private static final double EPSILON = Math.ulp(1.0);

  private SmirnovDistribution() {}

  /** Pr(D⁺_n ≥ x), clipped to [0, 1]. */
  static double survival(long n, double x) {
    if (n > MAX_COMPUTE_N) {
      double logp = -Math.pow(6.0 * n * x + 1, 2) / 18.0 / n;
      double sf = logp < -Math.log(2) ? Math.exp(logp) : 1 - (-Math.expm1(logp));
      return clip(sf);
    }
    // n·x = nxHigh + nxLow exactly, then its integer and fractional parts.
    double nxHigh = n * x;
    double nxLow = Math.fma((double) n, x, -nxHigh);
    double floor = Math.floor(nxHigh);
    if (floor == nxHigh && nxLow < 0) {
      floor -= 1;
    }
    double alpha = (nxHigh - floor) + nxLow;
    if (alpha >= 1) {
      floor += 1;
      alpha = 0;
    }
    long nxFloor = (long) floor;
    // The last v with 1 − x − v/n > 0; a zero fractional part leaves out the v that makes it exactly 0.
    long lastTerm = n - nxFloor - (alpha == 0 ? 0 : 1);
    if (alpha == 0) {
      lastTerm -= 1;
    }
    long terms = lastTerm + 1;
    long middle = n / 2;
    double sum = Math.pow(1 - x, n) / x;
    double logBinomial = Math.log(n);
    for (long v = 1; v < terms; v++) {
      double below = ((n - v) - nxHigh - nxLow) / n; // 1 − x − v/n
      double above = ((v + nxHigh) + nxLow) / n; //      x + v/n
      double term = Math.exp(logBinomial + (n - v) * Math.log(below) + (v - 1) * Math.log(above));
      if (Double.isFinite(term) && term != 0.0) {
        sum += term;
      }
      if (term != 0.0) {
        if (4 * (terms - v) * Math.abs(term) < EPSILON * sum && v != terms - 1) {
          break;
        }
      } else if (v > middle) {
        break;
      }
      logBinomial += Math.log((double) (n - v) / (v + 1));
    }
    return clip(x * sum);
  }

  private static double clip(double p) {
    return Math.min(1.0, Math.max(0.0, p));
  }
}
