package io.vigil.server.storage;

import io.vigil.server.storage.LabelStore.LabelRow;
import io.vigil.server.storage.LabelStore.StoredLabel;
import io.vigil.server.storage.LabelStore.StoredPrediction;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The label log of {@link PostgresEventStore}: one table for all instances, each label naming the instance whose
 * log it is in (replayed by that instance after its checkpoint); lookups and joins see every instance's labels.
 */
final class PostgresLabels {

  private final PostgresAccess db;
  private final String instance;

  PostgresLabels(PostgresAccess db) {
    this.db = db;
    this.instance = db.instance();
  }

  long lastLabelPosition() {
    return db.single("read the label log position", "SELECT coalesce(max(seq), 0) FROM labels WHERE instance = ?");
  }

  long[] appendLabels(List<LabelRow> rows) {
    return appendLabels(rows, null);
  }

  /**
   * With {@code origins} (Kafka records) the labels are in no instance's log; a record stored before matches its
   * own row by origin, and the no-op update hands its position back.
   */
  long[] appendLabels(List<LabelRow> rows, List<String> origins) {
    return insert("labels", rows.size(), "INSERT INTO labels (model, event_id, ts, received, body, instance, origin)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)" + (origins == null ? "" : " ON CONFLICT (origin) DO UPDATE SET origin ="
        + " excluded.origin") + " RETURNING seq", (p, i) -> {
          LabelRow r = rows.get(i);
          bind(p, r.model(), r.id(), r.timestampMillis(), r.receivedMillis(), r.body(), origins, i);
        });
  }

  long[] appendOutcomes(List<LabelStore.OutcomeRow> rows) {
    return appendOutcomes(rows, null);
  }

  /**
   * An outcome already stored for (model, id, name) is a repeat (no row, position 0), unless it was stored from
   * the same Kafka record: consumed again after a crash, it gets its position back and is counted again.
   */
  long[] appendOutcomes(List<LabelStore.OutcomeRow> rows, List<String> origins) {
    return insert("outcomes", rows.size(), "INSERT INTO labels (model, event_id, ts, received, body, instance,"
        + " origin, kind, name) VALUES (?, ?, ?, ?, ?, ?, ?, 'o', ?)" + (origins == null ? " ON CONFLICT DO NOTHING"
        : " ON CONFLICT (model, event_id, name) WHERE kind = 'o' DO UPDATE SET origin = excluded.origin"
        + " WHERE labels.origin = excluded.origin") + " RETURNING seq", (p, i) -> {
          LabelStore.OutcomeRow r = rows.get(i);
          bind(p, r.model(), r.id(), r.timestampMillis(), r.receivedMillis(), r.body(), origins, i);
          p.setString(8, r.name());
        });
  }

  /** Binds the parameters of row {@code i}. */
  private interface RowBinder {
    void bind(PreparedStatement p, int i) throws SQLException;
  }

  /** Inserts {@code n} rows in one transaction; each row's position, 0 where the statement returned none. */
  private long[] insert(String what, int n, String sql, RowBinder binder) {
    return db.write("store " + n + " " + what, c -> {
      long[] seqs = new long[n];
      try (PreparedStatement p = c.prepareStatement(sql)) {
        for (int i = 0; i < n; i++) {
          binder.bind(p, i);
          try (ResultSet k = p.executeQuery()) {
            seqs[i] = k.next() ? k.getLong(1) : 0;
          }
        }
      }
      return seqs;
    });
  }

  private void bind(PreparedStatement p, String model, String id, long ts, long received, byte[] body,
      List<String> origins, int i) throws SQLException {
    p.setString(1, model);
    p.setString(2, id);
    p.setLong(3, ts);
    p.setLong(4, received);
    p.setBytes(5, body);
    p.setString(6, origins == null ? instance : null);   // Kafka's labels are in no instance's log
    p.setString(7, origins == null ? null : origins.get(i));
  }

  Map<String, StoredLabel> previousLabels(String model, Collection<String> ids, long seq) {
    Map<String, StoredLabel> out = new HashMap<>();
    db.stream("read labels of " + model, "SELECT DISTINCT ON (event_id) seq, model, event_id, ts, received, body, kind"
        + " FROM labels WHERE model = ? AND kind = 'l' AND seq < ? AND event_id = ANY (?) ORDER BY event_id, seq DESC",
        p -> {
          p.setString(1, model);
          p.setLong(2, seq);
          p.setArray(3, p.getConnection().createArrayOf("text", ids.toArray()));
        }, r -> {
          StoredLabel l = label(r);
          out.put(l.id(), l);
        });
    return out;
  }

  Map<String, List<StoredPrediction>> predictions(String model, Collection<String> ids) {
    Map<String, List<StoredPrediction>> out = new HashMap<>();
    db.read("look up predictions of " + model, c -> {
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

  Optional<StoredLabel> previousLabel(String model, String id, long seq) {
    List<StoredLabel> found = new ArrayList<>(1);
    db.stream("read labels of " + model + "/" + id, "SELECT seq, model, event_id, ts, received, body, kind FROM labels"
        + " WHERE model = ? AND event_id = ? AND seq < ? AND kind = 'l' ORDER BY seq DESC LIMIT 1", p -> {
          p.setString(1, model);
          p.setString(2, id);
          p.setLong(3, seq);
        }, r -> found.add(label(r)));
    return found.stream().findFirst();
  }

  long replayLabelsAfter(long position, Consumer<StoredLabel> sink) {
    return db.stream("read the label log", "SELECT seq, model, event_id, ts, received, body, kind FROM labels"
        + " WHERE instance = ? AND seq > ? ORDER BY seq", p -> {
          p.setString(1, instance);
          p.setLong(2, position);
        }, r -> sink.accept(label(r)));
  }

  List<StoredLabel> labels(Collection<Long> seqs) {
    List<StoredLabel> out = new ArrayList<>();
    db.stream("read labels", "SELECT seq, model, event_id, ts, received, body, kind FROM labels WHERE seq = ANY (?)"
        + " ORDER BY seq", p -> p.setArray(1, p.getConnection().createArrayOf("bigint", seqs.toArray())),
        r -> out.add(label(r)));
    return out;
  }

  private static StoredLabel label(ResultSet r) throws SQLException {
    return new StoredLabel(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4), r.getLong(5), r.getBytes(6),
        "o".equals(r.getString(7)));
  }

  void markOrphaned(Collection<Long> seqs) {
    db.write("mark " + seqs.size() + " labels orphaned", c -> {
      try (PreparedStatement p = c.prepareStatement("UPDATE labels SET orphaned = TRUE WHERE seq = ?")) {
        for (long seq : seqs) {
          p.setLong(1, seq);
          p.addBatch();
        }
        p.executeBatch();
      }
      return null;
    });
  }

  long orphans(String model, long fromMillis, long toMillis) {
    List<Long> n = new ArrayList<>(1);
    db.stream("count orphaned labels of " + model, "SELECT count(*) FROM labels l WHERE l.model = ? AND l.orphaned"
        + " AND l.received >= ? AND l.received < ?"
        + " AND NOT EXISTS (SELECT 1 FROM labels n WHERE n.model = l.model AND n.event_id = l.event_id AND n.seq > l.seq"
        + " AND n.kind = 'l')", p -> {
          p.setString(1, model);
          p.setLong(2, fromMillis);
          p.setLong(3, toMillis);
        }, r -> n.add(r.getLong(1)));
    return n.get(0);
  }

  /**
   * As {@code deleteEventsBefore}: each instance's labels are bounded by its own checkpoint; those read from Kafka
   * are in no instance's log and only their age counts.
   */
  int deleteLabelsBefore(long receivedMillis, long position) {
    return db.write("delete old labels", c -> {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM labels l WHERE l.received < ? AND (l.instance IS NULL"
          + " OR l.seq <= coalesce((SELECT k.label_position FROM checkpoint k WHERE k.instance = l.instance), 0))")) {
        p.setLong(1, receivedMillis);
        return p.executeUpdate();
      }
    });
  }
}
