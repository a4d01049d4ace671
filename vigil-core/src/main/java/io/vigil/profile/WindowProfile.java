package io.vigil.profile;

import io.vigil.dataset.Column;
import io.vigil.dataset.Dataset;
import io.vigil.dataset.ProfileColumns;
import io.vigil.event.LabelEvent;
import io.vigil.event.PredictionEvent;
import io.vigil.performance.ClassificationProfile;
import io.vigil.performance.EstimationProfile;
import io.vigil.performance.RegressionProfile;
import io.vigil.schema.Feature;
import io.vigil.schema.FeatureType;
import io.vigil.schema.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the server keeps about one model version over one time bucket: usage (count, errors by type,
 * latency and confidence distributions, predicted classes, consumers), one profile per feature, and performance
 * (realized once labeled, estimated from confidence, business outcomes: {@link PerformanceParts}). Mergeable, so
 * any time range is the merge of its buckets.
 *
 * <pre>{@code
 * WindowProfile minute = new WindowProfile();
 * minute.update(event, schema);
 * WindowProfile hour = new WindowProfile();
 * minutes.forEach(hour::merge);
 * hour.latencyMs().distribution().quantile(0.99);
 * }</pre>
 *
 * <p>Invariants: {@code errors ≤ count}, {@code anomalies ≤ count}; every feature profile counts exactly the events that carried the model's
 * schema at the time (a feature first seen later counts from then on, its earlier rows not as missing).
 * Not thread-safe: one writer at a time; merge copies nothing from {@code other} that it later mutates.
 */
public final class WindowProfile implements Mergeable<WindowProfile> {

  /** Error types, classes and consumers beyond this many distinct values are estimated by a sketch. */
  private static final CategoricalProfile.Options LABELS = new CategoricalProfile.Options(200, 512);

  private long count;
  private long errors;
  private long anomalies;
  private final CategoricalProfile errorTypes = new CategoricalProfile(LABELS);
  private final NumericProfile latencyMs = new NumericProfile(NumericProfile.Options.BUCKET);
  private final NumericProfile confidence = new NumericProfile(NumericProfile.Options.BUCKET);
  private final CategoricalProfile classes = new CategoricalProfile(LABELS);
  private final CategoricalProfile consumers = new CategoricalProfile(LABELS);
  /** Numeric predictions (regression); class labels go to {@link #classes}. */
  private final NumericProfile predictions = new NumericProfile(NumericProfile.Options.BUCKET);
  private final ReviewSample review = new ReviewSample();
  /** Realized and estimated performance, outcomes. */
  private final PerformanceParts performance;
  private final Map<String, NumericProfile> numeric = new LinkedHashMap<>();
  private final Map<String, CategoricalProfile> categorical = new LinkedHashMap<>();
  private final Map<String, FeatureType> types = new LinkedHashMap<>();

  /** Rebuilds a decoded profile ({@link WindowFormat}); the parts are taken, not copied. */
  WindowProfile(long count, long errors, long anomalies, CategoricalProfile errorTypes, NumericProfile latencyMs,
      NumericProfile confidence, CategoricalProfile classes, CategoricalProfile consumers, NumericProfile predictions,
      ReviewSample review, ClassificationProfile realized, RegressionProfile regression, EstimationProfile estimated,
      Map<String, double[]> outcomes, Map<String, FeatureType> types, Map<String, NumericProfile> numeric,
      Map<String, CategoricalProfile> categorical) {
    this.performance = new PerformanceParts(realized, regression, estimated, outcomes);
    this.count = count;
    this.errors = errors;
    this.anomalies = anomalies;
    this.errorTypes.merge(errorTypes);
    this.latencyMs.merge(latencyMs);
    this.confidence.merge(confidence);
    this.classes.merge(classes);
    this.consumers.merge(consumers);
    this.predictions.merge(predictions);
    this.review.merge(review);
    this.types.putAll(types);
    this.numeric.putAll(numeric);
    this.categorical.putAll(categorical);
  }

  public WindowProfile() {
    this(new PerformanceParts());
  }

  private WindowProfile(PerformanceParts performance) {
    this.performance = performance;
  }

  /** A decoded performance view ({@link ProfileCodec#decodeWindowPerformance}); the parts are taken, not copied. */
  static WindowProfile performanceView(long count, long errors, long anomalies, ClassificationProfile realized,
      RegressionProfile regression, EstimationProfile estimated, Map<String, double[]> outcomes) {
    WindowProfile p = new WindowProfile(new PerformanceParts(realized, regression, estimated, outcomes));
    p.count = count;
    p.errors = errors;
    p.anomalies = anomalies;
    return p;
  }

  /** The feature names and types this profile holds, in first-seen order. */
  public Map<String, FeatureType> featureTypes() {
    return java.util.Collections.unmodifiableMap(types);
  }

  NumericProfile numeric(String feature) {
    return numeric.get(feature);
  }

  CategoricalProfile categorical(String feature) {
    return categorical.get(feature);
  }

  /**
   * Adds one accepted event, and for a classifier's scored prediction its CBPE state ({@link #estimated()}).
   * {@code target} null means usage and features only.
   */
  public void update(PredictionEvent e, Schema schema, Target target) {
    update(e, schema);
    performance.estimate(e, target);
  }

  /**
   * Counts a label for a prediction of this bucket in the realized performance; false when the task cannot hold
   * it (a regression label that is not a number, a third class for a binary model).
   */
  public boolean label(PredictionEvent prediction, LabelEvent label, Target target) {
    return performance.label(prediction, label, target);
  }

  /**
   * Takes out a label counted earlier (it was replaced). When the row is not in this profile (it is in a stored
   * one this profile will be merged with), the removal waits and is applied by that merge.
   */
  public void unlabel(PredictionEvent prediction, LabelEvent label) {
    performance.unlabel(prediction, label);
  }

  /** Counts a business outcome (a click, a conversion, revenue) of one of this bucket's predictions. */
  public void outcome(String name, double value) {
    performance.outcome(name, value);
  }

  /** Outcomes by name: {@code {count, sum}}; a copy. */
  public Map<String, double[]> outcomes() {
    return performance.outcomes();
  }

  /** Realized classification performance; null when no label was counted. */
  public ClassificationProfile realized() {
    return performance.realized();
  }

  /** Realized regression performance; null when no label was counted. */
  public RegressionProfile regression() {
    return performance.regression();
  }

  /** CBPE state of the scored predictions; null when there were none. */
  public EstimationProfile estimated() {
    return performance.estimated();
  }

  /** Labeled predictions counted. */
  public long labeled() {
    return performance.labeled();
  }

  /** Removals still waiting for their row (dropped by the byte format: only a label never counted has one left). */
  public int pendingRemovals() {
    return performance.pendingRemovals();
  }

  /** Adds one accepted event; its features are read with the types of {@code schema}. */
  public void update(PredictionEvent e, Schema schema) {
    count++;
    if (e.status() == PredictionEvent.Status.ERROR) {
      errors++;
      errorTypes.update(e.error().orElse("error"));
    }
    e.latencyMs().ifPresent(latencyMs::update);
    e.confidence().ifPresent(confidence::update);
    if (e.prediction() instanceof Double) {
      predictions.update((Double) e.prediction());
    } else if (e.prediction() != null) {
      classes.update(String.valueOf(e.prediction()));
    }
    if (e.confidence().isPresent() && review.wouldKeep(e.confidence().getAsDouble())) {
      review.offer(new ReviewSample.Case(e.id(), e.timestamp().toEpochMilli(), e.confidence().getAsDouble(),
          e.prediction() == null ? null : String.valueOf(e.prediction()), e.features()));
    }
    e.consumer().ifPresent(consumers::update);
    if (e.status() == PredictionEvent.Status.ERROR && e.features().isEmpty()) {
      return;
    }
    for (Feature f : schema.features()) {
      Object v = e.features().get(f.name());
      if (f.type() == FeatureType.NUMERIC) {
        NumericProfile p = numeric.get(f.name());   // not computeIfAbsent: its lambda would be made per value
        if (p == null) {
          p = newNumeric(f);
          numeric.put(f.name(), p);
        }
        if (v instanceof Double) {
          p.update((Double) v);
        } else if (v == null) {
          p.updateMissing();
        } else {
          p.updateTypeError();
        }
      } else {
        CategoricalProfile p = categorical.get(f.name());
        if (p == null) {
          p = newCategorical(f);
          categorical.put(f.name(), p);
        }
        if (v == null) {
          p.updateMissing();
        } else {
          p.update(String.valueOf(v));
        }
      }
    }
  }

  /**
   * Counts the last updated row as an anomaly: a value outside what its reference holds (the server decides; see
   * the quality API).
   */
  public void markAnomaly() {
    anomalies++;
  }

  private NumericProfile newNumeric(Feature f) {
    types.put(f.name(), f.type());
    return new NumericProfile(NumericProfile.Options.BUCKET);
  }

  private CategoricalProfile newCategorical(Feature f) {
    types.put(f.name(), f.type());
    return new CategoricalProfile();
  }

  @Override
  public WindowProfile merge(WindowProfile other) {
    if (other == this) {
      return merge(other.copy());
    }
    mergePerformanceOf(other);
    errorTypes.merge(other.errorTypes);
    latencyMs.merge(other.latencyMs);
    confidence.merge(other.confidence);
    classes.merge(other.classes);
    consumers.merge(other.consumers);
    predictions.merge(other.predictions);
    review.merge(other.review);
    other.numeric.forEach((k, p) -> numeric.merge(k, p.copy(), NumericProfile::merge));
    other.categorical.forEach((k, p) -> categorical.merge(k, p.copy(), CategoricalProfile::merge));
    other.types.forEach(types::putIfAbsent);
    return this;
  }

  /**
   * Merges the counts and the performance parts only, leaving out usage, features and the review sample: what the
   * performance API reads, at a fraction of {@link #merge}'s cost over a long range. The result is a performance
   * view, not a whole profile: do not store it.
   */
  public WindowProfile mergePerformanceOf(WindowProfile other) {
    if (other == this) {
      return mergePerformanceOf(other.copy());
    }
    count += other.count;
    errors += other.errors;
    anomalies += other.anomalies;
    performance.merge(other.performance);
    return this;
  }

  @Override
  public WindowProfile copy() {
    return new WindowProfile().merge(this);
  }

  public long count() {
    return count;
  }

  public long errors() {
    return errors;
  }

  /** Rows marked by {@link #markAnomaly()}. */
  public long anomalies() {
    return anomalies;
  }

  public CategoricalProfile errorTypes() {
    return errorTypes;
  }

  public NumericProfile latencyMs() {
    return latencyMs;
  }

  public NumericProfile confidence() {
    return confidence;
  }

  public CategoricalProfile classes() {
    return classes;
  }

  public CategoricalProfile consumers() {
    return consumers;
  }

  /** Numeric predictions of a regression model. */
  public NumericProfile predictions() {
    return predictions;
  }

  /** The lowest-confidence predictions with their inputs. */
  public ReviewSample review() {
    return review;
  }

  /** The features as a dataset, for {@link io.vigil.report.DriftAnalysis} against a reference. */
  public Dataset features(String source) {
    List<Column> columns = new ArrayList<>();
    types.forEach((name, type) -> columns.add(type == FeatureType.NUMERIC
        ? ProfileColumns.numeric(name, numeric.get(name))
        : ProfileColumns.categorical(name, type, categorical.get(name))));
    return new Dataset(source, count, columns);
  }
}
