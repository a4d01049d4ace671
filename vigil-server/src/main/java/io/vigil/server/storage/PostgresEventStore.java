package io.vigil.server.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vigil.event.PredictionEvent;
import io.vigil.profile.ProfileCodec;
import io.vigil.profile.WindowProfile;
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

  /** First key of Vigil's two-key advisory locks ("VI"), the second being a hash of the job or instance. */
  private static final int LOCK_SPACE = 0x5649;

  private final HikariDataSource pool;
  private final String instance;
  /** A connection of its own holding the instance's advisory lock for as long as the store is open. */
  private final Connection instanceLock;

  private PostgresEventStore(HikariDataSource pool, String instance, Connection instanceLock) {
    this.pool = pool;
    this.instance = instance;
    this.instanceLock = instanceLock;
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
      migrate(pool, lock);
      if (!tryLock(lock, "instance:" + instance)) {
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

  /**
   * Migrates the schema while holding an advisory lock, so that instances started together on an empty database
   * migrate one after the other (Flyway alone lets both try to create its history table).
   */
  private static void migrate(HikariDataSource pool, Connection lock) throws SQLException {
    try (PreparedStatement p = lock.prepareStatement("SELECT pg_advisory_lock(?, hashtext('migration'))")) {
      p.setInt(1, LOCK_SPACE);
      p.executeQuery().close();
    }
    try {
      Flyway.configure().dataSource(pool).locations("classpath:io/vigil/server/storage/postgresql").load().migrate();
    } finally {
      try (PreparedStatement p = lock.prepareStatement("SELECT pg_advisory_unlock(?, hashtext('migration'))")) {
        p.setInt(1, LOCK_SPACE);
        p.executeQuery().close();
      }
    }
  }

  /** This instance's id. */
  public String instance() {
    return instance;
  }

  private static boolean tryLock(Connection c, String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
      p.setInt(1, LOCK_SPACE);
      p.setString(2, name);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getBoolean(1);
      }
    }
  }

  /** Work on one pooled connection. */
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T read(String what, Work<T> work) {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} in one transaction: all of it is stored or none. */
  private <T> T write(String what, Work<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
    }
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
    return write("store " + events.size() + " events", c -> {
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
    write("store model " + name, c -> {
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
    read("read models", c -> {
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
  public Checkpoint checkpoint() {
    return read("read the checkpoint of " + instance, c -> {
      long position;
      long labelPosition;
      try (PreparedStatement p = c.prepareStatement(
          "SELECT log_position, label_position FROM checkpoint WHERE instance = ?")) {
        p.setString(1, instance);
        try (ResultSet r = p.executeQuery()) {
          if (!r.next()) {
            return Checkpoint.NONE;
          }
          position = r.getLong(1);
          labelPosition = r.getLong(2);
        }
      }
      List<Totals> totals = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT model, version, count, errors, last_ts FROM totals"
          + " WHERE instance = ? ORDER BY model, version")) {
        p.setString(1, instance);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            totals.add(new Totals(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4), r.getLong(5)));
          }
        }
      }
      List<Long> pending = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT seq FROM pending_labels WHERE instance = ? ORDER BY seq")) {
        p.setString(1, instance);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            pending.add(r.getLong(1));
          }
        }
      }
      return new Checkpoint(position, labelPosition, totals, pending);
    });
  }

  @Override
  public long lastPosition() {
    return single("read the log position", "SELECT coalesce(max(seq), 0) FROM events WHERE instance = ?");
  }

  @Override
  public long lastLabelPosition() {
    return single("read the label log position", "SELECT coalesce(max(seq), 0) FROM labels WHERE instance = ?");
  }

  private long single(String what, String sql) {
    return read(what, c -> {
      try (PreparedStatement p = c.prepareStatement(sql)) {
        p.setString(1, instance);
        try (ResultSet r = p.executeQuery()) {
          return r.next() ? r.getLong(1) : 0L;
        }
      }
    });
  }

  @Override
  public long replayAfter(long position, Consumer<StoredEvent> sink) {
    return stream("read the event log", "SELECT event_id, ts, body FROM events WHERE instance = ? AND seq > ?"
        + " ORDER BY seq", p -> {
          p.setString(1, instance);
          p.setLong(2, position);
        }, r -> sink.accept(new StoredEvent(r.getString(1), r.getLong(2), r.getBytes(3))));
  }

  /** Parameters of a statement. */
  private interface Binder {
    void bind(PreparedStatement p) throws SQLException;
  }

  /** A row of a result. */
  private interface Row {
    void accept(ResultSet r) throws SQLException;
  }

  /** Streams the rows in pages (a cursor needs a transaction), so a long log never sits in memory whole. */
  private long stream(String what, String sql, Binder binder, Row row) {
    return read(what, c -> {
      c.setAutoCommit(false);
      try (PreparedStatement p = c.prepareStatement(sql)) {
        p.setFetchSize(1000);
        binder.bind(p);
        long n = 0;
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            row.accept(r);
            n++;
          }
        }
        c.commit();
        return n;
      }
    });
  }

  /** The merge of every instance's part of the profile. */
  @Override
  public Optional<byte[]> profile(Key key) {
    List<byte[]> parts = new ArrayList<>(2);
    stream("read profile " + key, "SELECT body FROM profiles WHERE model = ? AND version = ? AND resolution = ?"
        + " AND bucket = ? ORDER BY instance", p -> bindKey(p, key), r -> parts.add(r.getBytes(1)));
    if (parts.size() < 2) {
      return parts.stream().findFirst();
    }
    WindowProfile merged = new WindowProfile();
    parts.forEach(b -> merged.merge(ProfileCodec.decodeWindow(b)));
    return Optional.of(ProfileCodec.encode(merged));
  }

  @Override
  public Optional<byte[]> ownProfile(Key key) {
    return read("read profile " + key, c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT body FROM profiles WHERE model = ? AND version = ?"
          + " AND resolution = ? AND bucket = ? AND instance = ?")) {
        bindKey(p, key);
        p.setString(5, instance);
        try (ResultSet r = p.executeQuery()) {
          return r.next() ? Optional.of(r.getBytes(1)) : Optional.<byte[]>empty();
        }
      }
    });
  }

  private static void bindKey(PreparedStatement p, Key key) throws SQLException {
    p.setString(1, key.model());
    p.setString(2, key.version());
    p.setString(3, key.resolution().code());
    p.setLong(4, key.bucket());
  }

  @Override
  public boolean shared() {
    return true;
  }

  @Override
  public List<Long> buckets(String model, String version, Resolution resolution, long fromBucket, long toBucket) {
    List<Long> out = new ArrayList<>();
    stream("list profiles of " + model + "/" + version, "SELECT DISTINCT bucket FROM profiles WHERE model = ?"
        + " AND version = ? AND resolution = ? AND bucket >= ? AND bucket < ? ORDER BY bucket", p -> {
          p.setString(1, model);
          p.setString(2, version);
          p.setString(3, resolution.code());
          p.setLong(4, fromBucket);
          p.setLong(5, toBucket);
        }, r -> out.add(r.getLong(1)));
    return out;
  }

  @Override
  public void series(BiConsumer<String, String> sink) {
    stream("list profiled model versions", "SELECT DISTINCT model, version FROM profiles WHERE resolution = 'd'",
        p -> { }, r -> sink.accept(r.getString(1), r.getString(2)));
  }

  @Override
  public void writeCheckpoint(Checkpoint checkpoint, Map<Key, byte[]> profiles) {
    writeCheckpoint(checkpoint, profiles, Map.of());
  }

  @Override
  public void writeCheckpoint(Checkpoint checkpoint, Map<Key, byte[]> profiles, Map<SourcePartition, Long> offsets) {
    long now = System.currentTimeMillis();
    write("write the checkpoint of " + instance + " at position " + checkpoint.position(), c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO profiles (model, version, resolution, bucket, body,"
          + " instance) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (model, version, resolution, bucket, instance)"
          + " DO UPDATE SET body = excluded.body")) {
        for (Map.Entry<Key, byte[]> e : profiles.entrySet()) {
          bindKey(p, e.getKey());
          p.setBytes(5, e.getValue());
          p.setString(6, instance);
          p.addBatch();
        }
        p.executeBatch();
      }
      try (PreparedStatement t = c.prepareStatement("INSERT INTO totals (instance, model, version, count, errors,"
          + " last_ts) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (instance, model, version) DO UPDATE SET"
          + " count = excluded.count, errors = excluded.errors, last_ts = excluded.last_ts")) {
        for (Totals x : checkpoint.totals()) {
          t.setString(1, instance);
          t.setString(2, x.model());
          t.setString(3, x.version());
          t.setLong(4, x.count());
          t.setLong(5, x.errors());
          t.setLong(6, x.lastMillis());
          t.addBatch();
        }
        t.executeBatch();
      }
      try (PreparedStatement clear = c.prepareStatement("DELETE FROM pending_labels WHERE instance = ?");
          PreparedStatement pending = c.prepareStatement("INSERT INTO pending_labels (instance, seq) VALUES (?, ?)")) {
        clear.setString(1, instance);
        clear.executeUpdate();
        for (long seq : checkpoint.pendingLabels()) {
          pending.setString(1, instance);
          pending.setLong(2, seq);
          pending.addBatch();
        }
        pending.executeBatch();
      }
      try (PreparedStatement o = c.prepareStatement("INSERT INTO kafka_offsets (topic, partition, next_offset,"
          + " instance, written_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (topic, partition) DO UPDATE SET"
          + " next_offset = excluded.next_offset, instance = excluded.instance, written_at = excluded.written_at")) {
        for (Map.Entry<SourcePartition, Long> e : offsets.entrySet()) {
          o.setString(1, e.getKey().topic());
          o.setInt(2, e.getKey().partition());
          o.setLong(3, e.getValue());
          o.setString(4, instance);
          o.setLong(5, now);
          o.addBatch();
        }
        o.executeBatch();
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO checkpoint (instance, log_position, label_position,"
          + " written_at) VALUES (?, ?, ?, ?) ON CONFLICT (instance) DO UPDATE SET log_position = excluded.log_position,"
          + " label_position = excluded.label_position, written_at = excluded.written_at")) {
        p.setString(1, instance);
        p.setLong(2, checkpoint.position());
        p.setLong(3, checkpoint.labelPosition());
        p.setLong(4, now);
        return p.executeUpdate();
      }
    });
  }

  @Override
  public Map<Integer, Long> offsets(String topic) {
    Map<Integer, Long> out = new HashMap<>();
    stream("read the offsets of " + topic, "SELECT partition, next_offset FROM kafka_offsets WHERE topic = ?",
        p -> p.setString(1, topic), r -> out.put(r.getInt(1), r.getLong(2)));
    return out;
  }

  @Override
  public boolean exclusively(String job, Runnable work) {
    try (Connection c = pool.getConnection()) {
      if (!tryLock(c, "job:" + job)) {
        return false;
      }
      try {
        work.run();
        return true;
      } finally {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
          p.setInt(1, LOCK_SPACE);
          p.setString(2, "job:" + job);
          p.executeQuery().close();
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot run " + job + " exclusively: " + e.getMessage(), e);
    }
  }

  @Override
  public int deleteProfilesBefore(Resolution resolution, long bucket) {
    return write("delete old profiles", c -> {
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
    return write("delete old events", c -> {
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
    return stream("read shadow pairs of " + model, "SELECT x.body, y.body FROM events x JOIN events y"
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
    return stream("read events of " + model + "/" + version, "SELECT body FROM events WHERE ts >= ? AND ts < ?"
        + " AND model = ? AND version = ? ORDER BY seq", p -> {
          p.setLong(1, fromMillis);
          p.setLong(2, toMillis);
          p.setString(3, model);
          p.setString(4, version);
        }, r -> sink.accept(r.getBytes(1)));
  }

  @Override
  public long[] appendLabels(List<LabelRow> rows) {
    return write("store " + rows.size() + " labels", c -> {
      long[] seqs = new long[rows.size()];
      try (PreparedStatement p = c.prepareStatement("INSERT INTO labels (model, event_id, ts, received, body,"
          + " instance) VALUES (?, ?, ?, ?, ?, ?) RETURNING seq")) {
        for (int i = 0; i < rows.size(); i++) {
          LabelRow r = rows.get(i);
          p.setString(1, r.model());
          p.setString(2, r.id());
          p.setLong(3, r.timestampMillis());
          p.setLong(4, r.receivedMillis());
          p.setBytes(5, r.body());
          p.setString(6, instance);
          try (ResultSet k = p.executeQuery()) {
            k.next();
            seqs[i] = k.getLong(1);
          }
        }
      }
      return seqs;
    });
  }

  @Override
  public Map<String, List<StoredPrediction>> predictions(String model, Collection<String> ids) {
    Map<String, List<StoredPrediction>> out = new HashMap<>();
    read("look up predictions of " + model, c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT version, event_id, ts, body FROM events"
          + " WHERE model = ? AND event_id = ANY (?) ORDER BY seq")) {
        p.setString(1, model);
        p.setArray(2, c.createArrayOf("text", ids.toArray()));
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.computeIfAbsent(r.getString(2), k -> new ArrayList<>())
                .add(new StoredPrediction(r.getString(1), r.getString(2), r.getLong(3), r.getBytes(4)));
          }
        }
        return null;
      }
    });
    return out;
  }

  @Override
  public Optional<StoredLabel> previousLabel(String model, String id, long seq) {
    List<StoredLabel> found = new ArrayList<>(1);
    stream("read labels of " + model + "/" + id, "SELECT seq, model, event_id, ts, received, body FROM labels"
        + " WHERE model = ? AND event_id = ? AND seq < ? ORDER BY seq DESC LIMIT 1", p -> {
          p.setString(1, model);
          p.setString(2, id);
          p.setLong(3, seq);
        }, r -> found.add(label(r)));
    return found.stream().findFirst();
  }

  @Override
  public long replayLabelsAfter(long position, Consumer<StoredLabel> sink) {
    return stream("read the label log", "SELECT seq, model, event_id, ts, received, body FROM labels"
        + " WHERE instance = ? AND seq > ? ORDER BY seq", p -> {
          p.setString(1, instance);
          p.setLong(2, position);
        }, r -> sink.accept(label(r)));
  }

  @Override
  public List<StoredLabel> labels(Collection<Long> seqs) {
    List<StoredLabel> out = new ArrayList<>();
    stream("read labels", "SELECT seq, model, event_id, ts, received, body FROM labels WHERE seq = ANY (?)"
        + " ORDER BY seq", p -> p.setArray(1, p.getConnection().createArrayOf("bigint", seqs.toArray())),
        r -> out.add(label(r)));
    return out;
  }

  private static StoredLabel label(ResultSet r) throws SQLException {
    return new StoredLabel(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4), r.getLong(5), r.getBytes(6));
  }

  @Override
  public long orphans(String model, long fromMillis, long toMillis) {
    List<Long> n = new ArrayList<>(1);
    stream("count orphaned labels of " + model, "SELECT count(*) FROM labels l WHERE l.model = ?"
        + " AND l.received >= ? AND l.received < ?"
        + " AND NOT EXISTS (SELECT 1 FROM labels n WHERE n.model = l.model AND n.event_id = l.event_id AND n.seq > l.seq)"
        + " AND NOT EXISTS (SELECT 1 FROM events e WHERE e.model = l.model AND e.event_id = l.event_id)", p -> {
          p.setString(1, model);
          p.setLong(2, fromMillis);
          p.setLong(3, toMillis);
        }, r -> n.add(r.getLong(1)));
    return n.get(0);
  }

  /** As {@link #deleteEventsBefore}: each instance's labels are bounded by its own checkpoint. */
  @Override
  public int deleteLabelsBefore(long receivedMillis, long position) {
    return write("delete old labels", c -> {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM labels l WHERE l.received < ? AND l.seq <="
          + " coalesce((SELECT k.label_position FROM checkpoint k WHERE k.instance = l.instance), 0)")) {
        p.setLong(1, receivedMillis);
        return p.executeUpdate();
      }
    });
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
