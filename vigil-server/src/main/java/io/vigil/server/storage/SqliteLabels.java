package io.vigil.server.storage;

import io.vigil.server.storage.LabelStore.LabelRow;
import io.vigil.server.storage.LabelStore.OutcomeRow;
import io.vigil.server.storage.LabelStore.StoredLabel;
import io.vigil.server.storage.LabelStore.StoredPrediction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The label and outcome log of {@link SqliteEventStore} (table {@code labels}), and the look-ups of stored
 * predictions that the label join needs. Writes go through the store's writer connection (the store holds its lock
 * and passes its rollback); reads use its reader connection, under that connection's lock.
 */
final class SqliteLabels {

  private final Connection writer;
  private final Connection reader;
  private final Runnable rollback;

  SqliteLabels(Connection writer, Connection reader, Runnable rollback) {
    this.writer = writer;
    this.reader = reader;
    this.rollback = rollback;
  }

  long[] appendLabels(List<LabelRow> rows) {
    try (PreparedStatement p = writer.prepareStatement("INSERT INTO labels (model, event_id, ts, received, body)"
        + " VALUES (?, ?, ?, ?, ?)")) {
      for (LabelRow r : rows) {
        p.setString(1, r.model());
        p.setString(2, r.id());
        p.setLong(3, r.timestampMillis());
        p.setLong(4, r.receivedMillis());
        p.setBytes(5, r.body());
        p.addBatch();
      }
      p.executeBatch();
      long last;
      try (Statement s = writer.createStatement(); ResultSet k = s.executeQuery("SELECT last_insert_rowid()")) {
        last = k.getLong(1);
      }
      writer.commit();
      // one writer, one transaction: the rows took consecutive positions ending at the last one
      long[] seqs = new long[rows.size()];
      for (int i = 0; i < seqs.length; i++) {
        seqs[i] = last - seqs.length + 1 + i;
      }
      return seqs;
    } catch (SQLException e) {
      rollback.run();
      throw new StoreException("cannot store " + rows.size() + " labels: " + e.getMessage(), e);
    }
  }

  long[] appendOutcomes(List<OutcomeRow> rows) {
    try (PreparedStatement p = writer.prepareStatement("INSERT OR IGNORE INTO labels (model, event_id, ts, received,"
        + " body, kind, name) VALUES (?, ?, ?, ?, ?, 'o', ?)")) {
      long[] seqs = new long[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        OutcomeRow r = rows.get(i);
        p.setString(1, r.model());
        p.setString(2, r.id());
        p.setLong(3, r.timestampMillis());
        p.setLong(4, r.receivedMillis());
        p.setBytes(5, r.body());
        p.setString(6, r.name());
        if (p.executeUpdate() == 1) {
          try (ResultSet k = writer.createStatement().executeQuery("SELECT last_insert_rowid()")) {
            seqs[i] = k.getLong(1);
          }
        }
      }
      writer.commit();
      return seqs;
    } catch (SQLException e) {
      rollback.run();
      throw new StoreException("cannot store " + rows.size() + " outcomes: " + e.getMessage(), e);
    }
  }

  /**
   * The versions of model {@code ?1}, one index seek each (SQLite does not skip through an index for {@code
   * DISTINCT}: that would read every entry of the model), so that ids are looked up in the unique index on
   * (model, version, event_id), the only one by id.
   */
  private static final String MODEL_VERSIONS = "WITH RECURSIVE v(version) AS ("
      + "SELECT min(version) FROM events WHERE model = ?1 UNION ALL SELECT (SELECT min(version) FROM events"
      + " WHERE model = ?1 AND version > v.version) FROM v WHERE v.version IS NOT NULL) ";

  Map<String, List<StoredPrediction>> predictions(String model, java.util.Collection<String> ids) {
    Map<String, List<StoredPrediction>> out = new java.util.HashMap<>();
    inChunks(ids, MODEL_VERSIONS + "SELECT version, event_id, ts, body FROM events WHERE model = ?1"
        + " AND version IN (SELECT version FROM v WHERE version IS NOT NULL) AND event_id IN (%s) ORDER BY seq",
        p -> p.setString(1, model), 2, (p, next) -> { }, r -> out.computeIfAbsent(r.getString(2), k -> new ArrayList<>())
            .add(new StoredPrediction(r.getString(1), r.getString(2), r.getLong(3), r.getBytes(4))),
        "cannot look up predictions of " + model);
    return out;
  }

  /** Binds a statement's parameters. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement p) throws SQLException;
  }

  /** Binds the parameters after the ids, from position {@code next}. */
  @FunctionalInterface
  private interface TailBinder {
    void bind(PreparedStatement p, int next) throws SQLException;
  }

  /** Reads one row. */
  @FunctionalInterface
  private interface RowReader {
    void read(ResultSet r) throws SQLException;
  }

  /**
   * Runs {@code sql} (whose {@code %s} takes the id placeholders) on the reader connection for the ids, 500 at a
   * time: head parameters first, the ids from position {@code firstId}, then the tail.
   */
  private void inChunks(java.util.Collection<String> ids, String sql, Binder head, int firstId, TailBinder tail,
      RowReader rows, String failure) {
    List<String> all = new ArrayList<>(new java.util.LinkedHashSet<>(ids));
    synchronized (reader) {
      try {
        for (int from = 0; from < all.size(); from += 500) {
          List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
          try (PreparedStatement p = reader.prepareStatement(String.format(sql,
              String.join(",", java.util.Collections.nCopies(chunk.size(), "?"))))) {
            head.bind(p);
            for (int i = 0; i < chunk.size(); i++) {
              p.setString(firstId + i, chunk.get(i));
            }
            tail.bind(p, firstId + chunk.size());
            try (ResultSet r = p.executeQuery()) {
              while (r.next()) {
                rows.read(r);
              }
            }
          }
        }
      } catch (SQLException e) {
        throw new StoreException(failure + ": " + e.getMessage(), e);
      }
    }
  }

  Optional<StoredLabel> previousLabel(String model, String id, long seq) {
    synchronized (reader) {
      try (PreparedStatement p = reader.prepareStatement("SELECT seq, ts, received, body FROM labels"
          + " WHERE model = ? AND event_id = ? AND seq < ? AND kind = 'l' ORDER BY seq DESC LIMIT 1")) {
        p.setString(1, model);
        p.setString(2, id);
        p.setLong(3, seq);
        try (ResultSet r = p.executeQuery()) {
          return r.next() ? Optional.of(new StoredLabel(r.getLong(1), model, id, r.getLong(2), r.getLong(3),
              r.getBytes(4), false)) : Optional.empty();
        }
      } catch (SQLException e) {
        throw new StoreException("cannot read labels of " + model + "/" + id + ": " + e.getMessage(), e);
      }
    }
  }

  Map<String, StoredLabel> previousLabels(String model, java.util.Collection<String> ids, long seq) {
    Map<String, StoredLabel> out = new java.util.HashMap<>();
    inChunks(ids, "SELECT seq, event_id, ts, received, body FROM labels l WHERE model = ? AND kind = 'l' AND seq < ?"
        + " AND event_id IN (%s) AND seq = (SELECT max(seq) FROM labels n WHERE n.model = l.model"
        + " AND n.event_id = l.event_id AND n.kind = 'l' AND n.seq < ?)",
        p -> {
          p.setString(1, model);
          p.setLong(2, seq);
        }, 3, (p, next) -> p.setLong(next, seq),
        r -> out.put(r.getString(2), new StoredLabel(r.getLong(1), model, r.getString(2), r.getLong(3), r.getLong(4),
            r.getBytes(5), false)),
        "cannot read labels of " + model);
    return out;
  }

  long lastLabelPosition() {
    synchronized (reader) {
      try (Statement s = reader.createStatement(); ResultSet r = s.executeQuery("SELECT max(seq) FROM labels")) {   // outcomes too
        return r.next() ? r.getLong(1) : 0;
      } catch (SQLException e) {
        throw new StoreException("cannot read the label log position: " + e.getMessage(), e);
      }
    }
  }

  long replayLabelsAfter(long position, Consumer<StoredLabel> sink) {
    synchronized (reader) {
      long n = 0;
      try (PreparedStatement p = reader.prepareStatement("SELECT seq, model, event_id, ts, received, body, kind FROM labels"
          + " WHERE seq > ? ORDER BY seq")) {
        p.setLong(1, position);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            sink.accept(label(r));
            n++;
          }
        }
        return n;
      } catch (SQLException e) {
        throw new StoreException("cannot read the label log: " + e.getMessage(), e);
      }
    }
  }

  private static StoredLabel label(ResultSet r) throws SQLException {
    return new StoredLabel(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4), r.getLong(5), r.getBytes(6),
        "o".equals(r.getString(7)));
  }

  List<StoredLabel> labels(java.util.Collection<Long> seqs) {
    List<StoredLabel> out = new ArrayList<>();
    synchronized (reader) {
      try (PreparedStatement p = reader.prepareStatement("SELECT seq, model, event_id, ts, received, body, kind FROM labels"
          + " WHERE seq = ?")) {
        for (long seq : seqs) {
          p.setLong(1, seq);
          try (ResultSet r = p.executeQuery()) {
            if (r.next()) {
              out.add(label(r));
            }
          }
        }
        return out;
      } catch (SQLException e) {
        throw new StoreException("cannot read labels: " + e.getMessage(), e);
      }
    }
  }

  void markOrphaned(Collection<Long> seqs) {
    try (PreparedStatement p = writer.prepareStatement("UPDATE labels SET orphaned = 1 WHERE seq = ?")) {
      for (long seq : seqs) {
        p.setLong(1, seq);
        p.addBatch();
      }
      p.executeBatch();
      writer.commit();
    } catch (SQLException e) {
      rollback.run();
      throw new StoreException("cannot mark " + seqs.size() + " labels orphaned: " + e.getMessage(), e);
    }
  }

  long orphans(String model, long fromMillis, long toMillis) {
    synchronized (reader) {
      try (PreparedStatement p = reader.prepareStatement("SELECT count(*) FROM labels l WHERE l.model = ?"
          + " AND l.orphaned = 1 AND l.received >= ? AND l.received < ?"
          + " AND NOT EXISTS (SELECT 1 FROM labels n WHERE n.model = l.model AND n.event_id = l.event_id AND n.seq > l.seq"
          + " AND n.kind = 'l')")) {
        p.setString(1, model);
        p.setLong(2, fromMillis);
        p.setLong(3, toMillis);
        try (ResultSet r = p.executeQuery()) {
          return r.next() ? r.getLong(1) : 0;
        }
      } catch (SQLException e) {
        throw new StoreException("cannot count orphaned labels of " + model + ": " + e.getMessage(), e);
      }
    }
  }
}
