package io.vigil.drift;

import io.vigil.schema.FeatureType;

/**
 * The Hellinger distance between binned reference and current proportions: bounded (0 to 1), symmetric, and
 * finite when a bin or category is empty on one side.
 *
 * <pre>{@code
 * Hellinger hellinger = new Hellinger();
 * hellinger.test(CategoryDistribution.exact(Map.of("a", 1L)),
 *                CategoryDistribution.exact(Map.of("b", 1L)), 0.1).statistic();   // 1.0: disjoint supports
 * }</pre>
 *
 * <p>Descriptor: id {@code "hellinger"}, numeric, categorical and boolean features, a distance, drift when ≥ 0.1
 * by default.
 *
 * <p><b>Definition.</b> {@code sqrt(Σ (sqrt(p_i) − sqrt(q_i))²) / sqrt(2)} on the raw proportions (no 0.0001 floor)
 * of the ten {@link PsiBins} for numeric features, or of the categories with a positive count on either side:
 * the textbook definition, computed as {@code numpy.sqrt(numpy.sum((numpy.sqrt(p) − numpy.sqrt(q))**2)) /
 * numpy.sqrt(2)}. Reference: Hellinger, "Neue Begründung der Theorie quadratischer Formen von unendlichvielen
 * Veränderlichen", J. reine angew. Math. 136, 1909; Le Cam and Yang, "Asymptotics in Statistics", 2000, ch. 3.
 *
 * <p><b>Edge cases.</b> Identical proportions give 0; disjoint supports give 1. n = 1 and constant columns follow
 * from the bins.
 *
 * <p><b>Sketch bound</b> ({@link #statisticError}). The distance is {@code ‖√p − √q‖₂ / √2}, so by the triangle
 * inequality it moves by at most {@code (‖√p − √p_exact‖₂ + ‖√q − √q_exact‖₂) / √2}; each coordinate of those is
 * at most {@code max(√p̂ − √lo, √hi − √p̂)} over the interval {@code [lo, hi]} of the raw proportion (δ as for
 * {@link PopulationStability}), which is at most {@code √δ}. Confidence as for {@link PopulationStability}. Drift is
 * declared only when {@code statistic − statisticError ≥ threshold}.
 */
public final class Hellinger extends BinnedMethod {

  /** SPEC section 6's identifier. */
  public static final String ID = "hellinger";

  public static final double DEFAULT_THRESHOLD = 0.1;

  public Hellinger() {
    super(ID, DEFAULT_THRESHOLD);
  }

  private static final double SQRT_2 = Math.sqrt(2);

  @Override
  DriftResult decide(Proportions p, double threshold) {
    return ConservativeDecision.distance(this, distance(p.reference, p.current), error(p), threshold);
  }

  /** The distance of two raw proportion vectors. */
  static double distance(double[] reference, double[] current) {
    double squares = 0;
    for (int i = 0; i < reference.length; i++) {
      double gap = Math.sqrt(reference[i]) - Math.sqrt(current[i]);
      squares += gap * gap;
    }
    return Math.sqrt(squares) / SQRT_2;
  }

  @Override
  double error(Proportions p) {
    if (p.isExact()) {
      return 0.0;
    }
    double reference = rootError(p.reference, Proportions.low(p.reference, p.referenceError, p.referenceCount, false),
        Proportions.high(p.reference, p.referenceError, false));
    double current = rootError(p.current, Proportions.low(p.current, p.currentError, p.currentCount, false),
        Proportions.high(p.current, p.currentError, false));
    return (reference + current) / SQRT_2;
  }

  /** {@code ‖√x − √x_exact‖₂} at worst, with each x_exact anywhere in [low, high]. */
  private static double rootError(double[] estimate, double[] low, double[] high) {
    double squares = 0;
    for (int i = 0; i < estimate.length; i++) {
      double root = Math.sqrt(estimate[i]);
      double worst = Math.max(root - Math.sqrt(low[i]), Math.sqrt(high[i]) - root);
      squares += worst * worst;
    }
    return Math.sqrt(squares);
  }
}
