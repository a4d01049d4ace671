package io.vigil.profile;

import io.vigil.event.LabelEvent;
import io.vigil.event.PredictionEvent;
import io.vigil.performance.ClassificationProfile;
import io.vigil.performance.EstimationProfile;
import io.vigil.performance.RegressionProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The performance side of a {@link WindowProfile}: realized performance of the labeled predictions (classification
 * or regression), the confidence-based estimate (CBPE) of the scored ones, business outcomes, and the replaced
 * labels still to take out. Each part is null (or empty) until the first row that needs it. Mergeable like the
 * profile that holds it; not thread-safe.
 */
final class PerformanceParts {

  /** A labeled row to take out again (its label was replaced). */
  private record Removal(PredictionEvent prediction, LabelEvent label) {}

  private ClassificationProfile realized;
  private RegressionProfile regression;
  private EstimationProfile estimated;
  /** Business outcomes joined to the bucket's predictions, by name: how many and their sum. */
  private final Map<String, double[]> outcomes = new TreeMap<>();
  /** Replaced labels whose row is not in this profile yet: removed when a merge brings it in. */
  private final List<Removal> removals = new ArrayList<>();

  PerformanceParts() {
  }

  /** Decoded parts; they are taken, not copied. */
  PerformanceParts(ClassificationProfile realized, RegressionProfile regression, EstimationProfile estimated,
      Map<String, double[]> outcomes) {
    this.realized = realized;
    this.regression = regression;
    this.estimated = estimated;
    this.outcomes.putAll(outcomes);
  }

  /** Adds a classifier's scored prediction to the estimate (nothing for other targets, or for none). */
  void estimate(PredictionEvent e, Target target) {
    if (target == null || target.kind() == Target.Kind.REGRESSION || e.prediction() == null
        || e.status() == PredictionEvent.Status.ERROR) {
      return;
    }
    try {
      if (estimated == null) {
        estimated = target.kind() == Target.Kind.BINARY ? EstimationProfile.binary(target.positiveClass())
            : EstimationProfile.multiclass();
      }
      estimated.update(e);
    } catch (IllegalArgumentException ignored) {
      // a prediction the task cannot hold (a third class for a binary model): counted in usage only
    }
  }

  /** See {@link WindowProfile#label}. */
  boolean label(PredictionEvent prediction, LabelEvent label, Target target) {
    try {
      if (target.kind() == Target.Kind.REGRESSION) {
        if (regression == null) {
          regression = new RegressionProfile();
        }
        regression.update(prediction, label);
      } else {
        if (realized == null) {
          realized = target.kind() == Target.Kind.BINARY
              ? ClassificationProfile.binary(target.positiveClass(), target.classes())
              : ClassificationProfile.multiclass(target.classes());
        }
        realized.update(prediction, label);
      }
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** See {@link WindowProfile#unlabel}. */
  void unlabel(PredictionEvent prediction, LabelEvent label) {
    Removal r = new Removal(prediction, label);
    if (!tryRemove(r)) {
      removals.add(r);
    }
  }

  private boolean tryRemove(Removal r) {
    try {
      if (regression != null) {
        regression.remove(r.prediction(), r.label());
        return true;
      }
      if (realized != null) {
        realized.remove(r.prediction(), r.label());
        return true;
      }
    } catch (IllegalArgumentException e) {
      // not counted here (yet)
    }
    return false;
  }

  void outcome(String name, double value) {
    double[] sums = outcomes.computeIfAbsent(name, k -> new double[2]);
    sums[0] += 1;
    sums[1] += value;
  }

  /** Outcomes by name: {@code {count, sum}}; a copy. */
  Map<String, double[]> outcomes() {
    Map<String, double[]> out = new TreeMap<>();
    outcomes.forEach((k, v) -> out.put(k, v.clone()));
    return out;
  }

  ClassificationProfile realized() {
    return realized;
  }

  RegressionProfile regression() {
    return regression;
  }

  EstimationProfile estimated() {
    return estimated;
  }

  long labeled() {
    return (realized == null ? 0 : realized.labeled()) + (regression == null ? 0 : regression.count());
  }

  int pendingRemovals() {
    return removals.size();
  }

  /**
   * Merges the other's parts into these. Profiles of different tasks (a model re-declared from multiclass to
   * binary, say) do not merge: this one keeps its own part and the other's is left out of the result. Waiting
   * removals are applied once their row is here.
   */
  void merge(PerformanceParts other) {
    try {
      if (other.realized != null) {
        realized = realized == null ? other.realized.copy() : realized.merge(other.realized);
      }
    } catch (IllegalArgumentException ignored) {
      // a different task: see above
    }
    if (other.regression != null) {
      regression = regression == null ? other.regression.copy() : regression.merge(other.regression);
    }
    try {
      if (other.estimated != null) {
        estimated = estimated == null ? other.estimated.copy() : estimated.merge(other.estimated);
      }
    } catch (IllegalArgumentException ignored) {
      // a different task: see above
    }
    other.outcomes.forEach((k, v) -> {
      double[] sums = outcomes.computeIfAbsent(k, x -> new double[2]);
      sums[0] += v[0];
      sums[1] += v[1];
    });
    List<Removal> waiting = new ArrayList<>(removals);
    waiting.addAll(other.removals);
    removals.clear();
    for (Removal r : waiting) {
      if (!tryRemove(r)) {
        removals.add(r);
      }
    }
  }
}
