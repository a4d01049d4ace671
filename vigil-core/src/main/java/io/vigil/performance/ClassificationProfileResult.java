package io.vigil.performance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns a {@link ClassificationProfile}'s state into a {@link ClassificationResult}, definitions as offline. */
final class ClassificationProfileResult {

  private ClassificationProfileResult() {}

  static ClassificationResult of(ClassificationProfile p) {
    List<String> classes = ClassificationMetrics.sortedClasses(p.classes);
    int k = classes.size();
    long[][] counts = new long[k][k];
    Set<String> present = new HashSet<>();
    for (int i = 0; i < k; i++) {
      int a = p.index(classes.get(i));
      for (int j = 0; j < k; j++) {
        long c = p.confusion[a][p.index(classes.get(j))];
        counts[i][j] = c;
        if (c > 0) {
          present.add(classes.get(i));
          present.add(classes.get(j));
        }
      }
    }
    ClassificationMetrics.Counts c = new ClassificationMetrics.Counts(ConfusionMatrix.ofCounts(classes, counts),
        present);
    long labeled = c.rows;
    MetricValue none = MetricValue.absent(labeled == 0 ? "no labeled rows" : "no labeled row carried scores");
    MetricValue auc = none;
    MetricValue logLoss = none;
    MetricValue brier = none;
    MetricValue ece = none;
    List<CalibrationBin> bins = List.of();
    if (p.scored > 0) {
      auc = rocAuc(p)[0];
      logLoss = MetricValue.of(p.logLoss.doubleValue() / p.scored);
      brier = p.positiveClass != null ? MetricValue.of(p.brier.doubleValue() / p.scored)
          : MetricValue.absent("the Brier score is defined for binary tasks");
      bins = p.calibration.bins();
      ece = MetricValue.of(Calibration.expectedCalibrationError(bins, p.scored));
    } else if (p.positiveClass == null && labeled > 0) {
      brier = MetricValue.absent("the Brier score is defined for binary tasks");
    }
    if (p.positiveClass != null) {
      ClassMetrics pos = c.perClass.get(p.positiveClass);
      return new ClassificationResult("binary_classification", labeled, classes, Optional.of(p.positiveClass),
          c.matrix, c.accuracy(), c.value(pos.precision()), c.value(pos.recall()), c.value(pos.f1()), c.macro,
          c.weighted, c.perClass, auc, logLoss, brier, ece, bins);
    }
    return new ClassificationResult("multiclass_classification", labeled, classes, Optional.empty(), c.matrix,
        c.accuracy(), c.value(c.macro.precision()), c.value(c.macro.recall()), c.value(c.macro.f1()), c.macro,
        c.weighted, c.perClass, auc, logLoss, brier, ece, bins);
  }

  /** {ROC AUC, its error bound}: binary from the positive class, multiclass one-vs-rest macro. */
  static MetricValue[] rocAuc(ClassificationProfile p) {
    if (p.scored == 0) {
      MetricValue none = MetricValue.absent(p.labeled() == 0 ? "no labeled rows" : "no labeled row carried scores");
      return new MetricValue[] {none, none};
    }
    if (p.notSummingToOne > 0) {
      MetricValue a = MetricValue.absent(p.notSummingToOne + " scored rows do not sum to 1: one-vs-rest ROC AUC"
          + " needs probabilities");
      return new MetricValue[] {a, a};
    }
    // Multiclass one-vs-rest is over the score columns: the classes occurring in scored rows, as a label or with a
    // non-zero score (a class only the schema or unscored rows name has no column, as it would have none in
    // scikit-learn's input).
    List<String> classes = new ArrayList<>();
    double area = 0;
    double error = 0;
    for (Map.Entry<String, ScoreHistogram> e : p.histograms.entrySet()) {
      ScoreHistogram h = e.getValue();
      if (p.positiveClass == null && h.size() == 0) {
        continue;
      }
      classes.add(e.getKey());
      BinnedRocAuc auc = BinnedRocAuc.of(h, p.scored - h.totalFirst() - h.totalSecond());
      if (auc == null) {
        MetricValue a = MetricValue.absent(p.positiveClass != null ? "only one class among the scored labels"
            : "class '" + e.getKey() + "' " + (h.totalFirst() == 0 ? "never occurs among" : "is every one of")
                + " the scored labels: its one-vs-rest ROC AUC is undefined");
        return new MetricValue[] {a, a};
      }
      area += auc.value();
      error += auc.error();
    }
    return new MetricValue[] {MetricValue.of(area / classes.size()), MetricValue.of(error / classes.size())};
  }
}
