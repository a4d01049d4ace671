package io.vigil.server.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.server.storage.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SQL both alert stores share: the same two tables (SQLite migration V3, PostgreSQL V7, times in epoch
 * milliseconds) read and written with the same statements; a subclass supplies the connection and its dialect's
 * upsert. Writes are rare (state changes and value updates of active alerts, once per evaluation), so each is its
 * own statement.
 */
abstract class JdbcAlertStore implements AlertStore {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final String COLUMNS = "id, rule, model, version, severity, state, value, threshold, active_at,"
      + " starts_at, ends_at, summary, last_notified_at";
  static final String SILENCE_COLUMNS = "id, matchers, starts_at, ends_at, comment, created_at";

  /** Work on a connection. */
  interface Work<T> {
    T run(Connection c) throws SQLException, JsonProcessingException;
  }

  /** Runs {@code work} on a connection; any failure becomes a {@link StoreException} saying what failed. */
  abstract <T> T use(String what, Work<T> work);

  /** The dialect's "insert or replace" of one alert, with {@link #COLUMNS} as its 13 parameters. */
  abstract String upsertAlert();

  /** The dialect's "insert or replace" of one silence, with {@link #SILENCE_COLUMNS} as its 6 parameters. */
  abstract String upsertSilence();

  @Override
  public void save(AlertRecord a) {
    use("store alert " + a.id(), c -> {
      try (PreparedStatement p = c.prepareStatement(upsertAlert())) {
        p.setString(1, a.id());
        p.setString(2, a.rule());
        p.setString(3, a.model());
        p.setString(4, a.version());
        p.setString(5, a.severity().id());
        p.setString(6, a.state().id());
        if (Double.isFinite(a.value())) {
          p.setDouble(7, a.value());
        } else {
          p.setNull(7, Types.DOUBLE);
        }
        p.setDouble(8, a.threshold());
        p.setLong(9, a.activeAt().toEpochMilli());
        p.setLong(10, a.startsAt().toEpochMilli());
        setInstant(p, 11, a.endsAt());
        p.setString(12, a.summary());
        setInstant(p, 13, a.lastNotifiedAt());
        return p.executeUpdate();
      }
    });
  }

  @Override
  public void delete(String id) {
    use("delete alert " + id, c -> {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM alerts WHERE id = ?")) {
        p.setString(1, id);
        return p.executeUpdate();
      }
    });
  }

  @Override
  public List<AlertRecord> active() {
    return query("SELECT " + COLUMNS + " FROM alerts WHERE state IN ('pending', 'firing') ORDER BY starts_at",
        List.of());
  }

  @Override
  public List<AlertRecord> find(AlertState state, String model, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alerts WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (state != null) {
      sql.append(" AND state = ?");
      args.add(state.id());
    }
    if (model != null) {
      sql.append(" AND model = ?");
      args.add(model);
    }
    sql.append(" ORDER BY starts_at DESC, id LIMIT ?");
    args.add(limit);
    return query(sql.toString(), args);
  }

  private List<AlertRecord> query(String sql, List<Object> args) {
    return use("read alerts", c -> {
      try (PreparedStatement p = c.prepareStatement(sql)) {
        for (int i = 0; i < args.size(); i++) {
          p.setObject(i + 1, args.get(i));
        }
        List<AlertRecord> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            double value = r.getDouble(7);
            if (r.wasNull()) {
              value = Double.NaN;
            }
            out.add(new AlertRecord(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                Severity.parse(r.getString(5)), AlertState.parse(r.getString(6)), value, r.getDouble(8),
                instant(r, 9), instant(r, 10), instant(r, 11), r.getString(12), instant(r, 13)));
          }
        }
        return out;
      }
    });
  }

  @Override
  public void saveSilence(Silence s) {
    use("store silence " + s.id(), c -> {
      try (PreparedStatement p = c.prepareStatement(upsertSilence())) {
        p.setString(1, s.id());
        p.setString(2, JSON.writeValueAsString(s.matchers()));
        p.setLong(3, s.startsAt().toEpochMilli());
        p.setLong(4, s.endsAt().toEpochMilli());
        p.setString(5, s.comment());
        p.setLong(6, s.createdAt().toEpochMilli());
        return p.executeUpdate();
      }
    });
  }

  @Override
  public boolean deleteSilence(String id) {
    return use("delete silence " + id, c -> {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM silences WHERE id = ?")) {
        p.setString(1, id);
        return p.executeUpdate() > 0;
      }
    });
  }

  @Override
  public List<Silence> silences() {
    return use("read silences", c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT " + SILENCE_COLUMNS
          + " FROM silences ORDER BY created_at DESC, id"); ResultSet r = p.executeQuery()) {
        List<Silence> out = new ArrayList<>();
        while (r.next()) {
          Map<String, String> matchers = JSON.readValue(r.getString(2), new TypeReference<Map<String, String>>() {});
          out.add(new Silence(r.getString(1), matchers, instant(r, 3), instant(r, 4), r.getString(5), instant(r, 6)));
        }
        return out;
      }
    });
  }

  /** Runs {@code work}, turning its failures into a {@link StoreException} saying what failed. */
  static <T> T run(String what, Connection c, Work<T> work) {
    try {
      return work.run(c);
    } catch (SQLException | JsonProcessingException e) {
      throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  private static void setInstant(PreparedStatement p, int index, Instant t) throws SQLException {
    if (t == null) {
      p.setNull(index, Types.BIGINT);
    } else {
      p.setLong(index, t.toEpochMilli());
    }
  }

  private static Instant instant(ResultSet r, int index) throws SQLException {
    long v = r.getLong(index);
    return r.wasNull() ? null : Instant.ofEpochMilli(v);
  }
}
