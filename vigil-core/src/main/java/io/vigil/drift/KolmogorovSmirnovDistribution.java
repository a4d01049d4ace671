package io.vigil.drift;

/**
 * The two-sided p-value of the two-sample Kolmogorov–Smirnov statistic, ported branch for branch from SciPy 1.17's
 * {@code scipy.stats.ks_2samp(..., alternative="two-sided", method="auto")} (in {@code _stats_py.py} and
 * {@code _stats_pythran.py}):
 *
 * <ol>
 *   <li>{@code max(n, m) <= 10000} ({@code MAX_AUTO_N}): exact. D is rounded to the lattice,
 *       {@code h = round(D·lcm)}, and the probability of a lattice path leaving the band |x/n − y/m| &lt; h/lcm is
 *       counted: {@link #probabilityOutsideSquare} when n = m, {@link #probabilityOutsideBand} otherwise (Hodges
 *       1958; the recursion for 1 − p of Viehmann, arXiv:2102.08037).
 *   <li>If that probability is not in [0, 1] (it happens for n = m when rounding pushes it just above 1), SciPy
 *       warns and falls back to the asymptotic branch at the rounded D.
 *   <li>Otherwise asymptotic: {@code kstwo.sf(D, round(n·m/(n + m)))}, the one-sample two-sided distribution of
 *       {@link KolmogorovDistribution} at the effective sample size.
 * </ol>
 *
 * <p>Arithmetic follows SciPy's operation order, so on the exact branch the p-value agrees to the last bit or
 * nearly so.
 */
final class KolmogorovSmirnovDistribution {

  /** SciPy's switch: the exact branch is tried when both sizes are at most this. */
  static final long MAX_AUTO_N = 10000;

  /** How SciPy arrived at a p-value. */
  enum Method {
    EXACT,
    EXACT_FALLBACK,
    ASYMPTOTIC
  }

  /** SciPy's reported statistic (rounded to the lattice on the exact branch), its p-value and its branch. */
  record Result(double statistic, double pValue, Method method) {}

  private KolmogorovSmirnovDistribution() {}

  /** {@code ks_2samp}'s p-value for an observed statistic {@code d} with sample sizes n and m. */
  static Result twoSided(double d, long n, long m) {
    if (Math.max(n, m) <= MAX_AUTO_N) {
      long g = greatestCommonDivisor(n, m);
      long lcm = (n / g) * m;
      long h = (long) Math.rint(d * lcm);
      double rounded = h * 1.0 / lcm;
      if (h == 0) {
        return new Result(rounded, 1.0, Method.EXACT);
      }
      double p = n == m ? probabilityOutsideSquare(n, h) : probabilityOutsideBand(n, m, g, h);
      if (p >= 0 && p <= 1) {
        return new Result(rounded, p, Method.EXACT);
      }
      return new Result(rounded, asymptotic(rounded, n, m), Method.EXACT_FALLBACK);
    }
    return new Result(d, asymptotic(d, n, m), Method.ASYMPTOTIC);
  }

  /**
   * {@code kstwo.sf(d, round(n·m/(n + m)))} with rv_continuous's support handling: 1 at or below {@code 0.5/N},
   * 0 at or above 1. The sizes are ordered and multiplied as doubles, as SciPy does to avoid overflow, and
   * rounded half to even, as {@code numpy.round}.
   */
  static double asymptotic(double d, long n, long m) {
    double larger = Math.max(n, m);
    double smaller = Math.min(n, m);
    double effective = Math.rint(larger * smaller / (larger + smaller));
    if (effective < 1) {
      // Unreachable from twoSided (the asymptotic branch has a size above 10000; the fallback needs n = m >= 5),
      // kept so that a caller can never see SciPy's NaN for an invalid shape.
      return 1.0;
    }
    if (d <= 0.5 / effective) {
      return 1.0;
    }
    if (d >= 1.0) {
      return 0.0;
    }
    return clip(KolmogorovDistribution.survival((long) effective, d));
  }

  /**
   * {@code _compute_prob_outside_square(n, h)}: Pr(D(n,n) ≥ h/n), from Hodges' alternating sum
   * {@code 2·Σ_k (−1)^(k−1)·C(2n, n − k·h)/C(2n, n)}, evaluated as nested products to avoid cancellation.
   */
  static double probabilityOutsideSquare(long n, long h) {
    double p = 0.0;
    long k = n / h;
    while (k >= 0) {
      double term = 1.0;
      for (long j = 0; j < h; j++) {
        term = (n - k * h - j) * term / (n + k * h + j + 1);
      }
      p = term * (1.0 - p);
      k--;
    }
    return 2 * p;
  }

  /**
   * {@code _compute_outer_prob_inside_method(m, n, g, h)}: the share of the C(m + n, n) lattice paths from
   * (0, 0) to (m, n) that leave the band |n·x − m·y|/g &lt; h, computed as 1 − (inside share) column by column with
   * Viehmann's recursion, which keeps every entry in [0, 1]. Only a sliding window of one column is stored.
   */
  static double probabilityOutsideBand(long sizeA, long sizeB, long g, long h) {
    long m = Math.max(sizeA, sizeB);
    long n = Math.min(sizeA, sizeB);
    long mg = m / g;
    long ng = n / g;
    long minj = 0;
    long maxj = Math.min(ceilDiv(h, mg), n + 1);
    long curlen = maxj - minj;
    int length = (int) Math.min(2 * maxj + 2, n + 1);
    double[] column = new double[length];
    for (int j = (int) Math.min(maxj, length); j < length; j++) {
      column[j] = 1.0;
    }
    for (long i = 1; i <= m; i++) {
      long lastminj = minj;
      long lastlen = curlen;
      minj = Math.min(Math.max(Math.floorDiv(ng * i - h, mg) + 1, 0), n);
      maxj = Math.min(ceilDiv(ng * i + h, mg), n + 1);
      if (maxj <= minj) {
        return 1.0;
      }
      double value = minj == 0 ? 0.0 : 1.0;
      for (long jj = 0; jj < maxj - minj; jj++) {
        long j = jj + minj;
        value = (column[(int) (jj + minj - lastminj)] * i + value * j) / (i + j);
        column[(int) jj] = value;
      }
      curlen = maxj - minj;
      if (lastlen > curlen) {
        long end = Math.min(maxj - minj + (lastlen - curlen), length);
        for (long j = maxj - minj; j < end; j++) {
          column[(int) j] = 1.0;
        }
      }
    }
    return column[(int) (maxj - minj - 1)];
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  static long greatestCommonDivisor(long a, long b) {
    while (b != 0) {
      long r = a % b;
      a = b;
      b = r;
    }
    return a;
  }

  static double clip(double p) {
    return Math.min(1.0, Math.max(0.0, p));
  }
}
