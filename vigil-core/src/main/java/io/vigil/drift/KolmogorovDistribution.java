package io.vigil.drift;

/**
 * The survival function Pr(D_n ≥ x) of the one-sample two-sided Kolmogorov–Smirnov statistic for a sample of
 * size n: SciPy's {@code scipy.stats.kstwo.sf(x, n)}, i.e. {@code scipy.stats._ksstats._kolmogn(n, x, cdf=False)},
 * with Simard and L'Ecuyer's choice of algorithm by region (J. Stat. Software 39(11), 2011):
 *
 * <ul>
 *   <li>n·x ≤ 1: Ruben and Gambino's closed form {@code n!/nⁿ·(2nx − 1)ⁿ} (a Stirling series above n = 140);
 *   <li>n·x ≥ n − 1: {@code 2(1 − x)ⁿ};
 *   <li>x ≥ 0.5: twice the one-sided Smirnov probability ({@link SmirnovDistribution}), exact there;
 *   <li>n ≤ 140: Durbin's matrix ({@link DurbinMatrix}) for n·x² ≤ 0.754693, Pomeranz's recursion
 *       ({@link PomeranzRecursion}) for n·x² ≤ 4, twice Smirnov beyond;
 *   <li>n > 140: 0 for n·x² ≥ 370, twice Smirnov for n·x² ≥ 2.2, otherwise 1 − CDF with the CDF from Durbin's
 *       matrix when n ≤ 100000 and n·x^1.5 ≤ 1.4, else from the Pelz–Good asymptotic series (1976).
 * </ul>
 *
 * <p>Only the survival side is ported (the two-sample test never needs the CDF or the PDF). Callers pass
 * 0.5/n &lt; x &lt; 1, the support {@code rv_continuous} leaves after its own boundary handling.
 */
final class KolmogorovDistribution {

  private static final double PI_SQUARED = Math.PI * Math.PI;
  private static final double PI_FOUR = Math.pow(Math.PI, 4);
  private static final double PI_SIX = Math.pow(Math.PI, 6);
  private static final double SQRT_TWO_PI = Math.sqrt(2 * Math.PI);
  private static final double LOG_TWO_PI = Math.log(2 * Math.PI);
  private static final double SQRT_THREE = Math.sqrt(3);
  private static final double MIN_LOG = -708;

  /** B_2j/(2j)/(2j − 1) for j = 8, ..., 1: Stirling's series coefficients, highest power first. */
  private static final double[] STIRLING_COEFFICIENTS = {
    -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
    -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2
  };

  private KolmogorovDistribution() {}

  /** Pr(D_n ≥ x), clipped to [0, 1]. */
  static double survival(long n, double x) {
    if (x >= 1.0) {
      return 0.0;
    }
    if (x <= 0.0) {
      return 1.0;
    }
    double t = n * x;
    if (t <= 1.0) {
      if (t <= 0.5) {
        return 1.0;
      }
      double cdf;
      if (n <= 140) {
        cdf = 1.0;
        for (long i = 1; i <= n; i++) {
          cdf *= i * (1.0 / n) * (2 * t - 1);
        }
      } else {
        cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
      }
      return clip(1.0 - cdf);
    }
    if (t >= n - 1) {
      return clip(2 * Math.pow(1.0 - x, n));
    }
    if (x >= 0.5) {
      return clip(2 * SmirnovDistribution.survival(n, x));
    }
    double nxSquared = t * x;
    if (n <= 140) {
      if (nxSquared <= 0.754693) {
        return clip(1.0 - clip(DurbinMatrix.cdf(n, x)));
      }
      if (nxSquared <= 4) {
        return clip(1.0 - clip(PomeranzRecursion.cdf(n, x)));
      }
      return clip(2 * SmirnovDistribution.survival(n, x));
    }
    if (nxSquared >= 370.0) {
      return 0.0;
    }
    if (nxSquared >= 2.2) {
      return clip(2 * SmirnovDistribution.survival(n, x));
    }
    double cdf = n <= 100000 && n * Math.pow(x, 1.5) <= 1.4 ? DurbinMatrix.cdf(n, x) : pelzGoodCdf(n, x);
    return clip(1.0 - cdf);
  }

  /**
   * log(n!/nⁿ) by Stirling's series with n·log(n) removed up front, which would otherwise cancel
   * ({@code _log_nfactorial_div_n_pow_n}).
   */
  static double logFactorialOverPower(long n) {
    double rn = 1.0 / n;
    double polynomial = 0.0;
    for (double c : STIRLING_COEFFICIENTS) {
      polynomial = polynomial * (rn / n) + c;
    }
    return Math.log(n) / 2 - n + LOG_TWO_PI / 2 + rn * polynomial;
  }

  /**
   * Pelz and Good's approximation of Pr(D_n ≤ x) (J. R. Stat. Soc. B 38(2), 1976): the Li-Chien/Korolyuk
   * expansion {@code K0(z) + K1(z)/√n + K2(z)/n + K3(z)/n^1.5} in z = x√n, each term rewritten with Jacobi theta
   * functions so that it converges for small z ({@code _kolmogn_PelzGood}).
   */
  static double pelzGoodCdf(long n, double x) {
    double z = Math.sqrt(n) * x;
    double z2 = z * z;
    double z3 = z2 * z;
    double z4 = Math.pow(z, 4);
    double z6 = Math.pow(z, 6);
    double qlog = -PI_SQUARED / 8 / z2;
    if (qlog < MIN_LOG) {
      return 0.0;
    }
    double q = Math.exp(qlog);
    double k1a = -z2;
    double k1b = PI_SQUARED / 4;
    double k2a = 6 * z6 + 2 * z4;
    double k2b = (2 * z4 - 5 * z2) * PI_SQUARED / 4;
    double k2c = PI_FOUR * (1 - 2 * z2) / 16;
    double k3d = PI_SIX * (5 - 30 * z2) / 64;
    double k3c = PI_FOUR * (-60 * z2 + 212 * z4) / 16;
    double k3b = PI_SQUARED * (135 * z4 - 96 * z6) / 4;
    double k3a = -30 * z6 - 90 * Math.pow(z, 8);
    double[] terms = new double[4];
    // Horner scheme over odd m = 2k − 1 of c_k·q^(m²).
    int maxK = (int) Math.ceil(16 * z / Math.PI);
    for (int k = maxK; k > 0; k--) {
      double m = 2 * k - 1;
      double m2 = m * m;
      double m4 = Math.pow(m, 4);
      double m6 = Math.pow(m, 6);
      double power = Math.pow(q, 8 * k);
      terms[0] = terms[0] * power + 1.0;
      terms[1] = terms[1] * power + (k1a + k1b * m2);
      terms[2] = terms[2] * power + (k2a + k2b * m2 + k2c * m4);
      terms[3] = terms[3] * power + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
    }
    double[] divisors = {z, 6 * z4, 72 * Math.pow(z, 7), 6480 * Math.pow(z, 10)};
    for (int i = 0; i < 4; i++) {
      terms[i] = terms[i] * q * SQRT_TWO_PI / divisors[i];
    }
    // The sums over all integers k that K2 and K3 also carry.
    double q2 = Math.exp(-PI_SQUARED / 2 / z2);
    double sqrt3z = SQRT_THREE * z;
    double k2extra = 0.0;
    double k3extra = 0.0;
    for (int k = maxK; k > 0; k--) {
      double k2 = (double) k * k;
      double power = Math.pow(q2, k2);
      double kpi = Math.PI * k;
      k2extra += k2 * power;
      k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * power;
    }
    terms[2] += k2extra * (PI_SQUARED * SQRT_TWO_PI / (-36 * z3));
    terms[3] += k3extra * (PI_SQUARED * SQRT_TWO_PI / (216 * z6));
    double sum = 0.0;
    for (int i = 0; i < 4; i++) {
      sum += terms[i] / Math.pow(n, i / 2.0);
    }
    return sum;
  }

  private static double clip(double p) {
    return Math.min(1.0, Math.max(0.0, p));
  }
}
