package io.vigil.client;

import java.util.Map;
import java.util.UUID;

/**
 * One prediction as the monitor saw it: what the exporter sends (SPEC section 3) and the prediction log writes.
 *
 * <pre>{@code
 * PredictionEvent event = new PredictionEvent(id, "fraud", "v3", clock.millis(), Map.of("amount", 12.5),
 *     "fraud", Map.of("fraud", 0.91, "ok", 0.09), 0.91, 12.5, PredictionEvent.OK, null);
 * if (event.sampled(0.1)) { ... }   // the same 10 % of ids everywhere
 * }</pre>
 *
 * <p>The {@code features} and {@code scores} maps are the caller's own maps, not copies: copying 20 features
 * would cost more than everything else {@code record} does. They are read later, on the exporter's and the log's
 * threads, so callers must not change them after handing them over ({@code Map.of(...)} or a fresh
 * {@code HashMap} per prediction is the normal case anyway).
 *
 * @param id the prediction id, returned to the caller for {@code label(id, label)}
 * @param timestampMillis epoch milliseconds from the monitor's {@link java.time.Clock}
 * @param features model inputs by name; may be {@code null} for a failed call
 * @param prediction the predicted class (string, integer, boolean) or value (regression); {@code null} on error
 * @param scores class scores or probabilities; may be {@code null}
 * @param confidence the largest score, NaN when there are no scores
 * @param latencyMs latency in milliseconds, NaN when unknown
 * @param status {@link #OK} or {@link #ERROR}
 * @param error the error type for {@link #ERROR}, else {@code null}
 */
public record PredictionEvent(
    UUID id,
    String model,
    String version,
    long timestampMillis,
    Map<String, ?> features,
    Object prediction,
    Map<String, ? extends Number> scores,
    double confidence,
    double latencyMs,
    String status,
    String error) {

  /** SPEC section 3's status of a prediction that returned a result. */
  public static final String OK = "ok";
  /** SPEC section 3's status of a prediction that failed. */
  public static final String ERROR = "error";

  /**
   * Whether this prediction falls in a sample of the given rate. Decided by the id alone, so the exporter, the
   * log and a later label of the same id all agree on it.
   */
  public boolean sampled(double rate) {
    return Sampling.keeps(id, rate);
  }

  /** The largest score, NaN for {@code null} or empty scores; non-finite scores are ignored. */
  public static double confidenceOf(Map<String, ? extends Number> scores) {
    if (scores == null || scores.isEmpty()) {
      return Double.NaN;
    }
    double max = Double.NaN;
    for (Number score : scores.values()) {
      if (score != null) {
        double value = score.doubleValue();
        if (Double.isFinite(value) && !(value <= max)) {
          max = value;
        }
      }
    }
    return max;
  }
}
