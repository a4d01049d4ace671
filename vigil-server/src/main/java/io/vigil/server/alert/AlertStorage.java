package io.vigil.server.alert;

import java.nio.file.Path;

/**
 * Where alerts live and who evaluates them: the embedded SQLite file and this instance alone, or the shared
 * PostgreSQL database and whichever instance holds the evaluator's lock.
 *
 * <pre>{@code
 * AlertStorage storage = url == null ? AlertStorage.embedded(dataDir) : AlertStorage.postgresql(url, "vigil-1");
 * }</pre>
 */
public record AlertStorage(AlertStore store, EvaluatorLease lease) {

  /** {@code dataDir/vigil.db}, evaluated by this server. */
  public static AlertStorage embedded(Path dataDir) {
    return new AlertStorage(SqliteAlertStore.open(dataDir), EvaluatorLease.alone("default"));
  }

  /** The shared database at {@code url}; {@code instance} evaluates while it holds the lock. */
  public static AlertStorage postgresql(String url, String instance) {
    return new AlertStorage(PostgresAlertStore.open(url), PostgresEvaluatorLease.open(url, instance));
  }

  /** Releases the lease, then closes the store. */
  public void close() {
    try {
      lease.close();
    } finally {
      store.close();
    }
  }
}
