package io.vigil.detect;

import java.util.List;
import java.util.Map;

/**
 * DDM, the Drift Detection Method: watches a classifier's error rate and signals when it rises well above the
 * lowest rate seen so far.
 *
 * <pre>{@code
 * Ddm ddm = new Ddm();                                   // MOA's defaults: 30 samples, 2σ warning, 3σ drift
 * ddm.update(1);                                         // a wrong prediction
 * new Ddm(Ddm.Options.defaults().withDriftLevel(2.5));  // more eager
 * }</pre>
 *
 * <p><b>Definition.</b> Gama, Medas, Castillo and Rodrigues, "Learning with Drift Detection", SBIA 2004, LNCS 3171,
 * pp. 286–295. After {@code n} error indicators with mean {@code p}, the error count is binomial and its rate has
 * standard deviation {@code s = √(p(1 − p)/n)}. From sample {@code minInstances} on the detector keeps the
 * {@code (p_min, s_min)} with the smallest {@code p + s} and answers
 * <ul>
 *   <li>{@link DetectorState#DRIFT} when {@code p + s > p_min + driftLevel · s_min},
 *   <li>{@link DetectorState#WARNING} when {@code p + s > p_min + warningLevel · s_min},
 *   <li>{@link DetectorState#STABLE} otherwise (and always before {@code minInstances} samples).
 * </ul>
 * The paper's levels 2 and 3 correspond to about 95% and 99% one-sided confidence under the normal approximation.
 *
 * <p><b>Edge cases.</b> Values must be 0 or 1. If the first {@code minInstances} samples hold no error, {@code p_min
 * = s_min = 0} and the first later error is a drift: that is the published rule (and MOA's), and it is why DDM is
 * meant for error rates well above {@code 1/minInstances}. O(1) time and memory per sample.
 */
public final class Ddm extends StreamingDetector {

  /** The id used by {@code vigil detect --detector}. */
  public static final String ID = "ddm";

  private final Options options;
  private long count;
  private long errors;
  private double minimumRate;
  private double minimumDeviation;
  private double minimumSum;

  /** A detector with MOA 2024.07's defaults. */
  public Ddm() {
    this(Options.defaults());
  }

  public Ddm(Options options) {
    super(ID);
    this.options = options;
    restart();
  }

  public Options options() {
    return options;
  }

  @Override
  void checkValue(double value) {
    super.checkValue(value);
    requireZeroOrOne(value);
  }

  @Override
  DetectorState step(double value) {
    count++;
    if (value == 1.0) {
      errors++;
    }
    if (count < options.minInstances()) {
      return DetectorState.STABLE;
    }
    double rate = (double) errors / count;
    double deviation = Math.sqrt(rate * (1 - rate) / count);
    if (rate + deviation <= minimumSum) {
      minimumRate = rate;
      minimumDeviation = deviation;
      minimumSum = rate + deviation;
    }
    double level = rate + deviation;
    if (level > minimumRate + options.driftLevel() * minimumDeviation) {
      return DetectorState.DRIFT;
    }
    if (level > minimumRate + options.warningLevel() * minimumDeviation) {
      return DetectorState.WARNING;
    }
    return DetectorState.STABLE;
  }

  @Override
  void restart() {
    count = 0;
    errors = 0;
    minimumRate = Double.MAX_VALUE;
    minimumDeviation = Double.MAX_VALUE;
    minimumSum = Double.MAX_VALUE;
  }

  @Override
  double windowSum() {
    return errors;
  }

  @Override
  long windowLength() {
    return count;
  }

  /**
   * DDM's options.
   *
   * @param minInstances samples before the detector may warn or signal (MOA's {@code -n}, 30)
   * @param warningLevel standard deviations above the minimum that mean a warning (MOA's {@code -w}, 2.0)
   * @param driftLevel standard deviations above the minimum that mean a drift (MOA's {@code -o}, 3.0); at least
   *     {@code warningLevel}
   */
  public record Options(int minInstances, double warningLevel, double driftLevel) {

    /** Names accepted by {@link #parse}. */
    public static final List<String> PARAMETERS = List.of("min_instances", "warning_level", "drift_level");

    public Options {
      Parameters.requireAtLeast("min_instances", minInstances, 1);
      Parameters.requireOpen("warning_level", warningLevel, 0, Double.POSITIVE_INFINITY);
      Parameters.requireOpen("drift_level", driftLevel, 0, Double.POSITIVE_INFINITY);
      if (driftLevel < warningLevel) {
        throw new IllegalArgumentException("drift_level (" + driftLevel + ") must be at least warning_level ("
            + warningLevel + ")");
      }
    }

    /** MOA 2024.07's defaults: 30 samples, warning at 2.0 and drift at 3.0 standard deviations. */
    public static Options defaults() {
      return new Options(30, 2.0, 3.0);
    }

    /** Options from {@code name → text}, e.g. {@code {"drift_level": "2.5"}}; missing names keep the defaults. */
    public static Options parse(Map<String, String> values) {
      Parameters p = new Parameters(ID, values, PARAMETERS);
      Options d = defaults();
      return new Options(p.integer("min_instances", d.minInstances), p.real("warning_level", d.warningLevel),
          p.real("drift_level", d.driftLevel));
    }

    public Options withMinInstances(int value) {
      return new Options(value, warningLevel, driftLevel);
    }

    public Options withWarningLevel(double value) {
      return new Options(minInstances, value, driftLevel);
    }

    public Options withDriftLevel(double value) {
      return new Options(minInstances, warningLevel, value);
    }
  }
}
