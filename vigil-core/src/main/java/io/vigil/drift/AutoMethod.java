package io.vigil.drift;

import io.vigil.schema.FeatureType;

/**
 * SPEC section 6's default method, {@code "auto"}: a statistical test while the reference is small enough for a
 * p-value to mean something, a distance once it is so large that every test would reject trivial differences.
 *
 * <pre>{@code
 * AutoMethod auto = new AutoMethod();
 * DriftMethod m = auto.choose(FeatureType.NUMERIC, 50_000);   // Wasserstein
 * DriftResult r = auto.test(reference, current);              // runs the chosen method at its auto threshold
 * r.method();                                                 // "wasserstein": results name the chosen method
 * }</pre>
 *
 * <p><b>Rule.</b> Numeric: {@code ks} with p < 0.05 when the reference has at most {@value #SMALL_REFERENCE_ROWS}
 * rows, else {@code wasserstein} ≥ 0.1. Categorical and boolean: {@code chisquare} with p < 0.05 up to
 * {@value #SMALL_REFERENCE_ROWS} rows, else {@code jensenshannon} ≥ 0.1. This is evidently's rule
 * ({@code legacy/calculations/stattests/registry.py}, {@code get_stattest}): with a million rows a KS test flags a
 * shift of a hundredth of a standard deviation, which nobody wants paged about.
 *
 * <p><b>Thresholds.</b> Auto has no threshold or direction of its own: {@link #defaultThreshold()} and
 * {@link #direction()} throw {@link UnsupportedOperationException}; resolve the method with {@link #choose} first,
 * or call {@link #test(EmpiricalDistribution, EmpiricalDistribution)} (and its categorical twin), which use
 * {@link #P_VALUE_THRESHOLD} or {@link #DISTANCE_THRESHOLD}. A threshold given to the three-argument
 * {@code test} is handed to the chosen method unchanged, so it must suit that method.
 */
public final class AutoMethod implements NumericMethod, CategoricalMethod {

  /** SPEC section 6's identifier. */
  public static final String ID = "auto";

  /** References with at most this many rows get a statistical test; larger ones a distance. */
  public static final long SMALL_REFERENCE_ROWS = 1000;

  /** The threshold for the tests auto picks ({@code ks}, {@code chisquare}): drift when p is below it. */
  public static final double P_VALUE_THRESHOLD = 0.05;

  /** The threshold for the distances auto picks ({@code wasserstein}, {@code jensenshannon}). */
  public static final double DISTANCE_THRESHOLD = 0.1;

  private final KolmogorovSmirnov smallNumeric = new KolmogorovSmirnov();
  private final Wasserstein largeNumeric = new Wasserstein();
  private final ChiSquare smallCategorical = new ChiSquare();
  private final JensenShannon largeCategorical = new JensenShannon();

  /** The method auto stands for, given the feature's type and the reference's row count. */
  public DriftMethod choose(FeatureType type, long referenceRows) {
    if (referenceRows < 0) {
      throw new IllegalArgumentException("reference rows " + referenceRows + " is negative");
    }
    boolean small = referenceRows <= SMALL_REFERENCE_ROWS;
    return switch (type) {
      case NUMERIC -> small ? smallNumeric : largeNumeric;
      case CATEGORICAL, BOOLEAN -> small ? smallCategorical : largeCategorical;
    };
  }

  /** The threshold auto uses with a method it chose. */
  public double threshold(DriftMethod chosen) {
    return chosen.direction() == Direction.P_VALUE_BELOW ? P_VALUE_THRESHOLD : DISTANCE_THRESHOLD;
  }

  /** Runs the chosen method at auto's threshold for it. */
  public DriftResult test(EmpiricalDistribution reference, EmpiricalDistribution current) {
    NumericMethod chosen = (NumericMethod) choose(FeatureType.NUMERIC, reference.count());
    return chosen.test(reference, current, threshold(chosen));
  }

  /** Runs the chosen method at auto's threshold for it. */
  public DriftResult test(CategoryDistribution reference, CategoryDistribution current) {
    CategoricalMethod chosen = (CategoricalMethod) choose(FeatureType.CATEGORICAL, reference.total());
    return chosen.test(reference, current, threshold(chosen));
  }

  /** Runs the chosen method with {@code threshold}, which must suit that method. */
  @Override
  public DriftResult test(EmpiricalDistribution reference, EmpiricalDistribution current, double threshold) {
    return ((NumericMethod) choose(FeatureType.NUMERIC, reference.count())).test(reference, current, threshold);
  }

  /** Runs the chosen method with {@code threshold}, which must suit that method. */
  @Override
  public DriftResult test(CategoryDistribution reference, CategoryDistribution current, double threshold) {
    return ((CategoricalMethod) choose(FeatureType.CATEGORICAL, reference.total()))
        .test(reference, current, threshold);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public boolean accepts(FeatureType type) {
    return true;
  }

  /** Always throws: the threshold belongs to the method {@link #choose} picks. */
  @Override
  public double defaultThreshold() {
    throw new UnsupportedOperationException(
        "auto has no threshold of its own: resolve it with choose(type, referenceRows) and use threshold(chosen)");
  }

  /** Always throws: the direction belongs to the method {@link #choose} picks. */
  @Override
  public Direction direction() {
    throw new UnsupportedOperationException(
        "auto has no direction of its own: resolve it with choose(type, referenceRows)");
  }

  /** Accepts any positive finite number; the chosen method checks it properly when it runs. */
  @Override
  public void validateThreshold(double threshold) {
    if (!(threshold > 0 && Double.isFinite(threshold))) {
      throw new IllegalArgumentException("threshold " + threshold + " is out of range for auto (a positive number)");
    }
  }
}
