package io.vigil.detect;

import java.util.List;
import java.util.Map;

/**
 * EDDM, the Early Drift Detection Method: watches the distance between consecutive errors, which shrinks when a
 * classifier gets worse, and so reacts to gradual change sooner than {@link Ddm}.
 *
 * <pre>{@code
 * Eddm eddm = new Eddm();                      // MOA's constants: 0.95 warning, 0.90 drift, 30 samples, 30 errors
 * DetectorState s = eddm.update(1);
 * }</pre>
 *
 * <p><b>Definition.</b> Baena-García, del Campo-Ávila, Fidalgo, Bifet, Gavaldà and Morales-Bueno, "Early Drift
 * Detection Method", 4th International Workshop on Knowledge Discovery from Data Streams, 2006. At every error the
 * detector adds the distance (in samples) since the previous error (since the start, for the first) to a running
 * mean {@code p'} and population standard deviation {@code s'} (Welford's update) and forms {@code m = p' + 2s'}.
 * It keeps the largest {@code m_max} seen once {@code minInstances} samples have been read and, when
 * {@code m ≤ m_max}, more than {@code minErrors} errors have been seen and at least {@code minInstances} samples,
 * answers
 * <ul>
 *   <li>{@link DetectorState#DRIFT} when {@code m / m_max < driftRatio},
 *   <li>{@link DetectorState#WARNING} when {@code m / m_max < warningRatio}.
 * </ul>
 * A correct prediction (0) changes no statistic, so the conclusion of the latest error stands (a warning lasts
 * until the next error), except that a drift is answered only once.
 *
 * <p><b>Edge cases.</b> Values must be 0 or 1. The thresholds apply to the ratio, not to a confidence level: with
 * a low, stable error rate the distances vary a lot, and EDDM raises far more false alarms than DDM (MOA: about
 * 29 per 100,000 samples at a 10% error rate). O(1) time and memory per sample.
 */
public final class Eddm extends StreamingDetector {

  /** The id used by {@code vigil detect --detector}. */
  public static final String ID = "eddm";

  private final Options options;
  private long count;
  private long errors;
  private long lastErrorAt;
  private double meanDistance;
  private double squaredDeviations;
  private double maximumLevel;
  private DetectorState errorConclusion;

  /** A detector with MOA 2024.07's constants. */
  public Eddm() {
    this(Options.defaults());
  }

  public Eddm(Options options) {
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
    if (value == 0.0) {
      return errorConclusion;
    }
    errors++;
    double distance = count - lastErrorAt;
    lastErrorAt = count;
    double previousMean = meanDistance;
    meanDistance += (distance - meanDistance) / errors;
    squaredDeviations += (distance - meanDistance) * (distance - previousMean);
    double level = meanDistance + 2 * Math.sqrt(squaredDeviations / errors);
    boolean enoughSamples = count >= options.minInstances();
    if (level > maximumLevel) {
      if (enoughSamples) {
        maximumLevel = level;
      }
      errorConclusion = DetectorState.STABLE;
    } else if (enoughSamples && errors > options.minErrors()) {
      double ratio = level / maximumLevel;
      if (ratio < options.driftRatio()) {
        errorConclusion = DetectorState.STABLE;
        return DetectorState.DRIFT;
      }
      errorConclusion = ratio < options.warningRatio() ? DetectorState.WARNING : DetectorState.STABLE;
    } else {
      errorConclusion = DetectorState.STABLE;
    }
    return errorConclusion;
  }

  @Override
  void restart() {
    count = 0;
    errors = 0;
    lastErrorAt = 0;
    meanDistance = 0;
    squaredDeviations = 0;
    maximumLevel = 0;
    errorConclusion = DetectorState.STABLE;
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
   * EDDM's options (MOA hard-codes them).
   *
   * @param minInstances samples before the maximum is tracked and the test applies (30)
   * @param minErrors the test applies once more than this many errors are seen (30)
   * @param warningRatio {@code m / m_max} below which the detector warns (0.95)
   * @param driftRatio {@code m / m_max} below which it signals a drift (0.90); at most {@code warningRatio}
   */
  public record Options(int minInstances, int minErrors, double warningRatio, double driftRatio) {

    /** Names accepted by {@link #parse}. */
    public static final List<String> PARAMETERS =
        List.of("min_instances", "min_errors", "warning_ratio", "drift_ratio");

    public Options {
      Parameters.requireAtLeast("min_instances", minInstances, 1);
      Parameters.requireAtLeast("min_errors", minErrors, 1);
      Parameters.requireOpen("warning_ratio", warningRatio, 0, 1);
      Parameters.requireOpen("drift_ratio", driftRatio, 0, 1);
      if (driftRatio > warningRatio) {
        throw new IllegalArgumentException("drift_ratio (" + driftRatio + ") must be at most warning_ratio ("
            + warningRatio + ")");
      }
    }

    /** The constants of the paper and MOA 2024.07: 30 samples, 30 errors, 0.95 and 0.90. */
    public static Options defaults() {
      return new Options(30, 30, 0.95, 0.90);
    }

    /** Options from {@code name → text}; missing names keep the defaults. */
    public static Options parse(Map<String, String> values) {
      Parameters p = new Parameters(ID, values, PARAMETERS);
      Options d = defaults();
      return new Options(p.integer("min_instances", d.minInstances), p.integer("min_errors", d.minErrors),
          p.real("warning_ratio", d.warningRatio), p.real("drift_ratio", d.driftRatio));
    }
  }
}
