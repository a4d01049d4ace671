package io.vigil.server.alert;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vigil.server.storage.PostgresLocation;
import io.vigil.server.storage.StoreException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@link AlertStore} in the PostgreSQL database that several instances share (tables of migration V7 under
 * {@code io/vigil/server/storage/postgresql}, the same shapes as SQLite's V3), so every instance lists the same
 * alerts and silences and the one that takes evaluation over (see {@link EvaluatorLease}) finds the alerts its
 * predecessor left firing. The schema is migrated by the event store, which the server opens first.
 *
 * <pre>{@code
 * try (AlertStore store = PostgresAlertStore.open("postgresql://vigil:secret@db:5432/vigil")) {
 *   store.active();
 * }
 * }</pre>
 */
public final class PostgresAlertStore extends JdbcAlertStore {

  private final HikariDataSource pool;

  private PostgresAlertStore(HikariDataSource pool) {
    this.pool = pool;
  }

  /** @throws StoreException when the database cannot be reached */
  public static PostgresAlertStore open(String url) {
    PostgresLocation location = PostgresLocation.parse(url);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(location.jdbcUrl());
    config.setUsername(location.user());
    config.setPassword(location.password());
    config.setPoolName("vigil-postgresql-alerts");
    config.setMaximumPoolSize(2);   // one evaluation and the odd API read
    config.setConnectionTimeout(10_000);
    try {
      return new PostgresAlertStore(new HikariDataSource(config));
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to " + location.display() + " for alerts: " + e.getMessage(), e);
    }
  }

  @Override
  <T> T use(String what, Work<T> work) {
    try (Connection c = pool.getConnection()) {
      return run(what, c, work);
    } catch (SQLException e) {
      throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  @Override
  String upsertAlert() {
    return "INSERT INTO alerts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO"
        + " UPDATE SET rule = excluded.rule, model = excluded.model, version = excluded.version, severity ="
        + " excluded.severity, state = excluded.state, value = excluded.value, threshold = excluded.threshold,"
        + " active_at = excluded.active_at, starts_at = excluded.starts_at, ends_at = excluded.ends_at, summary ="
        + " excluded.summary, last_notified_at = excluded.last_notified_at";
  }

  @Override
  String upsertSilence() {
    return "INSERT INTO silences (" + SILENCE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
        + " matchers = excluded.matchers, starts_at = excluded.starts_at, ends_at = excluded.ends_at, comment ="
        + " excluded.comment, created_at = excluded.created_at";
  }

  @Override
  public void close() {
    pool.close();
  }
}
