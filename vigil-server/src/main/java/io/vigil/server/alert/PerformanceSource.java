package io.vigil.server.alert;

import java.time.Instant;
import java.util.Optional;

/**
 * The plug for performance metrics ({@code accuracy}, {@code f1}, {@code mae}, {@code label_coverage}, {@code
 * estimated_accuracy}, ...; the names of {@link AlertMetric#REALIZED} and {@link AlertMetric#ESTIMATED}), which the
 * label join and the estimators provide. {@code samples} of a realized metric is the number of labeled
 * predictions in the window. Until one is plugged in, {@link #NONE} answers "no data" and rules on these metrics
 * keep their state.
 *
 * <pre>{@code
 * PerformanceSource labels = (metric, model, version, from, to) ->
 *     performance.window(model, version, from, to).map(p -> Reading.of(p.metric(metric), p.labeled()));
 * }</pre>
 */
@FunctionalInterface
public interface PerformanceSource {

  PerformanceSource NONE = (metric, model, version, from, to) -> Optional.empty();

  /** The metric's reading, or empty when this source cannot compute it. */
  Optional<AlertMetrics.Reading> read(String metric, String model, String version, Instant from, Instant to);
}
