package io.vigil.drift;

import io.vigil.schema.FeatureType;
import java.util.OptionalDouble;

/**
 * The two-sample Kolmogorov–Smirnov test ({@code "ks"}): drift when the p-value is below the threshold (default
 * 0.05). Numeric features only.
 *
 * <pre>{@code
 * EmpiricalDistribution ref = EmpiricalDistribution.of(referenceColumn);
 * EmpiricalDistribution cur = EmpiricalDistribution.of(currentColumn);
 * DriftResult r = new KolmogorovSmirnov().test(ref, cur, 0.05);
 * r.statistic();            // D, as scipy.stats.ks_2samp(ref, cur).statistic
 * r.pValue().getAsDouble(); // as scipy.stats.ks_2samp(ref, cur).pvalue
 * }</pre>
 *
 * <p><b>Definition.</b> {@code D = sup_x |F(x) − G(x)|} over the two empirical distribution functions, found by
 * one merge walk over both step functions (O(n + m), no sorting). The statistic and the two-sided p-value equal
 * {@code scipy.stats.ks_2samp(ref, cur)} with its defaults ({@code alternative="two-sided"},
 * {@code method="auto"}): exact lattice-path counting when {@code max(n, m) <= 10000}, where SciPy also reports D
 * rounded to the lattice {@code h / lcm(n, m)}, and {@code kstwo.sf(D, round(n·m/(n + m)))} otherwise or when the
 * exact computation fails. The package-private {@code KolmogorovSmirnovDistribution} documents the branches.
 *
 * <p><b>References.</b> Smirnov (1939); Hodges, "The significance probability of the Smirnov two-sample test",
 * Arkiv för Matematik 3 (1958); Simard and L'Ecuyer, "Computing the two-sided Kolmogorov–Smirnov distribution",
 * J. Stat. Software 39(11) (2011).
 *
 * <p><b>Sketch path.</b> When a distribution comes from a quantile sketch, each of its CDF values is within its
 * {@link EmpiricalDistribution#rankError()} of the truth, so the sketched D is within
 * {@link #statisticBound(EmpiricalDistribution, EmpiricalDistribution) e = rankError(ref) + rankError(cur)} of
 * the exact D (|sup|f| − sup|g|| ≤ sup|f − g|). For a KLL sketch the rank error is
 * {@code KllSketch.getNormalizedRankError(k, false)}, a 99%-confidence bound for a single query (1.33% at
 * k = 200). D is a maximum over many queries, so the confidence that the bound holds at every step at once is not
 * guaranteed to be 99%; in the seeded tests it always held, the largest error being under half the bound. The
 * reported p-value is computed at {@code max(0, D − e)}: an upper bound of the exact p-value whenever the bound
 * holds, so that large samples are not flagged merely because of sketch error (whylogs' known failure).
 * {@link DriftResult#statisticError()} is e.
 *
 * <p><b>Edge cases.</b> Samples of one observation are valid (D is 0 or 1). Ties share one step in each
 * distribution and D is evaluated at every distinct value, as SciPy's {@code searchsorted(side="right")}. Two
 * constant columns give D = 0 and p = 1 when equal, D = 1 otherwise. Empty samples are the caller's concern, and
 * non-finite values never get this far ({@link EmpiricalDistribution} rejects them).
 */
public final class KolmogorovSmirnov extends MethodDescriptor implements NumericMethod {

  /** SPEC section 6's identifier. */
  public static final String ID = "ks";

  /** Drift when the p-value falls below this. */
  public static final double DEFAULT_THRESHOLD = 0.05;

  public KolmogorovSmirnov() {
    super(ID, DEFAULT_THRESHOLD, Direction.P_VALUE_BELOW, FeatureType.NUMERIC);
  }

  @Override
  public DriftResult test(EmpiricalDistribution reference, EmpiricalDistribution current, double threshold) {
    validateThreshold(threshold);
    double d = statistic(reference, current);
    long n = reference.count();
    long m = current.count();
    if (reference.isExact() && current.isExact()) {
      KolmogorovSmirnovDistribution.Result exact = KolmogorovSmirnovDistribution.twoSided(d, n, m);
      return DriftResult.test(this, exact.statistic(), exact.pValue(), threshold);
    }
    double error = statisticBound(reference, current);
    double p = KolmogorovSmirnovDistribution.twoSided(Math.max(0.0, d - error), n, m).pValue();
    return new DriftResult(ID, d, OptionalDouble.of(p), threshold, direction().isDrift(p, threshold), error);
  }

  /**
   * {@code sup_x |F(x) − G(x)|} by a merge walk over the two step functions, evaluated at every distinct value
   * of either. Each CDF value is {@code cumulative / totalWeight} and the difference is taken as SciPy takes it
   * ({@code cdf1 − cdf2}), so on raw data the result is bit-for-bit SciPy's before its exact-branch rounding.
   */
  public static double statistic(EmpiricalDistribution a, EmpiricalDistribution b) {
    double[] xa = a.values();
    double[] ca = a.cumulative();
    double[] xb = b.values();
    double[] cb = b.cumulative();
    double wa = a.totalWeight();
    double wb = b.totalWeight();
    int i = 0;
    int j = 0;
    double max = 0.0;
    while (i < xa.length && j < xb.length) {
      double va = xa[i];
      double vb = xb[j];
      if (va <= vb) {
        i++;
      }
      if (vb <= va) {
        j++;
      }
      double fa = i == 0 ? 0.0 : ca[i - 1] / wa;
      double fb = j == 0 ? 0.0 : cb[j - 1] / wb;
      double diff = Math.abs(fa - fb);
      if (diff > max) {
        max = diff;
      }
    }
    // Once one side is exhausted its CDF is 1 and the other only climbs towards 1: the gap can only shrink.
    return max;
  }

  /**
   * The bound e on |D(sketched) − D(exact)|: {@code a.rankError() + b.rankError()}, 0 when both are exact. Holds
   * whenever each distribution's CDF is within its rank error everywhere (for KLL: 99% confidence per query, see
   * the class comment).
   */
  public static double statisticBound(EmpiricalDistribution a, EmpiricalDistribution b) {
    return a.rankError() + b.rankError();
  }
}
