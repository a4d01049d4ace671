package io.vigil.server.storage;

import io.vigil.server.storage.ProfileStore.Checkpoint;
import io.vigil.server.storage.ProfileStore.Key;
import io.vigil.server.storage.ProfileStore.Resolution;
import io.vigil.server.storage.ProfileStore.Totals;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The profile side of {@link SqliteEventStore}: stored profiles by (model, version, resolution, bucket), and the
 * checkpoint that records which log positions they include, with the totals and the labels still waiting. Reads
 * use the reader connection under its lock; {@link #writeCheckpoint} uses the writer, and the store calls it under
 * its own lock, as it does for {@link SqliteLabels}.
 */
final class SqliteProfiles {

  private final Connection writer;
  private final Connection reader;
  private final Runnable rollback;

  SqliteProfiles(Connection writer, Connection reader, Runnable rollback) {
    this.writer = writer;
    this.reader = reader;
    this.rollback = rollback;
  }

  Checkpoint checkpoint() {
    synchronized (reader) {
      try (Statement s = reader.createStatement();
          ResultSet r = s.executeQuery("SELECT log_position, label_position FROM checkpoint WHERE id = 1")) {
        if (!r.next()) {
          return Checkpoint.NONE;
        }
        long position = r.getLong(1);
        long labelPosition = r.getLong(2);
        List<Totals> totals = new ArrayList<>();
        try (ResultSet t = s.executeQuery("SELECT model, version, count, errors, last_ts, labels FROM totals"
            + " ORDER BY model, version")) {
          while (t.next()) {
            totals.add(new Totals(t.getString(1), t.getString(2), t.getLong(3), t.getLong(4), t.getLong(5),
                t.getLong(6)));
          }
        }
        List<Long> pending = new ArrayList<>();
        try (ResultSet t = s.executeQuery("SELECT seq FROM pending_labels ORDER BY seq")) {
          while (t.next()) {
            pending.add(t.getLong(1));
          }
        }
        return new Checkpoint(position, labelPosition, totals, pending);
      } catch (SQLException e) {
        throw new StoreException("cannot read the checkpoint: " + e.getMessage(), e);
      }
    }
  }

  Optional<byte[]> profile(Key key) {
    synchronized (reader) {
      try (PreparedStatement p = reader.prepareStatement(
          "SELECT body FROM profiles WHERE model = ? AND version = ? AND resolution = ? AND bucket = ?")) {
        p.setString(1, key.model());
        p.setString(2, key.version());
        p.setString(3, key.resolution().code());
        p.setLong(4, key.bucket());
        try (ResultSet r = p.executeQuery()) {
          return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
        }
      } catch (SQLException e) {
        throw new StoreException("cannot read profile " + key + ": " + e.getMessage(), e);
      }
    }
  }

  List<Long> buckets(String model, String version, Resolution resolution, long fromBucket, long toBucket) {
    synchronized (reader) {
      try (PreparedStatement p = reader.prepareStatement("SELECT bucket FROM profiles WHERE model = ? AND version = ?"
          + " AND resolution = ? AND bucket >= ? AND bucket < ? ORDER BY bucket")) {
        p.setString(1, model);
        p.setString(2, version);
        p.setString(3, resolution.code());
        p.setLong(4, fromBucket);
        p.setLong(5, toBucket);
        List<Long> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.add(r.getLong(1));
          }
        }
        return out;
      } catch (SQLException e) {
        throw new StoreException("cannot list profiles of " + model + "/" + version + ": " + e.getMessage(), e);
      }
    }
  }

  void series(BiConsumer<String, String> sink) {
    synchronized (reader) {
      try (Statement s = reader.createStatement();
          ResultSet r = s.executeQuery("SELECT DISTINCT model, version FROM profiles WHERE resolution = 'd'")) {
        while (r.next()) {
          sink.accept(r.getString(1), r.getString(2));
        }
      } catch (SQLException e) {
        throw new StoreException("cannot list profiled model versions: " + e.getMessage(), e);
      }
    }
  }

  void writeCheckpoint(Checkpoint checkpoint, Map<Key, byte[]> profiles) {
    try (PreparedStatement p = writer.prepareStatement("INSERT INTO profiles (model, version, resolution, bucket,"
            + " body) VALUES (?, ?, ?, ?, ?) ON CONFLICT (model, version, resolution, bucket) DO UPDATE SET body = excluded.body");
        PreparedStatement t = writer.prepareStatement("INSERT INTO totals (model, version, count, errors, last_ts,"
            + " labels) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (model, version) DO UPDATE SET count = excluded.count,"
            + " errors = excluded.errors, last_ts = excluded.last_ts, labels = excluded.labels");
        PreparedStatement c = writer.prepareStatement("INSERT INTO checkpoint (id, log_position, written_at,"
            + " label_position) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET log_position = excluded.log_position,"
            + " written_at = excluded.written_at, label_position = excluded.label_position");
        Statement clear = writer.createStatement();
        PreparedStatement pending = writer.prepareStatement("INSERT INTO pending_labels (seq) VALUES (?)")) {
      for (Map.Entry<Key, byte[]> e : profiles.entrySet()) {
        Key k = e.getKey();
        p.setString(1, k.model());
        p.setString(2, k.version());
        p.setString(3, k.resolution().code());
        p.setLong(4, k.bucket());
        p.setBytes(5, e.getValue());
        p.addBatch();
      }
      p.executeBatch();
      for (Totals x : checkpoint.totals()) {
        t.setString(1, x.model());
        t.setString(2, x.version());
        t.setLong(3, x.count());
        t.setLong(4, x.errors());
        t.setLong(5, x.lastMillis());
        t.setLong(6, x.labels());
        t.addBatch();
      }
      t.executeBatch();
      clear.executeUpdate("DELETE FROM pending_labels");
      for (long seq : checkpoint.pendingLabels()) {
        pending.setLong(1, seq);
        pending.addBatch();
      }
      pending.executeBatch();
      c.setLong(1, checkpoint.position());
      c.setLong(2, System.currentTimeMillis());
      c.setLong(3, checkpoint.labelPosition());
      c.executeUpdate();
      writer.commit();
    } catch (SQLException e) {
      rollback.run();
      throw new StoreException("cannot write the checkpoint at position " + checkpoint.position() + ": "
          + e.getMessage(), e);
    }
  }
}
