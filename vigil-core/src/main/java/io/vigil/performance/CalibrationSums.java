package io.vigil.performance;

import io.vigil.profile.ByteReader;
import io.vigil.profile.ByteWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The mergeable state behind {@link Calibration}'s 10 bins: per bin the row count, the exact sum of scores and the
 * count of positive (or correct) outcomes. The bins, and so the ECE, equal the offline ones to the last rounding.
 *
 * <p>Invariants: outcomes ≤ count per bin; a bin's score sum is 0 when its count is, and otherwise lies within the
 * bin's edges times the count.
 */
final class CalibrationSums {

  private final long[] count = new long[Calibration.BINS];
  private final long[] outcomes = new long[Calibration.BINS];
  private final ExactSum[] scores = new ExactSum[Calibration.BINS];

  CalibrationSums() {
    for (int b = 0; b < Calibration.BINS; b++) {
      scores[b] = new ExactSum();
    }
  }

  /** Whether a row of this score and outcome can be removed (was counted). */
  boolean holds(double score, boolean outcome) {
    int b = Calibration.binOf(score);
    return count[b] > 0 && (outcome ? outcomes[b] > 0 : count[b] > outcomes[b]);
  }

  void add(double score, boolean outcome, int weight) {
    int b = Calibration.binOf(score);
    count[b] += weight;
    outcomes[b] += outcome ? weight : 0;
    scores[b].add(score, weight);
  }

  void merge(CalibrationSums other) {
    for (int b = 0; b < Calibration.BINS; b++) {
      count[b] = Math.addExact(count[b], other.count[b]);
      outcomes[b] = Math.addExact(outcomes[b], other.outcomes[b]);
      scores[b].merge(other.scores[b]);
    }
  }

  long total() {
    long t = 0;
    for (long c : count) {
      t += c;
    }
    return t;
  }

  List<CalibrationBin> bins() {
    List<CalibrationBin> out = new ArrayList<>(Calibration.BINS);
    for (int b = 0; b < Calibration.BINS; b++) {
      out.add(new CalibrationBin(Calibration.edge(b), Calibration.edge(b + 1), count[b],
          count[b] == 0 ? Double.NaN : scores[b].value().divide(BigDecimal.valueOf(count[b]),
              MathContext.DECIMAL64).doubleValue(),
          count[b] == 0 ? Double.NaN : (double) outcomes[b] / count[b]));
    }
    return List.copyOf(out);
  }

  void write(ByteWriter out) {
    for (int b = 0; b < Calibration.BINS; b++) {
      out.writeLong(count[b]);
      out.writeLong(outcomes[b]);
      scores[b].write(out);
    }
  }

  static CalibrationSums read(ByteReader in) {
    CalibrationSums s = new CalibrationSums();
    for (int b = 0; b < Calibration.BINS; b++) {
      s.count[b] = in.readCount("calibration count");
      s.outcomes[b] = in.readCount("calibration outcomes");
      if (s.outcomes[b] > s.count[b]) {
        throw in.fail("calibration bin " + b + " has " + s.outcomes[b] + " outcomes for " + s.count[b] + " rows");
      }
      s.scores[b] = ExactSum.read(in, "calibration score sum", true);
      // compared exactly: a BigDecimal's doubleValue goes through its decimal string, slow in a long query
      BigDecimal sum = s.scores[b].value();
      BigDecimal most = new BigDecimal(s.count[b]).multiply(
          new BigDecimal(Calibration.edge(b + 1)));
      if (sum.compareTo(most) > 0) {
        throw in.fail("calibration bin " + b + " score sum " + s.scores[b].doubleValue() + " does not fit its "
            + s.count[b] + " rows");
      }
    }
    return s;
  }
}
