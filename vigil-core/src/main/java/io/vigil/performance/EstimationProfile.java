package io.vigil.performance;

import io.vigil.event.PredictionEvent;
import io.vigil.profile.Mergeable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link Cbpe} needs to estimate a classifier's performance over one time bucket before any label arrives:
 * per class, a histogram of that class's score split into rows predicted as the class and rows not. Counts only, so
 * merge is exact; the server keeps one per minute and version next to the {@code WindowProfile}.
 *
 * <pre>{@code
 * EstimationProfile minute = EstimationProfile.binary("fraud");
 * minute.update(predictionEvent);                    // or update("fraud", Map.of("fraud", 0.91))
 * EstimationResult e = cbpe.estimate(hour.copy().merge(minute));
 * }</pre>
 *
 * <p>The profile stores raw scores, not calibrated ones: the calibration is applied when an estimate is asked for,
 * so refitting {@link Cbpe} on a new reference re-estimates the past without touching stored buckets. The bins are
 * {@link ScoreBins}' (the same as {@link ClassificationProfile}'s, which is what lets a reference profile calibrate
 * them bin for bin).
 *
 * <p>Scores are read as in {@link ClassificationProfile}: binary uses the positive class's score (or one minus the
 * other class's, or the confidence of the predicted class); multiclass treats a class missing from a non-empty map as
 * score 0. A prediction without scores, or with a NaN score, counts in {@link #count()} but not in {@link #scored()}
 * and not in the estimates. Per class, rows with score 0 that were not predicted as the class are implicit:
 * {@code scored − stored} (as in {@link ClassificationProfile}).
 *
 * <p>Invariants: {@code 0 ≤ scored ≤ count}; each histogram stores at most {@code scored} rows; the "predicted"
 * rows sum, over the classes, to at most {@code scored} (binary) or exactly {@code scored} (multiclass: every
 * scored row is predicted as one class, and that entry is always stored).
 */
public final class EstimationProfile implements Mergeable<EstimationProfile> {

  final String positiveClass;   // null: multiclass
  long count;
  long scored;
  final TreeMap<String, ScoreHistogram> histograms = new TreeMap<>();

  private EstimationProfile(String positiveClass) {
    this.positiveClass = positiveClass;
    if (positiveClass != null) {
      histograms.put(positiveClass, new ScoreHistogram());
    }
  }

  public static EstimationProfile binary(String positiveClass) {
    if (positiveClass == null) {
      throw new IllegalArgumentException("a binary profile needs its positive class");
    }
    return new EstimationProfile(positiveClass);
  }

  public static EstimationProfile multiclass() {
    return new EstimationProfile(null);
  }

  /**
   * Counts one prediction.
   *
   * @throws IllegalArgumentException for a score outside [0, 1], or binary scores naming two other classes
   */
  public void update(String prediction, Map<String, Double> scores) {
    if (prediction == null) {
      throw new IllegalArgumentException("prediction: required to estimate performance, got nothing");
    }
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
    if (usable && positiveClass != null && !s.containsKey(positiveClass) && s.size() > 1) {
      throw new IllegalArgumentException("binary scores " + s.keySet() + " name two classes but not the positive '"
          + positiveClass + "'");
    }
    count++;
    if (!usable) {
      return;
    }
    scored++;
    if (positiveClass != null) {
      double score = s.containsKey(positiveClass) ? s.get(positiveClass) : 1 - s.values().iterator().next();
      boolean predicted = prediction.equals(positiveClass);
      if (score != 0 || predicted) {
        histograms.get(positiveClass).add(ScoreBins.of(score), predicted, 1);
      }
      return;
    }
    for (Map.Entry<String, Double> score : s.entrySet()) {   // no set of the classes: this runs for every event
      add(score.getKey(), score.getValue(), score.getKey().equals(prediction));
    }
    if (!s.containsKey(prediction)) {
      add(prediction, 0.0, true);
    }
  }

  private void add(String c, double v, boolean predicted) {
    ScoreHistogram h = histograms.get(c);
    if (h == null) {
      h = new ScoreHistogram();
      histograms.put(c, h);
    }
    if (v != 0 || predicted) {
      h.add(ScoreBins.of(v), predicted, 1);
    }
  }

  /** {@link #update(String, Map)} from an event: its scores, or for a binary model its confidence. */
  public void update(PredictionEvent e) {
    update(ClassificationRow.text(e.prediction(), "prediction"),
        ClassificationRow.scoresOf(e, positiveClass != null));
  }

  @Override
  public EstimationProfile merge(EstimationProfile other) {
    if (!java.util.Objects.equals(positiveClass, other.positiveClass)) {
      throw new IllegalArgumentException("cannot merge estimation profiles of different tasks: positive class "
          + positiveClass + " and " + other.positiveClass);
    }
    EstimationProfile source = other == this ? other.copy() : other;
    count = Math.addExact(count, source.count);
    scored = Math.addExact(scored, source.scored);
    source.histograms.forEach((c, h) -> histograms.computeIfAbsent(c, k -> new ScoreHistogram()).merge(h));
    return this;
  }

  @Override
  public EstimationProfile copy() {
    return new EstimationProfile(positiveClass).merge(this);
  }

  /** Predictions counted. */
  public long count() {
    return count;
  }

  /** Predictions with usable scores: the rows the estimates are about. */
  public long scored() {
    return scored;
  }

  public boolean isBinary() {
    return positiveClass != null;
  }

  /** Classes seen in predictions or scores (binary: the positive class), in ascending order. */
  public List<String> classes() {
    return List.copyOf(histograms.keySet());
  }

  /** Throws {@link IllegalStateException} when an invariant of the class comment does not hold. */
  public void checkInvariants() {
    long predicted = 0;
    for (ScoreHistogram h : histograms.values()) {
      if (h.totalFirst() + h.totalSecond() > scored) {
        throw new IllegalStateException("a histogram holds more rows than the " + scored + " scored");
      }
      predicted += h.totalFirst();
    }
    if (scored < 0 || scored > count || predicted > scored || (positiveClass == null && predicted != scored)) {
      throw new IllegalStateException("broken estimation profile: count " + count + ", scored " + scored
          + ", predicted " + predicted);
    }
  }
}
