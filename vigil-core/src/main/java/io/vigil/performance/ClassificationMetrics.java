package io.vigil.performance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Classification metrics on labeled rows, exact and equal to scikit-learn's (1e-9 relative, checked against
 * {@code tools/vectors/performance.py}).
 *
 * <pre>{@code
 * ClassificationResult b = ClassificationMetrics.binary(labels, predictions, "1", Optional.of(scoreOfOne));
 * ClassificationResult m = ClassificationMetrics.multiclass(labels, predictions, Optional.of(probabilities));
 * }</pre>
 *
 * <p>Definitions (scikit-learn functions in brackets):
 * <ul>
 *   <li>accuracy = correct / rows [{@code accuracy_score}].
 *   <li>per class: precision = tp / predicted, recall = tp / true, F1 = 2·tp / (true + predicted); a 0/0 ratio is
 *       0, as {@code zero_division="warn"} returns [{@code precision_recall_fscore_support}]. Binary reports the
 *       positive class; macro is the plain mean and weighted the support-weighted mean over the classes present
 *       among labels or predictions (scikit-learn's {@code unique_labels}).
 *   <li>ROC AUC: {@link RocAuc}; multiclass is one-vs-rest, macro-averaged, and, as
 *       {@code roc_auc_score(multi_class="ovr")}, needs rows of probabilities summing to 1
 *       ({@code numpy.allclose}: |1 − s| ≤ 1e-8 + 1e-5·|s|) and every score class among the labels.
 *   <li>log loss = mean of −ln p(true class), p clipped to [ε, 1 − ε] with ε = 2.220446049250313e-16, the float64
 *       machine epsilon scikit-learn ≥ 1.5 uses (older versions clipped at 1e-15 and renormalised) [{@code log_loss}].
 *       A binary score s stands for the row (1 − s, s).
 *   <li>Brier score = mean((y − s)²), binary only [{@code brier_score_loss}].
 *   <li>ECE: {@link Calibration}.
 * </ul>
 * Absent values: every metric when there are no rows; ROC AUC with one class among the labels; log loss, Brier
 * and ECE when binary scores leave [0, 1] (they are margins, not probabilities) or a label has no score column.
 */
public final class ClassificationMetrics {

  /** The float64 machine epsilon, {@code numpy.finfo(numpy.float64).eps}: log loss clips probabilities to it. */
  public static final double LOG_LOSS_EPSILON = Math.ulp(1.0);

  private ClassificationMetrics() {}

  /**
   * @param positiveClass the class whose precision, recall and F1 are reported, and whose score {@code scores}
   *     holds
   * @throws IllegalArgumentException when lengths differ, more than two classes occur, or a score is not finite
   */
  public static ClassificationResult binary(String[] labels, String[] predictions, String positiveClass,
      Optional<double[]> scores) {
    check(labels, predictions);
    scores.ifPresent(s -> checkScores(s, labels.length));
    Set<String> present = present(labels, predictions);
    Set<String> all = new LinkedHashSet<>(present);
    all.add(positiveClass);
    if (all.size() > 2) {
      throw new IllegalArgumentException("a binary task has two classes, got " + all.size() + ": "
          + sortedClasses(all));
    }
    Counts c = Counts.of(labels, predictions, sortedClasses(all), present);
    boolean[] positive = new boolean[labels.length];
    for (int i = 0; i < labels.length; i++) {
      positive[i] = labels[i].equals(positiveClass);
    }
    ClassMetrics pos = c.perClass.get(positiveClass);
    MetricValue auc = absentWithoutRows(labels, "no scores given");
    MetricValue logLoss = auc;
    MetricValue brier = auc;
    MetricValue ece = auc;
    List<CalibrationBin> bins = List.of();
    if (scores.isPresent() && labels.length > 0) {
      double[] s = scores.get();
      auc = RocAuc.defined(positive) ? MetricValue.of(RocAuc.binary(positive, s))
          : MetricValue.absent("only one class (" + labels[0] + ") among the labels");
      Optional<String> outside = outsideUnit(s);
      if (outside.isPresent()) {
        logLoss = brier = ece = MetricValue.absent(outside.get());
      } else {
        double loss = 0;
        double squares = 0;
        for (int i = 0; i < s.length; i++) {
          double p = clip(positive[i] ? s[i] : 1 - s[i]);
          loss += -Math.log(p);
          double y = positive[i] ? 1 : 0;
          squares += (y - s[i]) * (y - s[i]);
        }
        logLoss = MetricValue.of(loss / s.length);
        brier = MetricValue.of(squares / s.length);
        bins = Calibration.bins(positive, s);
        ece = MetricValue.of(Calibration.expectedCalibrationError(bins, s.length));
      }
    }
    return new ClassificationResult("binary_classification", labels.length, c.classes, Optional.of(positiveClass),
        c.matrix, c.accuracy(), c.value(pos.precision()), c.value(pos.recall()), c.value(pos.f1()), c.macro,
        c.weighted, c.perClass, auc, logLoss, brier, ece, bins);
  }

  /**
   * @throws IllegalArgumentException when lengths differ or score rows do not match the labels
   */
  public static ClassificationResult multiclass(String[] labels, String[] predictions,
      Optional<ClassProbabilities> scores) {
    check(labels, predictions);
    Set<String> present = present(labels, predictions);
    Set<String> all = new LinkedHashSet<>(present);
    scores.ifPresent(p -> all.addAll(p.classes()));
    Counts c = Counts.of(labels, predictions, sortedClasses(all), present);
    MetricValue none = absentWithoutRows(labels, "no scores given");
    MetricValue auc = none;
    MetricValue logLoss = none;
    MetricValue ece = none;
    List<CalibrationBin> bins = List.of();
    if (scores.isPresent() && labels.length > 0) {
      if (scores.get().rows().length != labels.length) {
        throw new IllegalArgumentException(labels.length + " labels but " + scores.get().rows().length
            + " score rows");
      }
      MulticlassScores m = new MulticlassScores(labels, scores.get());
      auc = m.rocAuc();
      logLoss = m.logLoss();
      bins = m.topLabelBins();
      ece = m.expectedCalibrationError(bins);
    }
    MetricValue brier = labels.length == 0 ? none : MetricValue.absent("the Brier score is defined for binary tasks");
    return new ClassificationResult("multiclass_classification", labels.length, c.classes, Optional.empty(),
        c.matrix, c.accuracy(), c.value(c.macro.precision()), c.value(c.macro.recall()), c.value(c.macro.f1()),
        c.macro, c.weighted, c.perClass, auc, logLoss, brier, ece, bins);
  }

  /**
   * Classes in {@code numpy.unique} order: numerically when every one parses as a number (ties by text), else by
   * code point.
   */
  public static List<String> sortedClasses(Collection<String> classes) {
    List<String> out = new ArrayList<>(new LinkedHashSet<>(classes));
    boolean numeric = out.stream().allMatch(ClassificationMetrics::isNumber);
    out.sort(numeric ? Comparator.comparingDouble(Double::parseDouble).thenComparing(Comparator.naturalOrder())
        : Comparator.naturalOrder());
    return out;
  }

  private static boolean isNumber(String s) {
    try {
      return Double.isFinite(Double.parseDouble(s));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static double clip(double p) {
    return Math.min(Math.max(p, LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
  }

  private static MetricValue absentWithoutRows(String[] labels, String otherwise) {
    return MetricValue.absent(labels.length == 0 ? "no labeled rows" : otherwise);
  }

  private static Optional<String> outsideUnit(double[] s) {
    for (int i = 0; i < s.length; i++) {
      if (s[i] < 0 || s[i] > 1) {
        return Optional.of("scores outside [0, 1] (row " + i + ": " + s[i] + ") are not probabilities");
      }
    }
    return Optional.empty();
  }

  private static void check(String[] labels, String[] predictions) {
    if (labels.length != predictions.length) {
      throw new IllegalArgumentException(labels.length + " labels but " + predictions.length + " predictions");
    }
  }

  private static void checkScores(double[] s, int rows) {
    if (s.length != rows) {
      throw new IllegalArgumentException(rows + " labels but " + s.length + " scores");
    }
    for (int i = 0; i < s.length; i++) {
      if (!Double.isFinite(s[i])) {
        throw new IllegalArgumentException("score " + s[i] + " at row " + i + " is not finite");
      }
    }
  }

  private static Set<String> present(String[] labels, String[] predictions) {
    Set<String> s = new LinkedHashSet<>(List.of(labels));
    s.addAll(List.of(predictions));
    return s;
  }

  /** The confusion matrix and the precision/recall/F1 family derived from it (also used by the profiles). */
  static final class Counts {
    final List<String> classes;
    final ConfusionMatrix matrix;
    final Map<String, ClassMetrics> perClass = new LinkedHashMap<>();
    final ClassMetrics macro;
    final ClassMetrics weighted;
    final long rows;

    static Counts of(String[] labels, String[] predictions, List<String> classes, Set<String> present) {
      return new Counts(ConfusionMatrix.of(labels, predictions, classes), present);
    }

    /** {@code present}: the classes among labels or predictions, over which macro and weighted average. */
    Counts(ConfusionMatrix matrix, Set<String> present) {
      this.classes = matrix.classes();
      this.rows = matrix.total();
      this.matrix = matrix;
      double[] macroSum = new double[3];
      double[] weightedSum = new double[3];
      for (int i = 0; i < classes.size(); i++) {
        long tp = matrix.count(i, i);
        long truth = matrix.actualCount(i);
        long predicted = matrix.predictedCount(i);
        ClassMetrics m = new ClassMetrics(ratio(tp, predicted), ratio(tp, truth), ratio(2 * tp, truth + predicted),
            truth);
        perClass.put(classes.get(i), m);
        if (present.contains(classes.get(i))) {
          double[] v = {m.precision(), m.recall(), m.f1()};
          for (int k = 0; k < 3; k++) {
            macroSum[k] += v[k];
            weightedSum[k] += v[k] * truth;
          }
        }
      }
      int n = Math.max(present.size(), 1);
      macro = new ClassMetrics(macroSum[0] / n, macroSum[1] / n, macroSum[2] / n, rows);
      weighted = rows == 0 ? new ClassMetrics(0, 0, 0, 0)
          : new ClassMetrics(weightedSum[0] / rows, weightedSum[1] / rows, weightedSum[2] / rows, rows);
    }

    MetricValue accuracy() {
      return rows == 0 ? MetricValue.absent("no labeled rows") : MetricValue.of((double) matrix.correct() / rows);
    }

    MetricValue value(double v) {
      return rows == 0 ? MetricValue.absent("no labeled rows") : MetricValue.of(v);
    }

    private static double ratio(long numerator, long denominator) {
      return denominator == 0 ? 0 : (double) numerator / denominator;
    }
  }
}
