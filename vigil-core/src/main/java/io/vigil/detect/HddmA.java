package io.vigil.detect;

import java.util.List;
import java.util.Map;

/**
 * HDDM-A, the Hoeffding-bound drift detector on moving averages: compares the mean since the best cut point with
 * the mean of everything since the last restart, and signals when the difference exceeds Hoeffding's bound.
 *
 * <pre>{@code
 * HddmA hddm = new HddmA();                                   // MOA: drift 0.001, warning 0.005
 * DetectorState s = hddm.update(0.0);
 * }</pre>
 *
 * <p><b>Definition.</b> Frías-Blanco, del Campo-Ávila, Ramos-Jiménez, Morales-Bueno, Ortiz-Díaz and
 * Caballero-Mota, "Online and Non-Parametric Drift Detection Methods Based on Hoeffding's Bounds", IEEE TKDE
 * 27(3), 2015, pp. 810–823 (the A-test). With {@code n} samples of mean {@code Z̄} since the last restart, the cut
 * point is the prefix of {@code k} samples (mean {@code X̄}) that minimises {@code X̄ + √(ln(1/δ_d)/(2k))}; it
 * moves to the present whenever the present's bound is as low. An increase is significant at confidence
 * {@code δ} when
 * <pre>
 *   Z̄ − X̄ ≥ √( (n − k)/(2 k n) · ln(2/δ) )
 * </pre>
 * which is the Hoeffding bound for the difference of the two means of variables in [0, 1]. {@link
 * DetectorState#DRIFT} at {@code δ = driftConfidence}, else {@link DetectorState#WARNING} at
 * {@code δ = warningConfidence}. The test is one-sided (it signals rising error rates). With
 * {@code restartOnDecrease} (MOA's default "Two-sided" test type) a significant fall, found the same way from the
 * prefix that maximises {@code X̄ − bound}, restarts the statistics without signalling, so that a later rise is
 * measured from the new, lower level.
 *
 * <p><b>Edge cases.</b> Values must lie in [0, 1], which the bound assumes; scale other streams first. No test on
 * the first sample after a restart. O(1) time and memory per sample.
 */
public final class HddmA extends StreamingDetector {

  /** The id used by {@code vigil detect --detector}. */
  public static final String ID = "hddm_a";

  private final Options options;
  private final double cutLogarithm;
  private final double driftLogarithm;
  private final double warningLogarithm;
  private long count;
  private double sum;
  private long lowCount;
  private double lowSum;
  private double lowBound;
  private long highCount;
  private double highSum;
  private double highBound;

  /** A detector with MOA 2024.07's defaults. */
  public HddmA() {
    this(Options.defaults());
  }

  public HddmA(Options options) {
    super(ID);
    this.options = options;
    this.cutLogarithm = Math.log(1 / options.driftConfidence());
    this.driftLogarithm = Math.log(2 / options.driftConfidence());
    this.warningLogarithm = Math.log(2 / options.warningConfidence());
    restart();
  }

  public Options options() {
    return options;
  }

  @Override
  void checkValue(double value) {
    super.checkValue(value);
    if (value < 0 || value > 1) {
      throw new IllegalArgumentException(ID + ": values must be in [0, 1] (Hoeffding's bound assumes it), got "
          + value);
    }
  }

  @Override
  DetectorState step(double value) {
    count++;
    sum += value;
    double mean = sum / count;
    double presentBound = Math.sqrt(cutLogarithm / (2.0 * count));
    if (lowCount == 0 || lowSum / lowCount + lowBound >= mean + presentBound) {
      lowCount = count;
      lowSum = sum;
      lowBound = presentBound;
    }
    if (highCount == 0 || highSum / highCount - highBound <= mean - presentBound) {
      highCount = count;
      highSum = sum;
      highBound = presentBound;
    }
    DetectorState state = DetectorState.STABLE;
    if (lowCount != count) {
      // rise ≥ √(spread · ln(2/δ)), compared as squares: one square root per sample is enough.
      double rise = mean - lowSum / lowCount;
      double spread = (double) (count - lowCount) / (2.0 * lowCount * count);
      if (rise >= 0 && rise * rise >= spread * driftLogarithm) {
        return DetectorState.DRIFT;
      }
      if (rise >= 0 && rise * rise >= spread * warningLogarithm) {
        state = DetectorState.WARNING;
      }
    }
    if (options.restartOnDecrease() && highCount != count) {
      double fall = highSum / highCount - mean;
      double spread = (double) (count - highCount) / (2.0 * highCount * count);
      if (fall >= 0 && fall * fall >= spread * driftLogarithm) {
        restart();
      }
    }
    return state;
  }

  @Override
  void restart() {
    count = 0;
    sum = 0;
    lowCount = 0;
    lowSum = 0;
    lowBound = 0;
    highCount = 0;
    highSum = 0;
    highBound = 0;
  }

  @Override
  double windowSum() {
    return sum;
  }

  @Override
  long windowLength() {
    return count;
  }

  /**
   * HDDM-A's options.
   *
   * @param driftConfidence δ of the drift test, in (0, 1); smaller means fewer, later alarms (MOA's {@code -d},
   *     0.001)
   * @param warningConfidence δ of the warning test, in (0, 1), at least {@code driftConfidence} (MOA's {@code -w},
   *     0.005)
   * @param restartOnDecrease restart the statistics when the mean falls significantly (MOA's {@code -t}
   *     "Two-sided", its default; true)
   */
  public record Options(double driftConfidence, double warningConfidence, boolean restartOnDecrease) {

    /** Names accepted by {@link #parse}. */
    public static final List<String> PARAMETERS =
        List.of("drift_confidence", "warning_confidence", "restart_on_decrease");

    public Options {
      Parameters.requireOpen("drift_confidence", driftConfidence, 0, 1);
      Parameters.requireOpen("warning_confidence", warningConfidence, 0, 1);
      if (warningConfidence < driftConfidence) {
        throw new IllegalArgumentException("warning_confidence (" + warningConfidence
            + ") must be at least drift_confidence (" + driftConfidence + ")");
      }
    }

    /** MOA 2024.07's defaults: drift 0.001, warning 0.005, restart on a significant decrease. */
    public static Options defaults() {
      return new Options(0.001, 0.005, true);
    }

    /** Options from {@code name → text}; missing names keep the defaults. */
    public static Options parse(Map<String, String> values) {
      Parameters p = new Parameters(ID, values, PARAMETERS);
      Options d = defaults();
      return new Options(p.real("drift_confidence", d.driftConfidence),
          p.real("warning_confidence", d.warningConfidence), p.flag("restart_on_decrease", d.restartOnDecrease));
    }

    public Options withRestartOnDecrease(boolean value) {
      return new Options(driftConfidence, warningConfidence, value);
    }
  }
}
