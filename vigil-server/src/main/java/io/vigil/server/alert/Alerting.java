package io.vigil.server.alert;

import io.vigil.server.notify.NotificationDispatcher;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The alerting subsystem as the server wires it: history store, notification dispatcher and evaluator, started
 * and stopped together.
 *
 * <pre>{@code
 * Alerting alerting = Alerting.open(settings, metrics, dataDir, clock, metrics::alertsFiring, metrics::notificationFailed);
 * alerting.start();
 * ...
 * alerting.close();
 * }</pre>
 */
public final class Alerting implements AutoCloseable {

  private final AlertStore store;
  private final NotificationDispatcher dispatcher;
  private final AlertEvaluator evaluator;

  private Alerting(AlertStore store, NotificationDispatcher dispatcher, AlertEvaluator evaluator) {
    this.store = store;
    this.dispatcher = dispatcher;
    this.evaluator = evaluator;
  }

  /** Opens the history in {@code dataDir} and takes the active alerts back; evaluates nothing until {@link #start}. */
  public static Alerting open(AlertSettings settings, AlertMetrics metrics, Path dataDir, Clock clock,
      Consumer<Map<Severity, Integer>> firingGauge, Consumer<String> notificationFailed) {
    AlertStore store = SqliteAlertStore.open(dataDir);
    NotificationDispatcher dispatcher = new NotificationDispatcher(settings.notifiers(), notificationFailed);
    try {
      return new Alerting(store, dispatcher, new AlertEvaluator(settings, metrics, store, dispatcher, clock, firingGauge));
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  public void start() {
    evaluator.start();
  }

  public AlertStore store() {
    return store;
  }

  public AlertEvaluator evaluator() {
    return evaluator;
  }

  @Override
  public void close() {
    evaluator.close();
    dispatcher.close();
    store.close();
  }
}
