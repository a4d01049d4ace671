package io.vigil.performance;

import io.vigil.event.LabelEvent;
import io.vigil.event.PredictionEvent;
import io.vigil.profile.Mergeable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A classifier's realized performance over one time bucket, fed one labeled prediction at a time and mergeable, so
 * that any time range is the merge of its buckets: the server keeps one per minute and version.
 *
 * <pre>{@code
 * ClassificationProfile minute = ClassificationProfile.binary("fraud", List.of("fraud", "ok"));
 * minute.update("fraud", "ok", Map.of("fraud", 0.35));      // label, prediction, scores
 * minute.update(predictionEvent, labelEvent);               // the same from events (confidence if no scores)
 * minute.remove(predictionEvent, oldLabel);                 // a corrected label: undo, then update with the new one
 * ClassificationResult r = hour.copy().merge(minute).result();
 * r.accuracy(); r.f1(); r.rocAuc(); minute.rocAucError();   // the ROC AUC's documented bound
 * }</pre>
 *
 * <p><b>State.</b> The confusion matrix (counts); the exact sums (see {@link ExactSum}) of the log loss and Brier
 * terms; {@link Calibration}'s 10 bins as counts and exact score sums; and per class a {@link ScoreHistogram} of that
 * class's score, split into rows labeled with the class and rows not, over 40,002 logit-scale bins
 * ({@link ScoreBins}). Counts and exact sums make {@code merge} exactly commutative and associative, merge-of-parts
 * exactly the whole, and {@code remove} an exact inverse of {@code update}.
 *
 * <p><b>Metrics</b> ({@link #result()}) are {@link ClassificationMetrics}'s, i.e. scikit-learn's, computed from the
 * state: every one equals the offline value on the same rows to rounding (1e-9), except ROC AUC, which comes from
 * the histograms and differs by at most {@link #rocAucError()} (derivation in {@link BinnedRocAuc}; below 0.002
 * unless a 0.001-wide logit interval holds over 0.4 % of the rows of both classes).
 *
 * <p><b>Scores.</b> A row's score map gives each class's probability. Binary: the positive class's score, or one
 * minus the other class's; a map holding only the predicted class's confidence is read that way. Multiclass: a class
 * missing from a non-empty map has probability 0; one-vs-rest ROC AUC, macro-averaged over the classes occurring in
 * scored rows (as a label or with a non-zero score), needs every row to sum to 1 (as {@code numpy.allclose}) and is
 * absent otherwise. An empty map, or one holding a NaN, makes the row unscored: it
 * counts in the confusion matrix but not in ROC AUC, log loss, Brier score or ECE, which are over {@link #scored()}
 * rows. Scores outside [0, 1] are rejected. Classes come from the constructor (the schema) and are added as labels,
 * predictions and score maps name them; a binary profile rejects a third class.
 *
 * <p><b>Edge cases.</b> No labeled rows: every metric absent. One class among the labels: ROC AUC absent. A class
 * never predicted: its precision is 0 (scikit-learn's {@code zero_division} default, which warns and returns 0).
 * No scored rows: the score metrics absent.
 *
 * <p><b>Invariants</b> ({@link #checkInvariants()}): classes sorted and distinct (binary: at most two, the positive
 * one among them); counts ≥ 0; scored ≤ labeled; calibration rows = scored; per class, stored histogram rows ≤ scored
 * and rows labeled with the class ≤ its confusion row. A class's scored rows not in its histogram are the implicit
 * ones: score 0 and another label (kept implicit so that a class first seen later needs no back-filling).
 */
public final class ClassificationProfile implements Mergeable<ClassificationProfile> {

  final String positiveClass;   // null: multiclass
  List<String> classes = new ArrayList<>();   // ascending String order
  long[][] confusion = new long[0][0];
  final TreeMap<String, ScoreHistogram> histograms = new TreeMap<>();
  long scored;
  long notSummingToOne;
  final ExactSum logLoss = new ExactSum();
  final ExactSum brier = new ExactSum();
  final CalibrationSums calibration;

  ClassificationProfile(String positiveClass, CalibrationSums calibration) {
    this.positiveClass = positiveClass;
    this.calibration = calibration;
  }

  /** A binary profile reporting precision, recall and F1 for {@code positiveClass}; {@code classes} may be empty. */
  public static ClassificationProfile binary(String positiveClass, Collection<String> classes) {
    ClassificationProfile p = new ClassificationProfile(requireClass(positiveClass), new CalibrationSums());
    p.ensure(List.of(positiveClass));
    p.ensure(classes);
    return p;
  }

  /** A multiclass profile; {@code classes} (the schema's, may be empty) are known from the start. */
  public static ClassificationProfile multiclass(Collection<String> classes) {
    ClassificationProfile p = new ClassificationProfile(null, new CalibrationSums());
    p.ensure(classes);
    return p;
  }

  /**
   * Counts one labeled prediction.
   *
   * @param scores the model's class probabilities; empty when it gave none
   * @throws IllegalArgumentException for a score outside [0, 1] or a third class in a binary profile
   */
  public void update(String label, String prediction, Map<String, Double> scores) {
    apply(ClassificationRow.of(this, label, prediction, scores), 1);
  }

  /**
   * Undoes an earlier {@link #update} with the same arguments, exactly: used when a label is replaced.
   *
   * @throws IllegalArgumentException when no such row can have been counted; the profile is then unchanged
   */
  public void remove(String label, String prediction, Map<String, Double> scores) {
    for (String c : new String[] {label, prediction}) {
      if (c == null || index(c) < 0) {
        throw new IllegalArgumentException("cannot remove a row that was not added: class '" + c + "' is unknown");
      }
    }
    if (scores != null && !classes.containsAll(scores.keySet())) {
      throw new IllegalArgumentException("cannot remove a row that was not added: scores name unknown classes "
          + scores.keySet());
    }
    ClassificationRow row = ClassificationRow.of(this, label, prediction, scores);
    row.checkRemovable(this);
    apply(row, -1);
  }

  /** {@link #update(String, String, Map)} from events: labels and classes as text, scores or else confidence. */
  public void update(PredictionEvent prediction, LabelEvent label) {
    update(ClassificationRow.text(label.label(), "label"), ClassificationRow.text(prediction.prediction(),
        "prediction"), ClassificationRow.scoresOf(prediction, positiveClass != null));
  }

  /** {@link #remove(String, String, Map)} from the events an earlier {@link #update} was given. */
  public void remove(PredictionEvent prediction, LabelEvent label) {
    remove(ClassificationRow.text(label.label(), "label"), ClassificationRow.text(prediction.prediction(),
        "prediction"), ClassificationRow.scoresOf(prediction, positiveClass != null));
  }

  private void apply(ClassificationRow row, int weight) {
    confusion[index(row.label)][index(row.prediction)] += weight;
    if (!row.scored) {
      return;
    }
    scored += weight;
    notSummingToOne += row.sumsToOne ? 0 : weight;
    logLoss.add(row.logLossTerm, weight);
    if (positiveClass != null) {
      brier.add(row.brierTerm, weight);
    }
    calibration.add(row.calibrationScore, row.calibrationOutcome, weight);
    for (ClassificationRow.Entry e : row.entries) {
      histograms.get(e.className()).add(e.bin(), e.labeled(), weight);
    }
  }

  /** Adds classes not yet known, keeping the sorted order. */
  void ensure(Collection<String> names) {
    java.util.Set<String> missing = new java.util.TreeSet<>();
    for (String c : names) {
      if (Collections.binarySearch(classes, requireClass(c)) < 0) {
        missing.add(c);
      }
    }
    if (positiveClass != null && classes.size() + missing.size() > 2) {
      throw new IllegalArgumentException("a binary model has two classes; " + classes + " and " + missing
          + " are more");
    }
    for (String c : missing) {
      int at = Collections.binarySearch(classes, c);
      at = -at - 1;
      int k = classes.size();
      long[][] grown = new long[k + 1][k + 1];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          grown[i < at ? i : i + 1][j < at ? j : j + 1] = confusion[i][j];
        }
      }
      confusion = grown;
      classes.add(at, c);
      if (positiveClass == null || c.equals(positiveClass)) {
        histograms.put(c, new ScoreHistogram());
      }
    }
  }

  int index(String c) {
    return Collections.binarySearch(classes, c);
  }

  private static String requireClass(String c) {
    if (c == null) {
      throw new IllegalArgumentException("a class cannot be null");
    }
    return c;
  }

  /**
   * @throws IllegalArgumentException for profiles of different tasks or positive classes, or binary profiles whose
   *     classes together are more than two; this profile is then unchanged
   */
  @Override
  public ClassificationProfile merge(ClassificationProfile other) {
    if (!java.util.Objects.equals(positiveClass, other.positiveClass)) {
      throw new IllegalArgumentException("cannot merge profiles of different tasks: positive class "
          + positiveClass + " and " + other.positiveClass);
    }
    ClassificationProfile source = other == this ? other.copy() : other;
    List<String> union = new ArrayList<>(classes);
    source.classes.forEach(c -> {
      if (!union.contains(c)) {
        union.add(c);
      }
    });
    ensure(union);
    for (int i = 0; i < source.classes.size(); i++) {
      int a = index(source.classes.get(i));
      for (int j = 0; j < source.classes.size(); j++) {
        confusion[a][index(source.classes.get(j))] += source.confusion[i][j];
      }
    }
    source.histograms.forEach((c, h) -> histograms.get(c).merge(h));
    scored += source.scored;
    notSummingToOne += source.notSummingToOne;
    logLoss.merge(source.logLoss);
    brier.merge(source.brier);
    calibration.merge(source.calibration);
    return this;
  }

  @Override
  public ClassificationProfile copy() {
    ClassificationProfile c = new ClassificationProfile(positiveClass, new CalibrationSums());
    return c.merge(this);
  }

  /** Metrics with scikit-learn's definitions, as {@link ClassificationMetrics} computes them offline. */
  public ClassificationResult result() {
    return ClassificationProfileResult.of(this);
  }

  /**
   * The bound on |ROC AUC − the exact ROC AUC of the same rows|: {@code ½·Σ_b P_b·N_b / (P·N)} over the score bins
   * (the mean over the classes for multiclass one-vs-rest); absent when ROC AUC is.
   */
  public MetricValue rocAucError() {
    return ClassificationProfileResult.rocAuc(this)[1];
  }

  public boolean isBinary() {
    return positiveClass != null;
  }

  public Optional<String> positiveClass() {
    return Optional.ofNullable(positiveClass);
  }

  /** Every class known, in ascending {@code String} order. */
  public List<String> classes() {
    return List.copyOf(classes);
  }

  /** Labeled rows counted. */
  public long labeled() {
    long n = 0;
    for (long[] row : confusion) {
      for (long c : row) {
        n += c;
      }
    }
    return n;
  }

  /** Labeled rows that carried scores: the rows behind ROC AUC, log loss, Brier score and ECE. */
  public long scored() {
    return scored;
  }

  /** Throws {@link IllegalStateException} when an invariant of the class comment does not hold. */
  public void checkInvariants() {
    for (int i = 1; i < classes.size(); i++) {
      check(classes.get(i - 1).compareTo(classes.get(i)) < 0, "classes not sorted: " + classes);
    }
    check(positiveClass == null || (classes.size() <= 2 && classes.contains(positiveClass)), "binary classes");
    long labeled = 0;
    for (long[] row : confusion) {
      for (long c : row) {
        check(c >= 0, "negative count");
        labeled += c;
      }
    }
    check(scored >= 0 && scored <= labeled, "scored " + scored + " of " + labeled);
    check(notSummingToOne >= 0 && notSummingToOne <= scored, "rows not summing to 1");
    check(calibration.total() == scored, "calibration rows " + calibration.total() + " ≠ scored " + scored);
    check(logLoss.signum() >= 0 && brier.signum() >= 0, "negative sums");
    histograms.forEach((c, h) -> {
      check(h.totalFirst() + h.totalSecond() <= scored, "histogram of " + c + " holds more than the scored rows");
      long truth = 0;
      for (long x : confusion[index(c)]) {
        truth += x;
      }
      check(h.totalFirst() <= truth, "histogram of " + c + " holds more positives than labels");
    });
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException("broken classification profile: " + message);
    }
  }
}
