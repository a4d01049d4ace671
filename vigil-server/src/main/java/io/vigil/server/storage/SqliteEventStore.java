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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;

/**
 * The embedded store: one SQLite file under the data folder, in WAL mode with {@code synchronous=FULL}, so a
 * committed batch survives a process kill and a power cut. Schema migrations are versioned with Flyway
 * ({@code io/vigil/server/storage/migration}). SQLite allows one writer at a time: appends of concurrent
 * requests are grouped into one transaction (group commit, one fsync for all of them), and each request returns
 * once its own events are durable. A third connection copies the write-ahead log into the database file in the
 * background (every 10 ms while it grows, {@code -Dvigil.log-copy-ms=N}, 0 for never), so that commits rarely wait
 * for it.
 *
 * <pre>{@code
 * try (SqliteEventStore store = SqliteEventStore.open(Path.of("vigil-data"))) { ... }
 * }</pre>
 */
public final class SqliteEventStore implements EventStore {

  private final Connection connection;
  private final PreparedStatement insert;
  /** Appends of concurrent callers, written in one transaction. */
  private final GroupCommit<Batch, List<PredictionEvent>> commits = new GroupCommit<>(this::writeGroup);
  /** Reads (queries, replay, reference-from-window) on their own connection, so they never wait for a write. */
  private final Connection reader;
  private final SqliteLabels labels;
  private final SqliteProfiles profiles;

  private final LogCopier logCopier;

  private SqliteEventStore(Connection connection, Connection reader, Connection copier) throws SQLException {
    this.connection = connection;
    this.reader = reader;
    this.logCopier = copier == null ? null : LogCopier.start(copier, logCopyMillis());
    this.labels = new SqliteLabels(connection, reader, this::rollbackQuietly);
    this.profiles = new SqliteProfiles(connection, reader, this::rollbackQuietly);
    this.insert = connection.prepareStatement(
        "INSERT OR IGNORE INTO events (model, version, event_id, ts, body) VALUES (?, ?, ?, ?, ?)");
  }

  /** The system property that sets how often the log is copied, in milliseconds (0: never, in the background). */
  public static final String LOG_COPY_PROPERTY = LogCopier.PROPERTY;

  /**
   * How often the log copier runs while the log grows: {@value #LOG_COPY_PROPERTY}, 10 ms when unset.
   *
   * @throws IllegalArgumentException when the property is not a whole number of milliseconds from 0 to 60,000
   */
  public static long logCopyMillis() {
    return LogCopier.everyMillis();
  }

  /** Opens (creating and migrating when needed) {@code dataDir/vigil.db}. */
  public static SqliteEventStore open(Path dataDir) {
    String url = "jdbc:sqlite:" + dataDir.resolve("vigil.db").toAbsolutePath();
    Flyway.configure().dataSource(url, null, null).locations("classpath:io/vigil/server/storage/migration")
        .load().migrate();
    try {
      Connection c = connect(url);
      c.setAutoCommit(false);
      return new SqliteEventStore(c, connect(url), logCopyMillis() > 0 ? connect(url) : null);
    } catch (SQLException e) {
      throw new StoreException("cannot open " + url + ": " + e.getMessage(), e);
    }
  }

  private static Connection connect(String url) throws SQLException {
    Connection c = DriverManager.getConnection(url);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=FULL");
      s.execute("PRAGMA busy_timeout=5000");
    }
    return c;
  }

  @Override
  public List<PredictionEvent> append(List<PredictionEvent> events, List<byte[]> bodies) {
    if (bodies.size() != events.size()) {
      throw new IllegalArgumentException(events.size() + " events but " + bodies.size() + " bodies");
    }
    return commits.submit(new Batch(events, bodies));
  }

  /**
   * Group commit: the batches of concurrent requests go into one transaction, so one fsync covers all of them.
   * Each request still returns only once its own events are durable.
   */
  private synchronized List<List<PredictionEvent>> writeGroup(List<Batch> group) {
    try {
      for (Batch b : group) {
        for (int i = 0; i < b.events.size(); i++) {
          PredictionEvent e = b.events.get(i);
          insert.setString(1, e.model());
          insert.setString(2, e.version());
          insert.setString(3, e.id());
          insert.setLong(4, e.timestamp().toEpochMilli());
          insert.setBytes(5, b.bodies.get(i));
          insert.addBatch();
        }
      }
      int[] inserted = insert.executeBatch();
      connection.commit();
      List<List<PredictionEvent>> fresh = new ArrayList<>(group.size());
      int at = 0;
      for (Batch b : group) {
        List<PredictionEvent> mine = new ArrayList<>(b.events.size());
        for (PredictionEvent e : b.events) {
          if (inserted[at++] != 0) {   // 0: the (model, version, id) was already stored
            mine.add(e);
          }
        }
        fresh.add(mine);
      }
      return fresh;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly();
      int events = group.stream().mapToInt(b -> b.events.size()).sum();
      throw new StoreException("cannot store " + events + " events: " + e.getMessage(), e);
    }
  }

  /** A caller's events and their bodies, appended together. */
  private record Batch(List<PredictionEvent> events, List<byte[]> bodies) {}

  @Override
  public synchronized void saveModel(String name, String definitionJson, boolean declared) {
    try (PreparedStatement p = connection.prepareStatement("INSERT INTO models (name, definition, declared)"
        + " VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET definition = excluded.definition, declared = excluded.declared")) {
      p.setString(1, name);
      p.setString(2, definitionJson);
      p.setInt(3, declared ? 1 : 0);
      p.executeUpdate();
      connection.commit();
    } catch (SQLException e) {
      rollbackQuietly();
      throw new StoreException("cannot store model " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void loadModels(ModelSink sink) {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("SELECT name, definition, declared FROM models ORDER BY name")) {
      while (r.next()) {
        sink.accept(r.getString(1), r.getString(2), r.getInt(3) != 0);
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
    // After SQLITE_FULL or SQLITE_IOERR, SQLite has already rolled the transaction back itself; the driver's
    // rollback() then fails before it begins the next transaction, and every later write would autocommit on its
    // own while commit() fails: events stored but answered 503, and ingest never recovering once the disk has room
    // again (found by DiskFullIT). Beginning here restores the transaction; after a normal rollback it is a no-op.
    try (Statement s = connection.createStatement()) {
      s.execute("BEGIN");
    } catch (SQLException alreadyInTransaction) {
      // the usual case: the driver's rollback() began the next transaction
    }
  }

  @Override
  public Checkpoint checkpoint() {
    return profiles.checkpoint();
  }

  @Override
  public long lastPosition() {
    synchronized (reader) {
      try (Statement s = reader.createStatement(); ResultSet r = s.executeQuery("SELECT max(seq) FROM events")) {
        return r.next() ? r.getLong(1) : 0;
      } catch (SQLException e) {
        throw new StoreException("cannot read the log position: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public long replayAfter(long position, Consumer<StoredEvent> sink) {
    synchronized (reader) {
      long n = 0;
      try (PreparedStatement p = reader.prepareStatement(
          "SELECT event_id, ts, body FROM events WHERE seq > ? AND model <> '' ORDER BY seq")) {
        p.setLong(1, position);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            sink.accept(new StoredEvent(r.getString(1), r.getLong(2), r.getBytes(3)));
            n++;
          }
        }
        return n;
      } catch (SQLException e) {
        throw new StoreException("cannot read the event log: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public Optional<byte[]> profile(Key key) {
    return profiles.profile(key);
  }

  @Override
  public List<Long> buckets(String model, String version, Resolution resolution, long fromBucket, long toBucket) {
    return profiles.buckets(model, version, resolution, fromBucket, toBucket);
  }

  @Override
  public void series(BiConsumer<String, String> sink) {
    profiles.series(sink);
  }

  @Override
  public synchronized void writeCheckpoint(Checkpoint checkpoint, Map<Key, byte[]> written) {
    profiles.writeCheckpoint(checkpoint, written);   // the writer connection: under this store's lock
  }

  @Override
  public synchronized long[] appendLabels(List<LabelRow> rows) {
    return labels.appendLabels(rows);   // the writer connection: under this store's lock
  }

  @Override
  public synchronized long[] appendOutcomes(List<OutcomeRow> rows) {
    return labels.appendOutcomes(rows);
  }

  @Override
  public Map<String, List<StoredPrediction>> predictions(String model, java.util.Collection<String> ids) {
    return labels.predictions(model, ids);
  }

  @Override
  public Optional<StoredLabel> previousLabel(String model, String id, long seq) {
    return labels.previousLabel(model, id, seq);
  }

  @Override
  public Map<String, StoredLabel> previousLabels(String model, java.util.Collection<String> ids, long seq) {
    return labels.previousLabels(model, ids, seq);
  }

  @Override
  public long lastLabelPosition() {
    return labels.lastLabelPosition();
  }

  @Override
  public long replayLabelsAfter(long position, Consumer<StoredLabel> sink) {
    return labels.replayLabelsAfter(position, sink);
  }

  @Override
  public List<StoredLabel> labels(java.util.Collection<Long> seqs) {
    return labels.labels(seqs);
  }

  @Override
  public synchronized void markOrphaned(Collection<Long> seqs) {
    labels.markOrphaned(seqs);   // the writer connection: under this store's lock
  }

  @Override
  public long orphans(String model, long fromMillis, long toMillis) {
    return labels.orphans(model, fromMillis, toMillis);
  }

  @Override
  public int deleteLabelsBefore(long receivedMillis, long position) {
    return delete("DELETE FROM labels WHERE received < ? AND seq <= ?", p -> {
      p.setLong(1, receivedMillis);
      p.setLong(2, position);
    }, "old labels");
  }

  @Override
  public int deleteProfilesBefore(Resolution resolution, long bucket) {
    return delete("DELETE FROM profiles WHERE resolution = ? AND bucket < ?", p -> {
      p.setString(1, resolution.code());
      p.setLong(2, bucket);
    }, "old profiles");
  }

  /**
   * Keeps the newest row, however old: SQLite gives a new row the largest seq plus one, so deleting the newest
   * would give its seq again, to an event that a checkpoint's position already covers (migration V6).
   */
  @Override
  public int deleteEventsBefore(long timestampMillis, long position) {
    return delete("DELETE FROM events WHERE ts < ? AND seq <= ? AND seq < (SELECT max(seq) FROM events)", p -> {
      p.setLong(1, timestampMillis);
      p.setLong(2, position);
    }, "old events");
  }

  /** One retention statement in its own transaction on the writer connection; returns the rows deleted. */
  private synchronized int delete(String sql, SqliteLabels.Binder bind, String what) {
    try (PreparedStatement p = connection.prepareStatement(sql)) {
      bind.bind(p);
      int n = p.executeUpdate();
      connection.commit();
      return n;
    } catch (SQLException e) {
      rollbackQuietly();
      throw new StoreException("cannot delete " + what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public long pairs(String model, String a, String b, long fromMillis, long toMillis, int limit,
      BiConsumer<byte[], byte[]> sink) {
    synchronized (reader) {
      long n = 0;
      try (PreparedStatement p = reader.prepareStatement("SELECT x.body, y.body FROM events x JOIN events y"
          + " ON y.model = x.model AND y.event_id = x.event_id AND y.version = ?"
          + " WHERE x.model = ? AND x.version = ? AND x.ts >= ? AND x.ts < ? LIMIT ?")) {
        p.setString(1, b);
        p.setString(2, model);
        p.setString(3, a);
        p.setLong(4, fromMillis);
        p.setLong(5, toMillis);
        p.setInt(6, limit);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            sink.accept(r.getBytes(1), r.getBytes(2));
            n++;
          }
        }
        return n;
      } catch (SQLException e) {
        throw new StoreException("cannot read shadow pairs of " + model + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public long events(String model, String version, long fromMillis, long toMillis, Consumer<byte[]> sink) {
    synchronized (reader) {
      long n = 0;
      try (PreparedStatement p = reader.prepareStatement("SELECT body FROM events WHERE ts >= ? AND ts < ?"
          + " AND model = ? AND version = ? ORDER BY seq")) {
        p.setLong(1, fromMillis);
        p.setLong(2, toMillis);
        p.setString(3, model);
        p.setString(4, version);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            sink.accept(r.getBytes(1));
            n++;
          }
        }
        return n;
      } catch (SQLException e) {
        throw new StoreException("cannot read events of " + model + "/" + version + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public synchronized void close() {
    if (logCopier != null) {
      logCopier.close();
    }
    try {
      insert.close();
      reader.close();
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the store: " + e.getMessage(), e);
    }
  }
}
