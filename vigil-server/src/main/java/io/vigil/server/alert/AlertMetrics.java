package io.vigil.server.alert;

import java.time.Instant;
import java.util.List;

/**
 * Where the evaluator gets a metric's value over a window for one model version, and how many samples it rests
 * on. The server's implementation is {@link ProfileAlertMetrics}, over the stored minute profiles (never a
 * replay of raw events).
 *
 * <pre>{@code
 * Reading r = metrics.read(AlertMetric.parse("error_rate"), "fraud", "v3", now.minus(window), now);
 * if (r.hasValue() && r.samples() >= rule.minSamples()) { ... }
 * }</pre>
 */
public interface AlertMetrics {

  /**
   * A metric's value, or why there is none.
   *
   * @param value null when there is no value
   * @param samples events (or labels, for performance metrics) the value rests on
   * @param noData why there is no value ("no traffic in the window", "no reference"); null when there is one
   */
  record Reading(Double value, long samples, String noData) {

    public static Reading of(double value, long samples) {
      return new Reading(value, samples, null);
    }

    public static Reading none(String why, long samples) {
      return new Reading(null, samples, why);
    }

    public boolean hasValue() {
      return value != null;
    }
  }

  Reading read(AlertMetric metric, String model, String version, Instant from, Instant to);

  /** Models known to the server, for rules with {@code model: "*"}. */
  List<String> models();

  /** Versions of {@code model} with traffic, the alert instances of a rule. */
  List<String> versions(String model);
}
