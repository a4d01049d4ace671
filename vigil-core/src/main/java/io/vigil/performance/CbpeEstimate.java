package io.vigil.performance;

import java.util.Map;
import java.util.function.IntToDoubleFunction;

/** The arithmetic of {@link Cbpe}: expected confusion counts per class, their variances, and the metrics. */
final class CbpeEstimate {

  /** The calibrated probability of class {@code className} by score bin (looked up once per class, not per bin). */
  interface Calibrator {
    IntToDoubleFunction of(String className);
  }

  /** One class's expected counts (one-vs-rest) and what its ROC AUC needs. */
  private static final class ClassSums {
    double truePositives;
    double falsePositives;
    double falseNegatives;
    double trueNegatives;
    double varianceTruePositives;
    double varianceFalseNegatives;
    long predicted;
    BinnedRocAuc auc;

    double precision() {
      return ratio(truePositives, truePositives + falsePositives);
    }

    double recall() {
      return ratio(truePositives, truePositives + falseNegatives);
    }

    double f1() {
      return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
    }

    double precisionVariance() {
      return predicted == 0 ? 0 : varianceTruePositives / ((double) predicted * predicted);
    }

    double recallVariance() {
      double x = truePositives;
      double y = falseNegatives;
      double d = x + y;
      return d == 0 ? 0 : (y * y * varianceTruePositives + x * x * varianceFalseNegatives) / (d * d * d * d);
    }

    double f1Variance() {
      double x = truePositives;
      double y = falseNegatives;
      double d = x + predicted + y;
      double m = predicted;
      return d == 0 ? 0
          : 4 * ((m + y) * (m + y) * varianceTruePositives + x * x * varianceFalseNegatives) / (d * d * d * d);
    }

    /** Relevant to a macro average: predicted, or expected among the labels. */
    boolean present() {
      return predicted > 0 || truePositives + falseNegatives > 0;
    }
  }

  private CbpeEstimate() {}

  static EstimationResult of(EstimationProfile w, Calibrator calibration) {
    boolean binary = w.positiveClass != null;
    double correct = 0;
    double correctVariance = 0;
    double[] macro = new double[3];
    double[] macroVariance = new double[3];
    double aucSum = 0;
    double aucVariance = 0;
    double aucError = 0;
    int present = 0;
    String aucMissing = null;
    ClassSums last = null;
    for (Map.Entry<String, ScoreHistogram> e : w.histograms.entrySet()) {
      ClassSums s = sums(e.getKey(), e.getValue(), w.scored, calibration);
      last = s;
      correct += s.truePositives + (binary ? s.trueNegatives : 0);
      correctVariance += s.varianceTruePositives + (binary ? s.varianceFalseNegatives : 0);
      if (s.present()) {
        present++;
        macro[0] += s.precision();
        macro[1] += s.recall();
        macro[2] += s.f1();
        macroVariance[0] += s.precisionVariance();
        macroVariance[1] += s.recallVariance();
        macroVariance[2] += s.f1Variance();
      }
      if (s.auc == null) {
        aucMissing = aucMissing != null ? aucMissing : e.getKey();
      } else {
        aucSum += s.auc.value();
        aucVariance += hanleyMcNeil(s.auc.value(), s.truePositives + s.falseNegatives,
            s.falsePositives + s.trueNegatives);
        aucError += s.auc.error();
      }
    }
    double n = w.scored;
    EstimatedMetric accuracy = EstimatedMetric.of(correct / n, correctVariance / (n * n));
    int classes = w.histograms.size();
    EstimatedMetric auc = aucMissing != null
        ? EstimatedMetric.absent("the calibrated scores expect no " + (binary ? "positives or no negatives"
            : "rows of class '" + aucMissing + "' or no others") + ": ROC AUC is undefined")
        : EstimatedMetric.of(aucSum / classes, aucVariance / ((double) classes * classes));
    double error = aucMissing != null ? 0 : aucError / classes;
    if (binary) {
      return new EstimationResult(w.count, w.scored, accuracy, EstimatedMetric.of(last.precision(),
          last.precisionVariance()), EstimatedMetric.of(last.recall(), last.recallVariance()),
          EstimatedMetric.of(last.f1(), last.f1Variance()), auc, error);
    }
    int k = Math.max(present, 1);
    double k2 = (double) k * k;
    return new EstimationResult(w.count, w.scored, accuracy, EstimatedMetric.of(macro[0] / k, macroVariance[0] / k2),
        EstimatedMetric.of(macro[1] / k, macroVariance[1] / k2), EstimatedMetric.of(macro[2] / k,
            macroVariance[2] / k2), auc, error);
  }

  private static ClassSums sums(String className, ScoreHistogram h, long scored, Calibrator calibration) {
    IntToDoubleFunction probability = calibration.of(className);
    long implicit = scored - h.totalFirst() - h.totalSecond();
    int extra = implicit > 0 && (h.size() == 0 || h.bin(0) != ScoreBins.ZERO) ? 1 : 0;
    int size = h.size() + extra;
    ClassSums s = new ClassSums();
    BinnedRocAuc.Area area = new BinnedRocAuc.Area();
    for (int i = 0; i < size; i++) {
      int j = i - extra;
      int bin = j < 0 ? ScoreBins.ZERO : h.bin(j);
      long predicted = j < 0 ? 0 : h.first(j);
      long other = (j < 0 ? 0 : h.second(j)) + (bin == ScoreBins.ZERO ? implicit : 0);
      double p = probability.applyAsDouble(bin);
      s.truePositives += predicted * p;
      s.falsePositives += predicted * (1 - p);
      s.falseNegatives += other * p;
      s.trueNegatives += other * (1 - p);
      s.varianceTruePositives += predicted * p * (1 - p);
      s.varianceFalseNegatives += other * p * (1 - p);
      s.predicted += predicted;
      area.add(bin, (predicted + other) * p, (predicted + other) * (1 - p));
    }
    s.auc = area.result();
    return s;
  }

  /** Hanley and McNeil (1982), eq. 2, with expected class counts (at least one of each). */
  static double hanleyMcNeil(double a, double positives, double negatives) {
    double q1 = a / (2 - a);
    double q2 = 2 * a * a / (1 + a);
    double p = Math.max(positives, 1);
    double n = Math.max(negatives, 1);
    double v = (a * (1 - a) + (p - 1) * (q1 - a * a) + (n - 1) * (q2 - a * a)) / (p * n);
    return Math.max(v, 0);
  }

  private static double ratio(double numerator, double denominator) {
    return denominator == 0 ? 0 : numerator / denominator;
  }
}
