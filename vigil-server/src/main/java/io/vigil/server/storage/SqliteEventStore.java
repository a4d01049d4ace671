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
import java.util.concurrent.locks.LockSupport;
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
  /**
   * Batches waiting for a group commit, and whether a thread is writing one (guarded by {@code queue}). Each waiting
   * thread is woken once, by the commit that makes its batch durable, or to write the next group: a commit used to
   * wake every waiting thread, most of them only to wait again.
   */
  private final java.util.ArrayDeque<Pending> queue = new java.util.ArrayDeque<>();
  private boolean writing;
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
    Pending mine = new Pending(events, bodies, Thread.currentThread());
    List<Pending> group = null;
    synchronized (queue) {
      queue.add(mine);
      if (!writing) {
        writing = true;   // this thread writes every batch queued so far, in one transaction
        group = drain();
      }
    }
    boolean interrupted = false;
    while (group == null) {
      // woken once: when a group commit has made this batch durable, or to write the next group itself
      LockSupport.park(this);
      interrupted |= Thread.interrupted();   // keep waiting: the batch's outcome must be known before the answer
      if (mine.done) {
        break;
      }
      if (mine.leads) {
        synchronized (queue) {
          group = drain();
        }
      }
    }
    if (group != null) {
      try {
        writeGroup(group);
      } finally {
        handOff();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return mine.result();
  }

  /** The batches queued so far, taken out of the queue. Callers hold {@link #queue}. */
  private List<Pending> drain() {
    List<Pending> group = new ArrayList<>(queue);
    queue.clear();
    return group;
  }

  /** After a group commit: the oldest queued batch's thread writes the next group, or no one writes. */
  private void handOff() {
    synchronized (queue) {
      Pending next = queue.peekFirst();
      if (next == null) {
        writing = false;
      } else {
        next.leads = true;
        LockSupport.unpark(next.waiter);
      }
    }
  }

  /**
   * Group commit: the batches of concurrent requests go into one transaction, so one fsync covers all of them.
   * Each request still returns only once its own events are durable.
   */
  private synchronized void writeGroup(List<Pending> group) {
    try {
      for (Pending p : group) {
        for (int i = 0; i < p.events.size(); i++) {
          PredictionEvent e = p.events.get(i);
          insert.setString(1, e.model());
          insert.setString(2, e.version());
          insert.setString(3, e.id());
          insert.setLong(4, e.timestamp().toEpochMilli());
          insert.setBytes(5, p.bodies.get(i));
          insert.addBatch();
        }
      }
      int[] inserted = insert.executeBatch();
      connection.commit();
      int at = 0;
      for (Pending p : group) {
        List<PredictionEvent> fresh = new ArrayList<>(p.events.size());
        for (PredictionEvent e : p.events) {
          if (inserted[at++] != 0) {   // 0: the (model, version, id) was already stored
            fresh.add(e);
          }
        }
        p.finish(fresh, null);
      }
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly();
      for (Pending p : group) {
        p.finish(null, new StoreException("cannot store " + p.events.size() + " events: " + e.getMessage(), e));
      }
    }
  }

  /** A batch waiting for the group commit that includes it. */
  private static final class Pending {
    final List<PredictionEvent> events;
    final List<byte[]> bodies;
    /** The request thread that waits for this batch: unparked once it is durable, or to lead. */
    final Thread waiter;
    volatile boolean done;
    /** Set by the previous writer: this batch's thread writes the next group. */
    volatile boolean leads;
    private List<PredictionEvent> fresh;
    private StoreException failure;

    Pending(List<PredictionEvent> events, List<byte[]> bodies, Thread waiter) {
      this.events = events;
      this.bodies = bodies;
      this.waiter = waiter;
    }

    /** Records the outcome, then wakes the waiting thread (the writer's own batch needs no wake-up). */
    void finish(List<PredictionEvent> fresh, StoreException failure) {
      this.fresh = fresh;
      this.failure = failure;
      this.done = true;
      if (waiter != Thread.currentThread()) {
        LockSupport.unpark(waiter);
      }
    }

    List<PredictionEvent> result() {
      if (failure != null) {
        throw failure;
      }
      return fresh;
    }
  }


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
