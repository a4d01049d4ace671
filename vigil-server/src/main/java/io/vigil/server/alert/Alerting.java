package io.vigil.server.alert;

import io.vigil.server.notify.NotificationDispatcher;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The alerting subsystem as the server wires it: history store, notification dispatcher and evaluator, started
 * and stopped together.
 *
 * <pre>{@code
 * Alerting alerting = Alerting.open(settings, metrics, AlertStorage.embedded(dataDir), clock, metrics::alertsFiring, metrics::notificationFailed);
 * alerting.start();
 * ...
 * alerting.close();
 * }</pre>
 */
public final class Alerting implements AutoCloseable {

  private final AlertStorage storage;
  private final NotificationDispatcher dispatcher;
  private final AlertEvaluator evaluator;

  private Alerting(AlertStorage storage, NotificationDispatcher dispatcher, AlertEvaluator evaluator) {
    this.storage = storage;
    this.dispatcher = dispatcher;
    this.evaluator = evaluator;
  }

  /**
   * Opens the history in {@code storage} and, when this instance holds the evaluator's lease, takes the active
   * alerts back; evaluates nothing until {@link #start}. {@code storage} is closed with this.
   */
  public static Alerting open(AlertSettings settings, AlertMetrics metrics, AlertStorage storage, Clock clock,
      Consumer<Map<Severity, Integer>> firingGauge, Consumer<String> notificationFailed) {
    NotificationDispatcher dispatcher = new NotificationDispatcher(settings.notifiers(), notificationFailed);
    try {
      return new Alerting(storage, dispatcher, new AlertEvaluator(settings, metrics, storage, dispatcher, clock,
          firingGauge));
    } catch (RuntimeException e) {
      dispatcher.close();
      storage.close();
      throw e;
    }
  }

  public void start() {
    evaluator.start();
  }

  public AlertStore store() {
    return storage.store();
  }

  public AlertEvaluator evaluator() {
    return evaluator;
  }

  @Override
  public void close() {
    evaluator.close();
    dispatcher.close();
    storage.close();
  }
}
