package io.vigil.server.storage;

import io.vigil.event.PredictionEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;

/**
 * The embedded store: one SQLite file under the data folder, in WAL mode with {@code synchronous=FULL}, so a
 * committed batch survives a process kill and a power cut. Schema migrations are versioned with Flyway
 * ({@code io/vigil/server/storage/migration}). SQLite allows one writer at a time; appends are serialised here
 * and each batch is one transaction (one fsync), which is why clients should send batches.
 *
 * <pre>{@code
 * try (SqliteEventStore store = SqliteEventStore.open(Path.of("vigil-data"))) { ... }
 * }</pre>
 */
public final class SqliteEventStore implements EventStore {

  private final Connection connection;
  private final PreparedStatement insert;

  private SqliteEventStore(Connection connection) throws SQLException {
    this.connection = connection;
    this.insert = connection.prepareStatement(
        "INSERT OR IGNORE INTO events (model, version, event_id, ts, body) VALUES (?, ?, ?, ?, ?)");
  }

  /** Opens (creating and migrating when needed) {@code dataDir/vigil.db}. */
  public static SqliteEventStore open(Path dataDir) {
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
      c.setAutoCommit(false);
      return new SqliteEventStore(c);
    } catch (SQLException e) {
      throw new StoreException("cannot open " + url + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<PredictionEvent> append(List<PredictionEvent> events) {
    byte[][] bodies = new byte[events.size()][];
    for (int i = 0; i < bodies.length; i++) {
      bodies[i] = EventCodec.encode(events.get(i));   // outside the writer lock: requests encode in parallel
    }
    return write(events, bodies);
  }

  private synchronized List<PredictionEvent> write(List<PredictionEvent> events, byte[][] bodies) {
    try {
      for (int i = 0; i < bodies.length; i++) {
        PredictionEvent e = events.get(i);
        insert.setString(1, e.model());
        insert.setString(2, e.version());
        insert.setString(3, e.id());
        insert.setLong(4, e.timestamp().toEpochMilli());
        insert.setBytes(5, bodies[i]);
        insert.addBatch();
      }
      int[] inserted = insert.executeBatch();
      connection.commit();
      List<PredictionEvent> fresh = new ArrayList<>(events.size());
      for (int i = 0; i < inserted.length; i++) {
        if (inserted[i] != 0) {   // 0: the (model, id) was already stored
          fresh.add(events.get(i));
        }
      }
      return fresh;
    } catch (SQLException e) {
      rollbackQuietly();
      throw new StoreException("cannot store " + events.size() + " events: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized long replay(Consumer<byte[]> sink) {
    long n = 0;
    try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT body FROM events ORDER BY seq")) {
      while (r.next()) {
        sink.accept(r.getBytes(1));
        n++;
      }
      connection.commit();
      return n;
    } catch (SQLException e) {
      throw new StoreException("cannot read the event log: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void saveModel(String name, String definitionJson) {
    try (PreparedStatement p = connection.prepareStatement(
        "INSERT INTO models (name, definition) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET definition = excluded.definition")) {
      p.setString(1, name);
      p.setString(2, definitionJson);
      p.executeUpdate();
      connection.commit();
    } catch (SQLException e) {
      rollbackQuietly();
      throw new StoreException("cannot store model " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void loadModels(BiConsumer<String, String> sink) {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("SELECT name, definition FROM models ORDER BY name")) {
      while (r.next()) {
        sink.accept(r.getString(1), r.getString(2));
      }
      connection.commit();
    } catch (SQLException e) {
      throw new StoreException("cannot read models: " + e.getMessage(), e);
    }
  }

  private void rollbackQuietly() {
    try {
      insert.clearBatch();
      connection.rollback();
    } catch (SQLException ignored) {
      // the original failure is what the caller needs to see
    }
  }

  @Override
  public synchronized void close() {
    try {
      insert.close();
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the store: " + e.getMessage(), e);
    }
  }
}
