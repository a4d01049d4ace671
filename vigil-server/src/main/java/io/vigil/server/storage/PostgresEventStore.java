package io.vigil.server.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vigil.event.PredictionEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;

/**
 * The store that several Vigil instances share: PostgreSQL through a HikariCP pool, schema migrated by Flyway
 * from {@code io/vigil/server/storage/postgresql} (the SQLite tables in PostgreSQL's dialect, plus V5's instance
 * columns and Kafka offsets).
 *
 * <pre>{@code
 * try (PostgresEventStore store = PostgresEventStore.open("postgresql://vigil:secret@db:5432/vigil", "vigil-a")) {
 *   store.append(events);   // durable when it returns, in this instance's log
 * }
 * }</pre>
 *
 * <p><b>Instances.</b> Each instance has an id ({@code vigil serve --instance}); while a store is open it holds a
 * PostgreSQL advisory lock named by the id, so two live instances can never write as one. An instance writes
 * only its own partial profiles, totals and checkpoint, and reads the event and label logs it wrote itself when
 * it recovers; {@link #profile} merges the partials of all instances (profiles are mergeable, SPEC section 1), so
 * any instance answers any query with what every instance has checkpointed. Retention runs on one instance at a
 * time ({@link #exclusively}, a session advisory lock that PostgreSQL releases when its holder dies).
 */
public final class PostgresEventStore implements EventStore {

  private final HikariDataSource pool;
  private final String instance;
  /** A connection of its own holding the instance's advisory lock for as long as the store is open. */
  private final Connection instanceLock;
  private final PostgresAccess db;
  private final PostgresCheckpoints checkpoints;
  private final PostgresLabels labels;

  private PostgresEventStore(HikariDataSource pool, String instance, Connection instanceLock) {
    this.pool = pool;
    this.instance = instance;
    this.instanceLock = instanceLock;
    this.db = new PostgresAccess(pool, instance);
    this.checkpoints = new PostgresCheckpoints(db);
    this.labels = new PostgresLabels(db);
  }

  /**
   * Connects to {@code url} ({@code postgresql://[user[:password]@]host[:port]/database[?options]}), migrates the
   * schema and takes the advisory lock of {@code instance}.
   *
   * @throws StoreException when the database cannot be reached or another live instance has the same id
   */
  public static PostgresEventStore open(String url, String instance) {
    PostgresLocation location = PostgresLocation.parse(url);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(location.jdbcUrl());
    config.setUsername(location.user());
    config.setPassword(location.password());
    config.setPoolName("vigil-postgresql");
    config.setMaximumPoolSize(8);
    config.setConnectionTimeout(10_000);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to " + location.display() + ": " + rootMessage(e), e);
    }
    Connection lock = null;
    try {
      lock = DriverManager.getConnection(location.jdbcUrl(), location.user(), location.password());
      PostgresLocks.migrating(lock, () -> Flyway.configure().dataSource(pool)
          .locations("classpath:io/vigil/server/storage/postgresql").load().migrate());
      if (!PostgresLocks.tryLock(lock, "instance:" + instance)) {
        throw new StoreException("another running Vigil instance uses the id '" + instance + "' on "
            + location.display() + ": give each instance its own --instance", null);
      }
      return new PostgresEventStore(pool, instance, lock);
    } catch (SQLException | RuntimeException e) {
      pool.close();
      closeQuietly(lock);
      if (e instanceof StoreException) {
        throw (StoreException) e;
      }
      throw new StoreException("cannot open the store at " + location.display() + ": " + rootMessage(e), e);
    }
  }

  /** This instance's id. */
  public String instance() {
    return instance;
  }

  @Override
  public List<PredictionEvent> append(List<PredictionEvent> events, List<byte[]> bodies) {
    return insert(events, bodies, null, "INSERT INTO events (model, version, event_id, ts, body, instance, origin)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (model, version, event_id) DO NOTHING");
  }

  /**
   * A record consumed again matches its own earlier row ({@code origin} equal), which the upsert then "updates"
   * to itself and counts; a different record with a stored id matches no row of the {@code WHERE} and is not.
   */
  @Override
  public List<PredictionEvent> appendConsumed(List<PredictionEvent> events, List<byte[]> bodies, List<String> origins) {
    return insert(events, bodies, origins, "INSERT INTO events (model, version, event_id, ts, body, instance, origin)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (model, version, event_id)"
        + " DO UPDATE SET origin = excluded.origin WHERE events.origin = excluded.origin");
  }

  private List<PredictionEvent> insert(List<PredictionEvent> events, List<byte[]> bodies, List<String> origins,
      String sql) {
    if (bodies.size() != events.size() || (origins != null && origins.size() != events.size())) {
      throw new IllegalArgumentException(events.size() + " events but " + bodies.size() + " bodies");
    }
    if (events.isEmpty()) {
      return List.of();
    }
    return db.write("store " + events.size() + " events", c -> {
      try (PreparedStatement p = c.prepareStatement(sql)) {
        for (int i = 0; i < events.size(); i++) {
          PredictionEvent e = events.get(i);
          p.setString(1, e.model());
          p.setString(2, e.version());
          p.setString(3, e.id());
          p.setLong(4, e.timestamp().toEpochMilli());
          p.setBytes(5, bodies.get(i));
          p.setString(6, origins == null ? instance : null);   // Kafka's events are in no instance's log
          p.setString(7, origins == null ? null : origins.get(i));
          p.addBatch();
        }
        int[] counts = p.executeBatch();
        List<PredictionEvent> fresh = new ArrayList<>(events.size());
        for (int i = 0; i < counts.length; i++) {
          if (counts[i] != 0) {
            fresh.add(events.get(i));
          }
        }
        return fresh;
      }
    });
  }

  @Override
  public void saveModel(String name, String definitionJson, boolean declared) {
    db.write("store model " + name, c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO models (name, definition, declared) VALUES (?, ?, ?)"
          + " ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, declared = excluded.declared")) {
        p.setString(1, name);
        p.setString(2, definitionJson);
        p.setInt(3, declared ? 1 : 0);
        return p.executeUpdate();
      }
    });
  }

  @Override
  public void loadModels(ModelSink sink) {
    db.read("read models", c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT name, definition, declared FROM models ORDER BY name");
          ResultSet r = p.executeQuery()) {
        while (r.next()) {
          sink.accept(r.getString(1), r.getString(2), r.getInt(3) != 0);
        }
        return null;
      }
    });
  }

  @Override
  public long lastPosition() {
    return db.single("read the log position", "SELECT coalesce(max(seq), 0) FROM events WHERE instance = ?");
  }

  @Override
  public long replayAfter(long position, Consumer<StoredEvent> sink) {
    return db.stream("read the event log", "SELECT event_id, ts, body FROM events WHERE instance = ? AND seq > ?"
        + " ORDER BY seq", p -> {
          p.setString(1, instance);
          p.setLong(2, position);
        }, r -> sink.accept(new StoredEvent(r.getString(1), r.getLong(2), r.getBytes(3))));
  }

  /** The merge of every instance's part of the profile. */
  @Override
  public Optional<byte[]> profile(Key key) {
    return checkpoints.profile(key);
  }

  @Override
  public Optional<byte[]> ownProfile(Key key) {
    return checkpoints.ownProfile(key);
  }

  @Override
  public boolean shared() {
    return true;
  }

  @Override
  public List<Long> buckets(String model, String version, Resolution resolution, long fromBucket, long toBucket) {
    return checkpoints.buckets(model, version, resolution, fromBucket, toBucket);
  }

  @Override
  public void series(BiConsumer<String, String> sink) {
    checkpoints.series(sink);
  }

  @Override
  public Checkpoint checkpoint() {
    return checkpoints.read();
  }

  @Override
  public void writeCheckpoint(Checkpoint checkpoint, Map<Key, byte[]> profiles) {
    checkpoints.write(checkpoint, profiles, Map.of());
  }

  @Override
  public void writeCheckpoint(Checkpoint checkpoint, Map<Key, byte[]> profiles, Map<SourcePartition, Long> offsets) {
    checkpoints.write(checkpoint, profiles, offsets);
  }

  @Override
  public Map<Integer, Long> offsets(String topic) {
    Map<Integer, Long> out = new HashMap<>();
    db.stream("read the offsets of " + topic, "SELECT partition, next_offset FROM kafka_offsets WHERE topic = ?",
        p -> p.setString(1, topic), r -> out.put(r.getInt(1), r.getLong(2)));
    return out;
  }

  @Override
  public boolean exclusively(String job, Runnable work) {
    return PostgresLocks.exclusively(pool, job, work);
  }

  @Override
  public int deleteProfilesBefore(Resolution resolution, long bucket) {
    return db.write("delete old profiles", c -> {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM profiles WHERE resolution = ? AND bucket < ?")) {
        p.setString(1, resolution.code());
        p.setLong(2, bucket);
        return p.executeUpdate();
      }
    });
  }

  /**
   * Every instance's log is bounded by its own checkpoint ({@code position}, the caller's, is not enough when the
   * job runs for all); events read from Kafka are in no instance's log and only their age counts.
   */
  @Override
  public int deleteEventsBefore(long timestampMillis, long position) {
    return db.write("delete old events", c -> {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM events e WHERE e.ts < ? AND (e.instance IS NULL"
          + " OR e.seq <= coalesce((SELECT k.log_position FROM checkpoint k WHERE k.instance = e.instance), 0))")) {
        p.setLong(1, timestampMillis);
        return p.executeUpdate();
      }
    });
  }

  @Override
  public long pairs(String model, String a, String b, long fromMillis, long toMillis, int limit,
      BiConsumer<byte[], byte[]> sink) {
    return db.stream("read shadow pairs of " + model, "SELECT x.body, y.body FROM events x JOIN events y"
        + " ON y.model = x.model AND y.event_id = x.event_id AND y.version = ?"
        + " WHERE x.model = ? AND x.version = ? AND x.ts >= ? AND x.ts < ? LIMIT ?", p -> {
          p.setString(1, b);
          p.setString(2, model);
          p.setString(3, a);
          p.setLong(4, fromMillis);
          p.setLong(5, toMillis);
          p.setInt(6, limit);
        }, r -> sink.accept(r.getBytes(1), r.getBytes(2)));
  }

  @Override
  public long events(String model, String version, long fromMillis, long toMillis, Consumer<byte[]> sink) {
    return db.stream("read events of " + model + "/" + version, "SELECT body FROM events WHERE ts >= ? AND ts < ?"
        + " AND model = ? AND version = ? ORDER BY seq", p -> {
          p.setLong(1, fromMillis);
          p.setLong(2, toMillis);
          p.setString(3, model);
          p.setString(4, version);
        }, r -> sink.accept(r.getBytes(1)));
  }

  @Override
  public long[] appendLabels(List<LabelRow> rows) {
    return labels.appendLabels(rows);
  }

  @Override
  public Map<String, List<StoredPrediction>> predictions(String model, Collection<String> ids) {
    return labels.predictions(model, ids);
  }

  @Override
  public Optional<StoredLabel> previousLabel(String model, String id, long seq) {
    return labels.previousLabel(model, id, seq);
  }

  @Override
  public Map<String, StoredLabel> previousLabels(String model, Collection<String> ids, long seq) {
    return labels.previousLabels(model, ids, seq);
  }

  @Override
  public long[] appendOutcomes(List<OutcomeRow> rows) {
    return labels.appendOutcomes(rows);
  }

  @Override
  public long[] appendConsumedLabels(List<LabelRow> rows, List<String> origins) {
    return labels.appendLabels(rows, java.util.Objects.requireNonNull(origins, "origins"));
  }

  @Override
  public long[] appendConsumedOutcomes(List<OutcomeRow> rows, List<String> origins) {
    return labels.appendOutcomes(rows, java.util.Objects.requireNonNull(origins, "origins"));
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
  public List<StoredLabel> labels(Collection<Long> seqs) {
    return labels.labels(seqs);
  }

  @Override
  public void markOrphaned(Collection<Long> seqs) {
    labels.markOrphaned(seqs);
  }

  @Override
  public long orphans(String model, long fromMillis, long toMillis) {
    return labels.orphans(model, fromMillis, toMillis);
  }

  /** Each instance's labels are bounded by its own checkpoint, as its events are. */
  @Override
  public int deleteLabelsBefore(long receivedMillis, long position) {
    return labels.deleteLabelsBefore(receivedMillis, position);
  }

  @Override
  public void close() {
    pool.close();
    closeQuietly(instanceLock);   // ends the session: PostgreSQL releases the instance's lock
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing; the server ends the session either way
      }
    }
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
