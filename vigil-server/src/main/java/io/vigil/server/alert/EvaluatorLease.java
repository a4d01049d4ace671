package io.vigil.server.alert;

import java.util.Optional;

/**
 * Who evaluates the alert rules: with several instances on one shared store, exactly one of them at a time, so
 * an alert is notified once. {@link AlertEvaluator} asks {@link #hold()} before every evaluation and evaluates
 * only when it answers true; when it starts to hold the lease it reads the active alerts back from the shared
 * {@link AlertStore}, so the instance that takes over neither re-notifies what its predecessor notified nor
 * forgets what fires.
 *
 * <pre>{@code
 * EvaluatorLease lease = PostgresEvaluatorLease.open("postgresql://db/vigil", "vigil-1");
 * if (lease.hold()) { ... evaluate and notify ... }
 * lease.holder();   // Optional[vigil-1]: shown by GET /api/v1/alerts
 * }</pre>
 *
 * <p>Implementations: {@link #alone} (the embedded store: the only instance always evaluates) and
 * {@link PostgresEvaluatorLease} (a PostgreSQL session advisory lock, released by PostgreSQL when its holder dies).
 */
public interface EvaluatorLease extends AutoCloseable {

  /** Keeps the lease, or tries to take it; true when this instance is to evaluate now. Never throws. */
  boolean hold();

  /** The id of the instance that evaluates now, as far as this instance can see; empty when none does. */
  Optional<String> holder();

  @Override
  void close();

  /** The lease of a server that shares its store with nobody: always held, by {@code instance}. */
  static EvaluatorLease alone(String instance) {
    return new EvaluatorLease() {
      @Override
      public boolean hold() {
        return true;
      }

      @Override
      public Optional<String> holder() {
        return Optional.of(instance);
      }

      @Override
      public void close() {
        // nothing held outside this process
      }
    };
  }
}
