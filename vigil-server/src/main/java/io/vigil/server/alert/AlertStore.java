package io.vigil.server.alert;

import java.util.List;

/**
 * Alert history and silences, durable across restarts: at start-up the evaluator takes the pending and firing
 * alerts back, with the time each was last notified, so a restart re-notifies nothing.
 *
 * <pre>{@code
 * try (AlertStore store = SqliteAlertStore.open(dataDir)) {
 *   store.save(alert);
 *   store.find(AlertState.FIRING, "fraud", 100);
 * }
 * }</pre>
 *
 * <p>Implementations: {@link SqliteAlertStore} (embedded, beside the event log) and {@link PostgresAlertStore}
 * (used whenever the server runs with {@code --store postgresql://}: every instance lists the same alerts and
 * silences). With several instances only the holder of the {@link EvaluatorLease} writes alerts; silences may be
 * written by any instance's API. Both share their SQL in {@code JdbcAlertStore}, and {@code AlertStoreContract}
 * checks both.
 */
public interface AlertStore extends AutoCloseable {

  /** Inserts or replaces the alert with this id. */
  void save(AlertRecord alert);

  /** Forgets an alert (a pending one whose condition cleared). */
  void delete(String id);

  /** Pending and firing alerts. */
  List<AlertRecord> active();

  /** Alerts, newest first; {@code state} and {@code model} null for any. */
  List<AlertRecord> find(AlertState state, String model, int limit);

  void saveSilence(Silence silence);

  /** Removes a silence; false when there was none with this id. */
  boolean deleteSilence(String id);

  /** Every stored silence, expired ones included, newest first. */
  List<Silence> silences();

  @Override
  void close();
}
