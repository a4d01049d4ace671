package io.vigil.drift;

/**
 * Pr(D_n ≤ d) for the one-sample two-sided Kolmogorov–Smirnov statistic by Durbin's matrix (Ann. Math. Statist.
 * 39, 1968) in Marsaglia, Tsang and Wang's formulation (J. Stat. Software 8(18), 2003): write d = (k − h)/n with
 * integer k and 0 ≤ h &lt; 1, build the (2k − 1)×(2k − 1) matrix H, and the answer is
 * {@code n!/nⁿ · (Hⁿ)[k−1][k−1]}. A port of SciPy's {@code _kolmogn_DMTW}: Hⁿ by repeated squaring, rescaling
 * by 2¹²⁸ whenever the watched entry grows past it, and the exponent carried separately.
 *
 * <p>Cost O(k³·log n) time and O(k²) memory; SciPy only calls it where k ≤ 59 (n·d² ≤ 0.754693 for n ≤ 140,
 * n·d^1.5 ≤ 1.4 for n ≤ 100000).
 */
final class DurbinMatrix {

  private static final int SCALE_EXPONENT = 128;
  private static final double SCALE_UP = Math.scalb(1.0, SCALE_EXPONENT);
  private static final double SCALE_DOWN = Math.scalb(1.0, -SCALE_EXPONENT);

  private DurbinMatrix() {}

  /** Pr(D_n ≤ d), clipped to [0, 1]. */
  static double cdf(long n, double d) {
    if (d >= 1.0) {
      return 1.0;
    }
    double nd = n * d;
    if (nd <= 0.5) {
      return 0.0;
    }
    int k = (int) Math.ceil(nd);
    double h = k - nd;
    int m = 2 * k - 1;

    // v: first column and (reversed) last row; w[j] = 1/j!.
    double[] v = new double[m];
    double[] w = new double[m];
    double factorial = 1.0;
    for (int j = 1; j <= m; j++) {
      v[j - 1] = 1.0 - Math.pow(h, j);
      w[j - 1] = factorial;
      factorial /= j;
      v[j - 1] *= factorial;
    }
    double tail = Math.pow(Math.max(2 * h - 1.0, 0), m) - 2 * Math.pow(h, m);
    v[m - 1] = (1.0 + tail) * factorial;

    double[][] matrix = new double[m][m];
    for (int i = 1; i < m; i++) {
      for (int r = i - 1; r < m; r++) {
        matrix[r][i] = w[r - (i - 1)];
      }
    }
    for (int r = 0; r < m; r++) {
      matrix[r][0] = v[r];
    }
    for (int c = 0; c < m; c++) {
      matrix[m - 1][c] = v[m - 1 - c];
    }

    double[][] power = identity(m);
    long remaining = n;
    int exponent = 0;
    int matrixExponent = 0;
    while (remaining > 0) {
      if (remaining % 2 == 1) {
        power = multiply(power, matrix);
        exponent += matrixExponent;
      }
      matrix = multiply(matrix, matrix);
      matrixExponent *= 2;
      if (Math.abs(matrix[k - 1][k - 1]) > SCALE_UP) {
        for (double[] row : matrix) {
          for (int c = 0; c < m; c++) {
            row[c] /= SCALE_UP;
          }
        }
        matrixExponent += SCALE_EXPONENT;
      }
      remaining /= 2;
    }

    double p = power[k - 1][k - 1];
    for (long i = 1; i <= n; i++) {
      p = i * p / n;
      if (Math.abs(p) < SCALE_DOWN) {
        p *= SCALE_UP;
        exponent -= SCALE_EXPONENT;
      }
    }
    if (exponent != 0) {
      p = Math.scalb(p, exponent);
    }
    return Math.min(1.0, Math.max(0.0, p));
  }

  private static double[][] identity(int m) {
    double[][] result = new double[m][m];
    for (int i = 0; i < m; i++) {
      result[i][i] = 1.0;
    }
    return result;
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    int m = a.length;
    double[][] result = new double[m][m];
    for (int i = 0; i < m; i++) {
      double[] row = result[i];
      for (int l = 0; l < m; l++) {
        double factor = a[i][l];
        if (factor == 0.0) {
          continue;
        }
        double[] other = b[l];
        for (int c = 0; c < m; c++) {
          row[c] += factor * other[c];
        }
      }
    }
    return result;
  }
}
