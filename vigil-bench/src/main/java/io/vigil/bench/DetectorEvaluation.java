package io.vigil.bench;

import io.vigil.detect.Adwin;
import io.vigil.detect.ChangeDetector;
import io.vigil.detect.Ddm;
import io.vigil.detect.DetectorState;
import io.vigil.detect.Eddm;
import io.vigil.detect.HddmA;
import io.vigil.detect.PageHinkley;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The concept-drift detectors against the MOA 2024.07 anchor of issue 5: false alarms on stationary Bernoulli
 * errors and the median delay after an abrupt rise, on 100 seeded streams each. Prints a markdown table.
 *
 * <pre>{@code
 * java -cp vigil-bench/target/vigil-bench.jar io.vigil.bench.DetectorEvaluation [streams [first-seed-offset]]
 * }</pre>
 *
 * <p>Stationary: {@code p = 0.1} for 100,000 samples; every {@link DetectorState#DRIFT} is a false alarm (the
 * detectors restart by themselves). Abrupt: {@code p = 0.1} for samples 0–4,999, then {@code p = 0.3} up to sample
 * 14,999; the delay is {@code t − 5000} for the first drift at a 0-based index {@code t ≥ 5000}; streams where it
 * never comes are counted as missed and left out of the median. Seeds: {@code 20261123 + i} (stationary) and
 * {@code 31122026 + i} (abrupt), not MOA's; the optional second argument adds an offset to both, to see how much a
 * figure moves with the seeds.
 */
public final class DetectorEvaluation {

  static final int STATIONARY_LENGTH = 100_000;
  static final int CHANGE_AT = 5_000;
  static final int ABRUPT_LENGTH = 15_000;

  record Variant(String name, Supplier<ChangeDetector> factory, String moaFalseAlarms, String moaDelay) {}

  record Outcome(double falseAlarmsPer100k, double medianDelay, int missed, double earlyAlarms) {}

  static final List<Variant> VARIANTS = List.of(
      new Variant("DDM", Ddm::new, "0.83", "248"),
      new Variant("EDDM", Eddm::new, "29.4", "70.5"),
      new Variant("ADWIN (check every 32 samples, MOA's default)", Adwin::new, "0.00", "119"),
      new Variant("ADWIN (check at every sample)",
          () -> new Adwin(Adwin.Options.defaults().withCheckInterval(1)), "–", "–"),
      new Variant("Page-Hinkley (one-sided, MOA's)", PageHinkley::new, "0.00", "369"),
      new Variant("Page-Hinkley (two-sided)",
          () -> new PageHinkley(PageHinkley.Options.defaults().withTwoSided(true)), "–", "–"),
      new Variant("Page-Hinkley (one-sided, rise from the minimum as in the papers and River)",
          () -> new PageHinkley(PageHinkley.Options.defaults().withTrackMinimum(true)), "–", "–"),
      new Variant("HDDM-A (restart on decrease, MOA's default)", HddmA::new, "0.09", "121.5"),
      new Variant("HDDM-A (no restart on decrease)",
          () -> new HddmA(HddmA.Options.defaults().withRestartOnDecrease(false)), "–", "–"));

  private DetectorEvaluation() {}

  public static void main(String[] args) {
    int streams = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    long offset = args.length > 1 ? Long.parseLong(args[1]) : 0;
    System.out.println("| detector | false alarms per 100,000 stationary samples | MOA | median delay (samples)"
        + " | MOA | missed (of " + streams + ") | alarms before the change (mean per stream) |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (Variant v : VARIANTS) {
      Outcome o = evaluate(v.factory(), streams, offset);
      System.out.printf(Locale.ROOT, "| %s | %.2f | %s | %s | %s | %d | %.2f |%n", v.name(), o.falseAlarmsPer100k(),
          v.moaFalseAlarms(), Double.isNaN(o.medianDelay()) ? "–" : format(o.medianDelay()), v.moaDelay(),
          o.missed(), o.earlyAlarms());
    }
  }

  static Outcome evaluate(Supplier<ChangeDetector> factory, int streams, long offset) {
    long falseAlarms = 0;
    for (int i = 0; i < streams; i++) {
      SplittableRandom random = new SplittableRandom(20_261_123L + offset + i);
      ChangeDetector detector = factory.get();
      for (int t = 0; t < STATIONARY_LENGTH; t++) {
        if (detector.update(bernoulli(random, 0.1)) == DetectorState.DRIFT) {
          falseAlarms++;
        }
      }
    }
    double[] delays = new double[streams];
    int found = 0;
    long early = 0;
    for (int i = 0; i < streams; i++) {
      SplittableRandom random = new SplittableRandom(31_122_026L + offset + i);
      ChangeDetector detector = factory.get();
      for (int t = 0; t < ABRUPT_LENGTH; t++) {
        boolean drift = detector.update(bernoulli(random, t < CHANGE_AT ? 0.1 : 0.3)) == DetectorState.DRIFT;
        if (drift && t < CHANGE_AT) {
          early++;
        } else if (drift) {
          delays[found++] = t - CHANGE_AT;
          break;
        }
      }
    }
    double per100k = falseAlarms * 100_000.0 / ((double) streams * STATIONARY_LENGTH);
    return new Outcome(per100k, median(Arrays.copyOf(delays, found)), streams - found, (double) early / streams);
  }

  static double bernoulli(SplittableRandom random, double p) {
    return random.nextDouble() < p ? 1.0 : 0.0;
  }

  private static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(values);
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  private static String format(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
