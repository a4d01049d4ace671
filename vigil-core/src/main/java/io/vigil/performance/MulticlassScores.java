package io.vigil.performance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The score-based metrics of a multiclass model: one-vs-rest ROC AUC, log loss and top-label calibration bins,
 * as {@link ClassificationMetrics} defines them.
 */
final class MulticlassScores {

  private final String[] labels;
  private final ClassProbabilities scores;
  private final int[] labelColumn;   // the score column of each row's label, -1 when the label has none
  private final String missingClass;
  private final String notProbabilities;

  MulticlassScores(String[] labels, ClassProbabilities scores) {
    this.labels = labels;
    this.scores = scores;
    Map<String, Integer> column = new HashMap<>();
    for (int j = 0; j < scores.classes().size(); j++) {
      column.put(scores.classes().get(j), j);
    }
    labelColumn = new int[labels.length];
    String missing = null;
    for (int i = 0; i < labels.length; i++) {
      labelColumn[i] = column.getOrDefault(labels[i], -1);
      if (labelColumn[i] < 0 && missing == null) {
        missing = labels[i];
      }
    }
    missingClass = missing;
    String outside = null;
    for (int i = 0; i < scores.rows().length && outside == null; i++) {
      for (double v : scores.rows()[i]) {
        if (v < 0 || v > 1) {
          outside = "scores outside [0, 1] (row " + i + ": " + v + ") are not probabilities";
          break;
        }
      }
    }
    notProbabilities = outside;
  }

  /** Why log loss and calibration are undefined, or null when they are defined. */
  private String unusable() {
    return missingClass != null ? "label '" + missingClass + "' has no score column" : notProbabilities;
  }

  MetricValue rocAuc() {
    if (missingClass != null) {
      return MetricValue.absent("label '" + missingClass + "' has no score column");
    }
    double[][] rows = scores.rows();
    for (int i = 0; i < rows.length; i++) {
      double sum = 0;
      for (double v : rows[i]) {
        sum += v;
      }
      if (!(Math.abs(1 - sum) <= 1e-8 + 1e-5 * Math.abs(sum))) {
        return MetricValue.absent("scores of row " + i + " sum to " + sum + ", not 1: one-vs-rest ROC AUC needs"
            + " probabilities");
      }
    }
    List<String> classes = scores.classes();
    double total = 0;
    for (int j = 0; j < classes.size(); j++) {
      boolean[] positive = new boolean[labels.length];
      double[] column = new double[labels.length];
      for (int i = 0; i < labels.length; i++) {
        positive[i] = labelColumn[i] == j;
        column[i] = rows[i][j];
      }
      if (!RocAuc.defined(positive)) {
        return MetricValue.absent("class '" + classes.get(j) + "' "
            + (labels.length > 0 && positive[0] ? "is every label" : "never occurs among the labels")
            + ": its one-vs-rest ROC AUC is undefined");
      }
      total += RocAuc.binary(positive, column);
    }
    return MetricValue.of(total / classes.size());
  }

  MetricValue logLoss() {
    if (unusable() != null) {
      return MetricValue.absent(unusable());
    }
    double loss = 0;
    for (int i = 0; i < labels.length; i++) {
      loss += -Math.log(ClassificationMetrics.clip(scores.rows()[i][labelColumn[i]]));
    }
    return MetricValue.of(loss / labels.length);
  }

  MetricValue expectedCalibrationError(List<CalibrationBin> bins) {
    return unusable() != null ? MetricValue.absent(unusable())
        : MetricValue.of(Calibration.expectedCalibrationError(bins, labels.length));
  }

  /** Top-label bins; empty when a score leaves [0, 1] or a label has no score column. */
  List<CalibrationBin> topLabelBins() {
    if (unusable() != null) {
      return List.of();
    }
    double[] confidence = new double[labels.length];
    boolean[] correct = new boolean[labels.length];
    for (int i = 0; i < labels.length; i++) {
      double[] row = scores.rows()[i];
      int top = 0;
      for (int j = 0; j < row.length; j++) {
        if (row[j] > row[top]) {
          top = j;
        }
      }
      confidence[i] = row[top];
      correct[i] = top == labelColumn[i];
    }
    return Calibration.bins(correct, confidence);
  }
}
