package io.vigil.client;

/**
 * Receives every prediction a {@link ModelMonitor} records, on the model's thread.
 *
 * <pre>{@code
 * ModelMonitor monitor = ModelMonitor.builder("fraud")
 *     .log(PredictionLog.builder().redact("ssn").build())   // io.vigil.client.log.PredictionLog is one
 *     .build();
 * }</pre>
 *
 * <p>Implementations run on the caller's thread, so they must be quick; an exception they throw is caught and
 * counted by the monitor (the model's call never fails because of monitoring).
 */
@FunctionalInterface
public interface PredictionListener {
  /** Called once per recorded prediction. */
  void onPrediction(PredictionEvent event);
}
