package io.vigil.server.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.server.storage.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * {@link AlertStore} in the embedded SQLite file ({@code dataDir/vigil.db}, tables of migration V3), on a
 * connection of its own beside the event store's; WAL mode lets both work, and {@code busy_timeout} makes one
 * wait while the other commits. Writes are rare (state changes and value updates of active alerts, once per
 * evaluation), so each is its own transaction.
 *
 * <pre>{@code
 * AlertStore store = SqliteAlertStore.open(dataDir);
 * }</pre>
 */
public final class SqliteAlertStore implements AlertStore {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS = "id, rule, model, version, severity, state, value, threshold, active_at,"
      + " starts_at, ends_at, summary, last_notified_at";

  private final Connection connection;

  private SqliteAlertStore(Connection connection) {
    this.connection = connection;
  }

  /** Opens {@code dataDir/vigil.db}, migrating it when needed (the event store may have done so already). */
  public static SqliteAlertStore open(Path dataDir) {
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
      return new SqliteAlertStore(c);
    } catch (SQLException e) {
      throw new StoreException("cannot open " + url + " for alerts: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void save(AlertRecord a) {
    try (PreparedStatement p = connection.prepareStatement("INSERT OR REPLACE INTO alerts (" + COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      p.setString(1, a.id());
      p.setString(2, a.rule());
      p.setString(3, a.model());
      p.setString(4, a.version());
      p.setString(5, a.severity().id());
      p.setString(6, a.state().id());
      if (Double.isFinite(a.value())) {
        p.setDouble(7, a.value());
      } else {
        p.setNull(7, Types.REAL);
      }
      p.setDouble(8, a.threshold());
      p.setLong(9, a.activeAt().toEpochMilli());
      p.setLong(10, a.startsAt().toEpochMilli());
      setInstant(p, 11, a.endsAt());
      p.setString(12, a.summary());
      setInstant(p, 13, a.lastNotifiedAt());
      p.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot store alert " + a.id() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void delete(String id) {
    try (PreparedStatement p = connection.prepareStatement("DELETE FROM alerts WHERE id = ?")) {
      p.setString(1, id);
      p.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot delete alert " + id + ": " + e.getMessage(), e);
    }
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

  private synchronized List<AlertRecord> query(String sql, List<Object> args) {
    try (PreparedStatement p = connection.prepareStatement(sql)) {
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
    } catch (SQLException e) {
      throw new StoreException("cannot read alerts: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void saveSilence(Silence s) {
    try (PreparedStatement p = connection.prepareStatement(
        "INSERT OR REPLACE INTO silences (id, matchers, starts_at, ends_at, comment, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      p.setString(1, s.id());
      p.setString(2, JSON.writeValueAsString(s.matchers()));
      p.setLong(3, s.startsAt().toEpochMilli());
      p.setLong(4, s.endsAt().toEpochMilli());
      p.setString(5, s.comment());
      p.setLong(6, s.createdAt().toEpochMilli());
      p.executeUpdate();
    } catch (SQLException | JsonProcessingException e) {
      throw new StoreException("cannot store silence " + s.id() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized boolean deleteSilence(String id) {
    try (PreparedStatement p = connection.prepareStatement("DELETE FROM silences WHERE id = ?")) {
      p.setString(1, id);
      return p.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new StoreException("cannot delete silence " + id + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized List<Silence> silences() {
    try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(
        "SELECT id, matchers, starts_at, ends_at, comment, created_at FROM silences ORDER BY created_at DESC, id")) {
      List<Silence> out = new ArrayList<>();
      while (r.next()) {
        Map<String, String> matchers = JSON.readValue(r.getString(2), new TypeReference<Map<String, String>>() {});
        out.add(new Silence(r.getString(1), matchers, instant(r, 3), instant(r, 4), r.getString(5), instant(r, 6)));
      }
      return out;
    } catch (SQLException | JsonProcessingException e) {
      throw new StoreException("cannot read silences: " + e.getMessage(), e);
    }
  }

  private static void setInstant(PreparedStatement p, int index, Instant t) throws SQLException {
    if (t == null) {
      p.setNull(index, Types.INTEGER);
    } else {
      p.setLong(index, t.toEpochMilli());
    }
  }

  private static Instant instant(ResultSet r, int index) throws SQLException {
    long v = r.getLong(index);
    return r.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the alert store: " + e.getMessage(), e);
    }
  }
}
