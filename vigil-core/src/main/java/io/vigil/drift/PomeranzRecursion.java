package io.vigil.drift;

import java.util.Arrays;

/**
 * Pr(D_n ≤ x) for the one-sample two-sided Kolmogorov–Smirnov statistic by Pomeranz's recursion (Comm. ACM
 * 17(12), 1974, Algorithm 487), a port of SciPy's {@code _kolmogn_Pomeranz}. Each of the 2n + 1 steps convolves
 * the previous row with one of three truncated Poisson-like kernels; only a short band of each row can be
 * non-zero, rows are rescaled by 2¹²⁸ to avoid underflow, and the answer is n! times the last entry.
 *
 * <p>SciPy calls it for n ≤ 140 with 0.754693 &lt; n·x² ≤ 4, where it costs O(n·(n·x)²).
 */
final class PomeranzRecursion {

  private static final int SCALE_EXPONENT = 128;
  private static final double SCALE_UP = Math.scalb(1.0, SCALE_EXPONENT);
  private static final double SCALE_DOWN = Math.scalb(1.0, -SCALE_EXPONENT);

  private PomeranzRecursion() {}

  /** Pr(D_n ≤ x), clipped to [0, 1]. */
  static double cdf(long nLong, double x) {
    int n = Math.toIntExact(nLong);
    double t = n * x;
    int ll = (int) Math.floor(t);
    double f = t - ll;
    double g = Math.min(f, 1.0 - f);
    int ceilF = f > 0 ? 1 : 0;
    int roundF = f > 0.5 ? 1 : 0;
    int powers = 2 * (ll + 1);
    // (g/n)^m/m!, (2g/n)^m/m! and ((1 − 2g)/n)^m/m!: Poisson probabilities without their normalising factor.
    double[] gPower = new double[powers];
    double[] twoGPower = new double[powers];
    double[] oneMinusTwoGPower = new double[powers];
    gPower[0] = 1.0;
    twoGPower[0] = 1.0;
    oneMinusTwoGPower[0] = 1.0;
    double gOverN = g / n;
    double twoGOverN = 2 * g / n;
    double oneMinusTwoGOverN = (1 - 2 * g) / n;
    for (int m = 1; m < powers; m++) {
      gPower[m] = gPower[m - 1] * gOverN / m;
      twoGPower[m] = twoGPower[m - 1] * twoGOverN / m;
      oneMinusTwoGPower[m] = oneMinusTwoGPower[m - 1] * oneMinusTwoGOverN / m;
    }

    double[] previous = new double[powers];
    double[] row = new double[powers];
    row[0] = 1.0;
    int previousStart = 0;
    int rowStart = 0;
    int exponent = 0;
    int[] band = band(0, n, ll, ceilF, roundF);
    for (int i = 1; i < 2 * n + 2; i++) {
      int k1 = band[0];
      double[] swap = previous;
      previous = row;
      row = swap;
      int swapStart = previousStart;
      previousStart = rowStart;
      rowStart = swapStart;
      Arrays.fill(row, 0.0);
      band = band(i, n, ll, ceilF, roundF);
      int j1 = band[0];
      int j2 = band[1];
      double[] kernel = (i == 1 || i == 2 * n + 1) ? gPower : (i % 2 == 1 ? twoGPower : oneMinusTwoGPower);
      int length = j2 - k1 + 1;
      if (length > 0) {
        int from = k1 - previousStart;
        int sourceLength = Math.min(length, powers - from);
        int kernelLength = Math.min(length, powers);
        int convolutionStart = j1 - k1;
        int convolutionLength = j2 - j1 + 1;
        double max = 0.0;
        for (int c = 0; c < convolutionLength; c++) {
          int index = convolutionStart + c;
          double sum = 0.0;
          int lo = Math.max(0, index - kernelLength + 1);
          int hi = Math.min(index, sourceLength - 1);
          for (int p = lo; p <= hi; p++) {
            sum += previous[from + p] * kernel[index - p];
          }
          row[c] = sum;
          max = Math.max(max, sum);
        }
        if (max > 0 && max < SCALE_DOWN) {
          for (int c = 0; c < powers; c++) {
            row[c] *= SCALE_UP;
          }
          exponent -= SCALE_EXPONENT;
        }
        rowStart = previousStart + j1 - k1;
      }
    }

    double answer = row[n - rowStart];
    for (int m = 1; m <= n; m++) {
      if (Math.abs(answer) > SCALE_UP) {
        answer *= SCALE_DOWN;
        exponent += SCALE_EXPONENT;
      }
      answer *= m;
    }
    if (exponent != 0) {
      answer = Math.scalb(answer, exponent);
    }
    return Math.min(1.0, Math.max(0.0, answer));
  }

  /** {@code _pomeranz_compute_j1j2}: the first and last possibly non-zero column of row i. */
  private static int[] band(int i, int n, int ll, int ceilF, int roundF) {
    int j1;
    int j2;
    if (i == 0) {
      j1 = -ll - ceilF - 1;
      j2 = ll + ceilF - 1;
    } else {
      int half = (i + 1) / 2;
      if ((i + 1) % 2 == 0) {
        if (half == n + 1) {
          j1 = n - ll - ceilF - 1;
          j2 = n + ll + ceilF - 1;
        } else {
          j1 = half - 1 - ll - roundF - 1;
          j2 = half + ll - 1 + ceilF - 1;
        }
      } else {
        j1 = half - 1 - ll - 1;
        j2 = half + ll + roundF - 1;
      }
    }
    return new int[] {Math.max(j1 + 2, 0), Math.min(j2, n)};
  }
}
