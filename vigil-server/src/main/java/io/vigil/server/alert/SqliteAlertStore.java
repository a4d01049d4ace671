package io.vigil.server.alert;

import io.vigil.server.storage.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * {@link AlertStore} in the embedded SQLite file ({@code dataDir/vigil.db}, tables of migration V3), on a
 * connection of its own beside the event store's; WAL mode lets both work, and {@code busy_timeout} makes one
 * wait while the other commits.
 *
 * <pre>{@code
 * AlertStore store = SqliteAlertStore.open(dataDir);
 * }</pre>
 */
public final class SqliteAlertStore extends JdbcAlertStore {

  private final Connection connection;

  private SqliteAlertStore(Connection connection) {
    this.connection = connection;
  }

  /** Opens {@code dataDir/vigil.db}, migrating it when needed (the event store may have done so already). */
  public static SqliteAlertStore open(Path dataDir) {
    String url = "jdbc:sqlite:" + dataDir.resolve("vigil.db").toAbsolutePath();
    Flyway.configure().dataSource(url, null, null).locations("classpath:io/vigil/server/storage/migration")
        .load().migrate();
    try {
      Connection c = DriverManager.getConnection(url);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=5000");
      }
      return new SqliteAlertStore(c);
    } catch (SQLException e) {
      throw new StoreException("cannot open " + url + " for alerts: " + e.getMessage(), e);
    }
  }

  /** One connection, used by one caller at a time. */
  @Override
  synchronized <T> T use(String what, Work<T> work) {
    return run(what, connection, work);
  }

  @Override
  String upsertAlert() {
    return "INSERT OR REPLACE INTO alerts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  }

  @Override
  String upsertSilence() {
    return "INSERT OR REPLACE INTO silences (" + SILENCE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the alert store: " + e.getMessage(), e);
    }
  }
}
