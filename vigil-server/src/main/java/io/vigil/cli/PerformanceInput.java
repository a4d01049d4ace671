package io.vigil.cli;

import io.vigil.performance.ClassProbabilities;
import io.vigil.performance.ClassificationMetrics;
import io.vigil.performance.RegressionMetrics;
import io.vigil.server.ingest.RowColumnsReader.Rows;
import io.vigil.server.report.PerformanceSection.SamplePerformance;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the label, prediction and score columns of one file into metrics, checking every value and naming the
 * file, line and column of the first bad one.
 *
 * <pre>{@code
 * PerformanceInput cur = new PerformanceInput(rows, "label", "prediction", Optional.of("score"));
 * SamplePerformance p = cur.measure("binary_classification", Optional.of("1"));
 * }</pre>
 *
 * <p>Rows without a label are not measured (labels arrive late); rows with a label but no prediction are not
 * measured either and are counted in {@link #missingPredictions}. Labels and predictions are compared as text.
 */
final class PerformanceInput {

  static final List<String> TASKS = List.of("binary_classification", "multiclass_classification", "regression");

  /** More distinct numeric labels than this means regression when the task is inferred. */
  static final int MAX_INFERRED_CLASSES = 20;

  private static final int MAX_PLOTTED = 2000;

  private final Rows rows;
  private final String labelColumn;
  private final String predictionColumn;
  private final Optional<String> scoreColumn;
  private final List<Integer> measured = new ArrayList<>();
  private long missingPredictions;

  PerformanceInput(Rows rows, String labelColumn, String predictionColumn, Optional<String> scoreColumn) {
    this.rows = rows;
    this.labelColumn = labelColumn;
    this.predictionColumn = predictionColumn;
    this.scoreColumn = scoreColumn;
    String[] labels = rows.values(labelColumn);
    String[] predictions = rows.values(predictionColumn);
    for (int i = 0; i < rows.size(); i++) {
      if (labels[i] != null) {
        if (predictions[i] == null) {
          missingPredictions++;
        } else {
          measured.add(i);
        }
      }
    }
  }

  long missingPredictions() {
    return missingPredictions;
  }

  /** Labels and predictions of the measured rows. */
  Set<String> values() {
    Set<String> s = new LinkedHashSet<>();
    for (int i : measured) {
      s.add(rows.values(labelColumn)[i]);
      s.add(rows.values(predictionColumn)[i]);
    }
    return s;
  }

  /** Distinct labels of the measured rows, and whether every label and prediction is a number. */
  boolean allNumeric() {
    return values().stream().allMatch(PerformanceInput::isNumber);
  }

  long distinctLabels() {
    return measured.stream().map(i -> rows.values(labelColumn)[i]).distinct().count();
  }

  SamplePerformance measure(String task, Optional<String> positiveClass) {
    String[] labels = column(labelColumn);
    String[] predictions = column(predictionColumn);
    try {
      switch (task) {
        case "regression":
          double[] actual = numbers(labelColumn, "regression targets must be numbers");
          double[] predicted = numbers(predictionColumn, "regression predictions must be numbers");
          int step = Math.max(1, actual.length / MAX_PLOTTED + (actual.length % MAX_PLOTTED == 0 ? 0 : 1));
          double[] a = new double[(actual.length + step - 1) / step];
          double[] p = new double[a.length];
          for (int k = 0; k < a.length; k++) {
            a[k] = actual[k * step];
            p[k] = predicted[k * step];
          }
          return new SamplePerformance(rows.source(), rows.size(), measured.size(), Optional.empty(),
              Optional.of(RegressionMetrics.of(actual, predicted)), a, p);
        case "binary_classification":
          Optional<double[]> scores = scoreColumn.map(s -> numbers(s, "scores must be numbers"));
          return classification(ClassificationMetrics.binary(labels, predictions, positiveClass.orElseThrow(),
              scores));
        default:
          return classification(ClassificationMetrics.multiclass(labels, predictions,
              scoreColumn.map(this::probabilities)));
      }
    } catch (IllegalArgumentException e) {
      throw new UserInputException(rows.source() + ": " + e.getMessage() + (task.equals("binary_classification")
          ? " (use --task multiclass_classification, or check --label-column and --prediction-column)" : ""), e);
    }
  }

  private SamplePerformance classification(io.vigil.performance.ClassificationResult r) {
    return new SamplePerformance(rows.source(), rows.size(), measured.size(), Optional.of(r), Optional.empty(),
        new double[0], new double[0]);
  }

  /** Multiclass scores from the columns named {@code prefix + class}. */
  private ClassProbabilities probabilities(String prefix) {
    List<String> columns = scoreColumns(rows.columns(), prefix);
    if (columns.size() < 2) {
      throw new UserInputException(rows.source() + ": for a multiclass task --score-column is a prefix naming one"
          + " column per class (e.g. 'p_' for p_cat, p_dog), but " + columns.size() + " column(s) start with '"
          + prefix + "'");
    }
    double[][] matrix = new double[measured.size()][columns.size()];
    List<String> classes = new ArrayList<>();
    for (int j = 0; j < columns.size(); j++) {
      classes.add(columns.get(j).substring(prefix.length()));
      double[] v = numbers(columns.get(j), "scores must be numbers");
      for (int k = 0; k < v.length; k++) {
        matrix[k][j] = v[k];
      }
    }
    return new ClassProbabilities(classes, matrix);
  }

  /** The score columns a prefix names: every column that starts with it and is longer. */
  static List<String> scoreColumns(List<String> columns, String prefix) {
    List<String> out = new ArrayList<>();
    for (String c : columns) {
      if (c.startsWith(prefix) && c.length() > prefix.length()) {
        out.add(c);
      }
    }
    return out;
  }

  private String[] column(String name) {
    String[] all = rows.values(name);
    String[] out = new String[measured.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = all[measured.get(k)];
    }
    return out;
  }

  private double[] numbers(String name, String why) {
    String[] all = rows.values(name);
    if (all == null) {
      throw new UserInputException(rows.source() + ": has no column '" + name + "'");
    }
    double[] out = new double[measured.size()];
    for (int k = 0; k < out.length; k++) {
      int i = measured.get(k);
      String text = all[i];
      if (text == null) {
        throw new UserInputException(rows.source() + ":" + rows.lines()[i] + ": column '" + name + "' is empty on a"
            + " labeled row (" + why + ")");
      }
      double v = parse(text);
      if (!Double.isFinite(v)) {
        throw new UserInputException(rows.source() + ":" + rows.lines()[i] + ": column '" + name + "': '" + text
            + "' is not a finite number (" + why + ")");
      }
      out[k] = v;
    }
    return out;
  }

  private static double parse(String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  static boolean isNumber(String s) {
    return Double.isFinite(parse(s));
  }
}
