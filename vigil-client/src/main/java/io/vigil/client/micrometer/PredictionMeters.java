package io.vigil.client.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The usage meters of one model version, named so that a Prometheus registry exposes SPEC section 5's series.
 *
 * <pre>{@code
 * PredictionMeters meters = new PredictionMeters(registry, "fraud", "v3", 100);
 * meters.record(true, 12_500_000L, 0.91, "fraud");
 * // vigil_predictions_total{model="fraud",version="v3",status="ok"} 1.0
 * }</pre>
 *
 * <table>
 *   <caption>Meters (Micrometer name → Prometheus name)</caption>
 *   <tr><td>{@code vigil.predictions} counter, tags model, version, status</td>
 *       <td>{@code vigil_predictions_total}</td></tr>
 *   <tr><td>{@code vigil.prediction.latency} timer with a percentile histogram</td>
 *       <td>{@code vigil_prediction_latency_seconds}</td></tr>
 *   <tr><td>{@code vigil.prediction.confidence.percent} summary, buckets 50 60 70 80 90 95 99 100</td>
 *       <td>{@code vigil_prediction_confidence_percent}</td></tr>
 *   <tr><td>{@code vigil.prediction.in.flight} gauge</td><td>{@code vigil_prediction_in_flight}</td></tr>
 *   <tr><td>{@code vigil.predicted.class} counter, tag class</td><td>{@code vigil_predicted_class_total}</td></tr>
 * </table>
 *
 * <p>Class cardinality is capped: the first {@code maxClasses} distinct classes get their own series, later ones
 * are counted under {@code class="other"} (a bug that predicts free text must not blow up the metrics backend).
 * Classes are strings, booleans, enums, characters and integral boxed numbers; a {@code Double} or
 * {@code Float} prediction is a regression output and gets no class series.
 *
 * <p>Confidence is recorded in percent, not as SPEC section 5's fraction: Micrometer rounds every
 * {@code DistributionSummary} value up to a whole number before it picks a histogram bucket
 * ({@code TimeWindowFixedBoundaryHistogram.recordDouble} calls {@code Math.ceil}; micrometer issues #3680 and
 * #6298), so buckets at .5 … .99 would all stay empty. In percent the rounding cannot move a value across a
 * bucket boundary, because every boundary is a whole number. Divide by 100 in PromQL to compare with the server's
 * {@code vigil_prediction_confidence}.
 *
 * <p>Thread-safe; {@link #record} allocates nothing once every class has been seen.
 */
public final class PredictionMeters {
  /** SPEC section 5's confidence buckets (.5 .6 .7 .8 .9 .95 .99 1), in percent. */
  public static final double[] CONFIDENCE_PERCENT_BUCKETS = {50, 60, 70, 80, 90, 95, 99, 100};
  static final String OTHER = "other";

  private final MeterRegistry registry;
  private final Tags tags;
  private final int maxClasses;
  private final Counter ok;
  private final Counter error;
  private final Timer latency;
  private final DistributionSummary confidence;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<Object, Counter> classes = new ConcurrentHashMap<>();
  private final Counter otherClass;

  /** Registers the meters of {@code model}/{@code version} in {@code registry}. */
  public PredictionMeters(MeterRegistry registry, String model, String version, int maxClasses) {
    if (maxClasses < 0) {
      throw new IllegalArgumentException("maxClasses must be >= 0, got " + maxClasses);
    }
    this.registry = registry;
    this.tags = Tags.of("model", model, "version", version);
    this.maxClasses = maxClasses;
    this.ok = predictions("ok");
    this.error = predictions("error");
    this.latency = Timer.builder("vigil.prediction.latency").tags(tags)
        .description("Time the model took per prediction").publishPercentileHistogram().register(registry);
    this.confidence = DistributionSummary.builder("vigil.prediction.confidence.percent").tags(tags)
        .description("Largest class score per prediction, in percent").baseUnit("percent")
        .serviceLevelObjectives(CONFIDENCE_PERCENT_BUCKETS).register(registry);
    Gauge.builder("vigil.prediction.in.flight", inFlight, AtomicInteger::get).tags(tags)
        .description("Predictions started and not yet finished").register(registry);
    this.otherClass = classCounter(OTHER);
  }

  private Counter predictions(String status) {
    return Counter.builder("vigil.predictions").tags(tags).tag("status", status)
        .description("Predictions made, by outcome").register(registry);
  }

  private Counter classCounter(String name) {
    return Counter.builder("vigil.predicted.class").tags(tags).tag("class", name)
        .description("Predictions per predicted class").register(registry);
  }

  /**
   * Counts one finished prediction.
   *
   * @param latencyNanos latency, or a negative number when unknown (then the timer is left alone)
   * @param confidence largest score, NaN when there is none (then the summary is left alone)
   * @param predictedClass the predicted class of a successful call, or {@code null}
   */
  public void record(boolean succeeded, long latencyNanos, double confidence, Object predictedClass) {
    (succeeded ? ok : error).increment();
    if (latencyNanos >= 0) {
      latency.record(latencyNanos, TimeUnit.NANOSECONDS);
    }
    if (Double.isFinite(confidence)) {
      this.confidence.record(percent(confidence));
    }
    if (succeeded && isClass(predictedClass)) {
      Counter counter = classes.get(predictedClass);
      if (counter == null) {
        counter = newClass(predictedClass);
      }
      counter.increment();
    }
  }

  /**
   * {@code fraction * 100} with floating-point noise removed: {@code 0.7 * 100} is {@code 70.00000000000001},
   * which Micrometer's {@code ceil} would put in the 80 bucket. Scores closer than 1e-9 percent to a boundary
   * count as on it.
   */
  static double percent(double fraction) {
    double scaled = fraction * 100;
    double nearest = Math.rint(scaled);
    return Math.abs(scaled - nearest) < 1e-9 ? nearest : scaled;
  }

  private Counter newClass(Object predictedClass) {
    if (classes.size() >= maxClasses) {
      return otherClass;
    }
    // Racing threads may both pass the size check: the cap can be exceeded by at most the number of threads.
    return classes.computeIfAbsent(predictedClass, key -> classCounter(String.valueOf(key)));
  }

  private static boolean isClass(Object value) {
    return value instanceof String || value instanceof Boolean || value instanceof Enum
        || value instanceof Character || value instanceof Integer || value instanceof Long
        || value instanceof Short || value instanceof Byte;
  }

  /** Marks the start of a prediction ({@code vigil.prediction.in.flight} + 1). */
  public void started() {
    inFlight.incrementAndGet();
  }

  /** Marks the end of a prediction started with {@link #started()}. */
  public void finished() {
    inFlight.decrementAndGet();
  }

  /** Predictions started and not finished. */
  public int inFlight() {
    return inFlight.get();
  }
}
