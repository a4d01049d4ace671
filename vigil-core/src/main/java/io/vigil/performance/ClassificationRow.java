package io.vigil.performance;

import io.vigil.event.PredictionEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One labeled prediction, turned into the changes it makes to a {@link ClassificationProfile}, so that
 * {@code remove} can check every change is possible before it makes any.
 *
 * <p>Terms are computed with {@link StrictMath}: an update and its removal, perhaps in another JVM after a restart,
 * must produce the same double for the exact sums to cancel, and {@code Math.log} may differ by an ulp between the
 * interpreter and JIT intrinsics.
 */
final class ClassificationRow {

  /** One histogram change: in {@code className}'s histogram, bin {@code bin}, labeled with the class or not. */
  record Entry(String className, int bin, boolean labeled) {}

  final String label;
  final String prediction;
  boolean scored;
  boolean sumsToOne = true;
  double logLossTerm;
  double brierTerm;
  double calibrationScore;
  boolean calibrationOutcome;
  final List<Entry> entries = new ArrayList<>();

  private ClassificationRow(String label, String prediction) {
    this.label = label;
    this.prediction = prediction;
  }

  /** An event's scores; without them, a binary model's confidence as the predicted class's score. */
  static Map<String, Double> scoresOf(PredictionEvent e, boolean binary) {
    if (!e.scores().isEmpty()) {
      return e.scores();
    }
    if (binary && e.confidence().isPresent()) {
      return Map.of(text(e.prediction(), "prediction"), e.confidence().getAsDouble());
    }
    return Map.of();
  }

  /** A label or prediction as the class's text ({@code String.valueOf}); {@code null} is an error. */
  static String text(Object value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + ": required to count performance, got nothing");
    }
    return String.valueOf(value);
  }

  /** Parses the row and adds any class it names to the profile (which may throw for a binary one). */
  static ClassificationRow of(ClassificationProfile p, String label, String prediction, Map<String, Double> scores) {
    if (label == null || prediction == null) {
      throw new IllegalArgumentException("label and prediction are required, got " + label + ", " + prediction);
    }
    ClassificationRow row = new ClassificationRow(label, prediction);
    Map<String, Double> s = scores == null ? Map.of() : scores;
    boolean usable = !s.isEmpty();
    for (Map.Entry<String, Double> e : s.entrySet()) {
      Double v = e.getValue();
      if (v == null || Double.isNaN(v)) {
        usable = false;
      } else if (v < 0 || v > 1) {
        throw new IllegalArgumentException("scores." + e.getKey() + ": expected a probability in [0, 1], got " + v);
      }
    }
    Set<String> named = new LinkedHashSet<>(List.of(label, prediction));
    named.addAll(s.keySet());
    p.ensure(named);
    if (!usable) {
      return row;
    }
    row.scored = true;
    if (p.positiveClass != null) {
      row.binary(p.positiveClass, s);
    } else {
      row.multiclass(s);
    }
    return row;
  }

  private void binary(String positive, Map<String, Double> s) {
    double score;
    if (s.containsKey(positive)) {
      score = s.get(positive);
    } else {
      score = 1 - s.values().iterator().next();   // the one other class (ensure allowed no third)
    }
    boolean y = label.equals(positive);
    logLossTerm = -StrictMath.log(ClassificationMetrics.clip(y ? score : 1 - score));
    brierTerm = ((y ? 1 : 0) - score) * ((y ? 1 : 0) - score);
    calibrationScore = score;
    calibrationOutcome = y;
    if (score != 0 || y) {
      entries.add(new Entry(positive, ScoreBins.of(score), y));
    }
  }

  private void multiclass(Map<String, Double> s) {
    double sum = 0;
    for (double v : s.values()) {
      sum += v;
    }
    sumsToOne = Math.abs(1 - sum) <= 1e-8 + 1e-5 * Math.abs(sum);
    logLossTerm = -StrictMath.log(ClassificationMetrics.clip(s.getOrDefault(label, 0.0)));
    // Top label as numpy.argmax over the columns in numpy.unique order: the first of the largest.
    String top = null;
    for (String c : ClassificationMetrics.sortedClasses(s.keySet())) {
      if (top == null || s.get(c) > s.get(top)) {
        top = c;
      }
    }
    calibrationScore = s.get(top);
    calibrationOutcome = top.equals(label);
    Set<String> touched = new LinkedHashSet<>(s.keySet());
    touched.add(label);
    for (String c : touched) {
      double v = s.getOrDefault(c, 0.0);
      if (v != 0 || c.equals(label)) {
        entries.add(new Entry(c, ScoreBins.of(v), c.equals(label)));
      }
    }
  }

  /** Throws {@link IllegalArgumentException} unless every count this row adds is there to take away. */
  void checkRemovable(ClassificationProfile p) {
    String why = null;
    if (p.confusion[p.index(label)][p.index(prediction)] < 1) {
      why = "no row labeled '" + label + "' and predicted '" + prediction + "' is counted";
    } else if (scored) {
      if (p.scored < 1 || (!sumsToOne && p.notSummingToOne < 1)) {
        why = "no scored row of this kind is counted";
      } else if (!p.calibration.holds(calibrationScore, calibrationOutcome)) {
        why = "no row with score " + calibrationScore + " is in its calibration bin";
      }
      Set<String> explicit = new LinkedHashSet<>();
      for (Entry e : entries) {
        explicit.add(e.className());
        if (why == null && p.histograms.get(e.className()).count(e.bin(), e.labeled()) < 1) {
          why = "no row with that score for class '" + e.className() + "' is counted";
        }
      }
      for (Map.Entry<String, ScoreHistogram> h : p.histograms.entrySet()) {
        ScoreHistogram hist = h.getValue();
        if (why == null && !explicit.contains(h.getKey())
            && p.scored - hist.totalFirst() - hist.totalSecond() < 1) {
          why = "no row with score 0 for class '" + h.getKey() + "' is counted";
        }
      }
    }
    if (why != null) {
      throw new IllegalArgumentException("cannot remove a row that was not added: " + why);
    }
  }
}
