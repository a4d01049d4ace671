package io.vigil.detect;

import java.util.List;
import java.util.Map;

/**
 * The Page-Hinkley test: a fading cumulative sum of deviations from the running mean that signals when it climbs
 * more than {@code lambda}, that is when the stream's mean has risen.
 *
 * <pre>{@code
 * PageHinkley ph = new PageHinkley();                                   // MOA: 30, 0.005, 50, 0.9999
 * PageHinkley both = new PageHinkley(PageHinkley.Options.defaults().withTwoSided(true));   // rises and falls
 * }</pre>
 *
 * <p><b>Definition.</b> Page, "Continuous Inspection Schemes", Biometrika 41(1/2), 1954, pp. 100–115; Hinkley,
 * "Inference about the change-point from cumulative sum tests", Biometrika 58(3), 1971; with the fading factor of
 * Gama, Sebastião and Rodrigues, "On evaluating stream learning algorithms", Machine Learning 90(3), 2013. With
 * {@code x̄_t} the mean of the samples so far (the current one included),
 * <pre>
 *   m_t = alpha · m_(t−1) + (x_t − x̄_t − delta),   m_0 = 0,   drift when m_t − M_t > lambda
 * </pre>
 * once {@code minInstances} samples are read. By default {@code M_t = 0}, the starting value, which is what MOA
 * 2024.07's {@code PageHinkleyDM} computes (its test is {@code m_t > lambda}); with {@code trackMinimum},
 * {@code M_t = min(m_1 … m_t)} as in the papers and in River. {@code delta} is the change that is tolerated,
 * {@code lambda} the alarm threshold, and {@code alpha < 1} lets old deviations fade. Measured on Bernoulli(0.1)
 * errors (BENCHMARKS.md), the tracked minimum reacts sooner but raises false alarms at MOA's {@code lambda}: with
 * fading, {@code m_t} settles near {@code −delta/(1 − alpha) = −50} while the minimum keeps its deepest dip. With
 * {@code twoSided} the mirror statistic {@code u_t = alpha · u_(t−1) + (x_t − x̄_t + delta)} also signals when it
 * falls more than {@code lambda} below 0 (or below its highest point, with {@code trackMinimum}): a falling mean.
 * The test never warns.
 *
 * <p><b>Edge cases.</b> Any finite value is accepted; {@code delta} and {@code lambda} are in the stream's units,
 * so MOA's defaults suit 0/1 error indicators. O(1) time and memory per sample.
 */
public final class PageHinkley extends StreamingDetector {

  /** The id used by {@code vigil detect --detector}. */
  public static final String ID = "page_hinkley";

  private final Options options;
  private long count;
  private double sum;
  private double mean;
  private double upward;
  private double upwardMinimum;
  private double downward;
  private double downwardMaximum;

  /** A one-sided test with MOA 2024.07's defaults. */
  public PageHinkley() {
    this(Options.defaults());
  }

  public PageHinkley(Options options) {
    super(ID);
    this.options = options;
    restart();
  }

  public Options options() {
    return options;
  }

  @Override
  DetectorState step(double value) {
    count++;
    sum += value;
    mean += (value - mean) / count;
    double deviation = value - mean;
    upward = options.alpha() * upward + (deviation - options.delta());
    boolean changed;
    if (options.trackMinimum()) {
      upwardMinimum = Math.min(upwardMinimum, upward);
      changed = upward - upwardMinimum > options.lambda();
    } else {
      changed = upward > options.lambda();
    }
    if (options.twoSided()) {
      downward = options.alpha() * downward + (deviation + options.delta());
      if (options.trackMinimum()) {
        downwardMaximum = Math.max(downwardMaximum, downward);
        changed |= downwardMaximum - downward > options.lambda();
      } else {
        changed |= -downward > options.lambda();
      }
    }
    return changed && count >= options.minInstances() ? DetectorState.DRIFT : DetectorState.STABLE;
  }

  @Override
  void restart() {
    count = 0;
    sum = 0;
    mean = 0;
    upward = 0;
    upwardMinimum = Double.MAX_VALUE;
    downward = 0;
    downwardMaximum = -Double.MAX_VALUE;
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
   * Page-Hinkley's options.
   *
   * @param minInstances samples before the test may signal (MOA's {@code -n}, 30)
   * @param delta tolerated change of the mean, in the stream's units (MOA's {@code -d}, 0.005)
   * @param lambda alarm threshold for the cumulative deviation (MOA's {@code -l}, 50)
   * @param alpha fading factor of the cumulative sum, in (0, 1] (MOA's {@code -a}, 1 − 0.0001)
   * @param twoSided also signal a falling mean (MOA has no such option; false)
   * @param trackMinimum measure the rise from the lowest cumulative sum, as the papers and River do, instead of
   *     from 0, as MOA does (false)
   */
  public record Options(
      int minInstances, double delta, double lambda, double alpha, boolean twoSided, boolean trackMinimum) {

    /** Names accepted by {@link #parse}. */
    public static final List<String> PARAMETERS =
        List.of("min_instances", "delta", "lambda", "alpha", "two_sided", "track_minimum");

    public Options {
      Parameters.requireAtLeast("min_instances", minInstances, 1);
      Parameters.requireAtLeast("delta", delta, 0);
      Parameters.requireOpen("lambda", lambda, 0, Double.POSITIVE_INFINITY);
      if (!(alpha > 0 && alpha <= 1)) {
        throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
      }
    }

    /** MOA 2024.07's defaults and test: 30 samples, delta 0.005, lambda 50, alpha 0.9999, one-sided, from 0. */
    public static Options defaults() {
      return new Options(30, 0.005, 50, 1 - 0.0001, false, false);
    }

    /** Options from {@code name → text}; missing names keep the defaults. */
    public static Options parse(Map<String, String> values) {
      Parameters p = new Parameters(ID, values, PARAMETERS);
      Options d = defaults();
      return new Options(p.integer("min_instances", d.minInstances), p.real("delta", d.delta),
          p.real("lambda", d.lambda), p.real("alpha", d.alpha), p.flag("two_sided", d.twoSided),
          p.flag("track_minimum", d.trackMinimum));
    }

    public Options withTwoSided(boolean value) {
      return new Options(minInstances, delta, lambda, alpha, value, trackMinimum);
    }

    public Options withTrackMinimum(boolean value) {
      return new Options(minInstances, delta, lambda, alpha, twoSided, value);
    }
  }
}
