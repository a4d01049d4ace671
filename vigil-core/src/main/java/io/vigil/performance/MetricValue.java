package io.vigil.performance;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One metric's value, or the reason it has none: an undefined metric is explicit, never a NaN that a chart or an
 * alert rule would silently swallow.
 *
 * <pre>{@code
 * MetricValue auc = result.rocAuc();
 * if (auc.isPresent()) {
 *   chart.add(auc.value().getAsDouble());
 * } else {
 *   log.info("no ROC AUC: " + auc.absentReason().get());   // "only one class (ok) among the labels"
 * }
 * }</pre>
 *
 * @param value the metric; empty exactly when {@code absentReason} is present
 * @param absentReason why the metric is undefined for its input
 */
public record MetricValue(OptionalDouble value, Optional<String> absentReason) {

  public MetricValue {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(absentReason, "absentReason");
    if (value.isPresent() == absentReason.isPresent()) {
      throw new IllegalArgumentException("a metric has either a value or a reason for having none: " + value
          + ", " + absentReason);
    }
    if (value.isPresent() && Double.isNaN(value.getAsDouble())) {
      throw new IllegalArgumentException("a metric value cannot be NaN; give a reason instead");
    }
  }

  public static MetricValue of(double value) {
    return new MetricValue(OptionalDouble.of(value), Optional.empty());
  }

  public static MetricValue absent(String reason) {
    return new MetricValue(OptionalDouble.empty(), Optional.of(reason));
  }

  public boolean isPresent() {
    return value.isPresent();
  }

  /** The value, or {@code fallback} when absent. */
  public double orElse(double fallback) {
    return value.orElse(fallback);
  }

  @Override
  public String toString() {
    return value.isPresent() ? Double.toString(value.getAsDouble()) : "absent (" + absentReason.get() + ")";
  }
}
