package io.vigil.server.storage;

import io.vigil.profile.ProfileCodec;
import io.vigil.profile.WindowProfile;
import io.vigil.server.storage.ProfileStore.Checkpoint;
import io.vigil.server.storage.ProfileStore.Key;
import io.vigil.server.storage.ProfileStore.Resolution;
import io.vigil.server.storage.ProfileStore.SourcePartition;
import io.vigil.server.storage.ProfileStore.Totals;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Each instance's checkpoint in the shared database: its position in its own event and label logs, its totals,
 * its waiting labels, its partial profiles, and the Kafka offsets its profiles include, written in one
 * transaction; and the profiles read back, merged over the instances or this one's own.
 */
final class PostgresCheckpoints {

  private final PostgresAccess db;
  private final String instance;

  PostgresCheckpoints(PostgresAccess db) {
    this.db = db;
    this.instance = db.instance();
  }

  Checkpoint read() {
    return db.read("read the checkpoint of " + instance, c -> {
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
      try (PreparedStatement p = c.prepareStatement("SELECT model, version, count, errors, last_ts, labels FROM totals"
          + " WHERE instance = ? ORDER BY model, version")) {
        p.setString(1, instance);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            totals.add(new Totals(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4), r.getLong(5),
                r.getLong(6)));
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

  void write(Checkpoint checkpoint, Map<Key, byte[]> profiles, Map<SourcePartition, Long> offsets) {
    long now = System.currentTimeMillis();
    db.write("write the checkpoint of " + instance + " at position " + checkpoint.position(), c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO profiles (model, version, resolution, bucket, body,"
          + " instance) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (model, version, resolution, bucket, instance)"
          + " DO UPDATE SET body = excluded.body")) {
        for (Map.Entry<Key, byte[]> e : profiles.entrySet()) {
          PostgresAccess.bindKey(p, e.getKey());
          p.setBytes(5, e.getValue());
          p.setString(6, instance);
          p.addBatch();
        }
        p.executeBatch();
      }
      try (PreparedStatement t = c.prepareStatement("INSERT INTO totals (instance, model, version, count, errors,"
          + " last_ts, labels) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (instance, model, version) DO UPDATE SET"
          + " count = excluded.count, errors = excluded.errors, last_ts = excluded.last_ts, labels = excluded.labels")) {
        for (Totals x : checkpoint.totals()) {
          t.setString(1, instance);
          t.setString(2, x.model());
          t.setString(3, x.version());
          t.setLong(4, x.count());
          t.setLong(5, x.errors());
          t.setLong(6, x.lastMillis());
          t.setLong(7, x.labels());
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

  /** The merge of every instance's part of the profile. */
  Optional<byte[]> profile(Key key) {
    List<byte[]> parts = new ArrayList<>(2);
    db.stream("read profile " + key, "SELECT body FROM profiles WHERE model = ? AND version = ? AND resolution = ?"
        + " AND bucket = ? ORDER BY instance", p -> PostgresAccess.bindKey(p, key), r -> parts.add(r.getBytes(1)));
    if (parts.size() < 2) {
      return parts.stream().findFirst();
    }
    WindowProfile merged = new WindowProfile();
    parts.forEach(b -> merged.merge(ProfileCodec.decodeWindow(b)));
    return Optional.of(ProfileCodec.encode(merged));
  }

  Optional<byte[]> ownProfile(Key key) {
    return db.read("read profile " + key, c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT body FROM profiles WHERE model = ? AND version = ?"
          + " AND resolution = ? AND bucket = ? AND instance = ?")) {
        PostgresAccess.bindKey(p, key);
        p.setString(5, instance);
        try (ResultSet r = p.executeQuery()) {
          return r.next() ? Optional.of(r.getBytes(1)) : Optional.<byte[]>empty();
        }
      }
    });
  }

  List<Long> buckets(String model, String version, Resolution resolution, long fromBucket, long toBucket) {
    List<Long> out = new ArrayList<>();
    db.stream("list profiles of " + model + "/" + version, "SELECT DISTINCT bucket FROM profiles WHERE model = ?"
        + " AND version = ? AND resolution = ? AND bucket >= ? AND bucket < ? ORDER BY bucket", p -> {
          p.setString(1, model);
          p.setString(2, version);
          p.setString(3, resolution.code());
          p.setLong(4, fromBucket);
          p.setLong(5, toBucket);
        }, r -> out.add(r.getLong(1)));
    return out;
  }

  void series(BiConsumer<String, String> sink) {
    db.stream("list profiled model versions", "SELECT DISTINCT model, version FROM profiles WHERE resolution = 'd'",
        p -> { }, r -> sink.accept(r.getString(1), r.getString(2)));
  }
}
