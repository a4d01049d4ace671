package io.vigil.client;

import java.util.Map;
import java.util.UUID;

/**
 * One prediction being timed, from {@link ModelMonitor#start} to {@link #success}, {@link #failure} or
 * {@link #close()}.
 *
 * <pre>{@code
 * try (PredictionCall call = monitor.start(features)) {
 *   double p = model.probability(features);
 *   call.success(p >= 0.5 ? "fraud" : "ok", Map.of("fraud", p, "ok", 1 - p));
 * } catch (ModelException e) {
 *   // already recorded by close() as an error; or call.failure(e) inside the try to name the type
 * }
 * }</pre>
 *
 * <p>The first of {@code success}, {@code failure} and {@code close} records the prediction; later calls do
 * nothing. Closing an unfinished call records an error of type {@code "unfinished"} (the block threw before it
 * could report a result). Latency is {@code System.nanoTime()} between {@code start} and that first call.
 * Meant for one thread, like the prediction it wraps.
 */
public final class PredictionCall implements AutoCloseable {
  private final ModelMonitor monitor;
  private final UUID id;
  private final Map<String, ?> features;
  private final long startNanos;
  private boolean finished;

  PredictionCall(ModelMonitor monitor, UUID id, Map<String, ?> features, long startNanos) {
    this.monitor = monitor;
    this.id = id;
    this.features = features;
    this.startNanos = startNanos;
  }

  /** The prediction's id, known from the start (e.g. to return it in the response). */
  public UUID id() {
    return id;
  }

  /** Records the result; returns the id. */
  public UUID success(Object prediction, Map<String, ? extends Number> scores) {
    return finish(prediction, scores, null);
  }

  /** Records a failure named after {@code error}'s class; returns the id. */
  public UUID failure(Throwable error) {
    return finish(null, null, ModelMonitor.errorType(error));
  }

  /** Records an error ({@code "unfinished"}) unless the call already finished. */
  @Override
  public void close() {
    finish(null, null, "unfinished");
  }

  private UUID finish(Object prediction, Map<String, ? extends Number> scores, String error) {
    if (finished) {
      return id;
    }
    finished = true;
    long latency = System.nanoTime() - startNanos;
    monitor.callFinished();
    return monitor.emit(id, features, prediction, scores, latency, error);
  }
}
