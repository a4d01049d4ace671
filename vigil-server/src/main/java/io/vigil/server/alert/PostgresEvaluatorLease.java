package io.vigil.server.alert;

import io.vigil.server.storage.PostgresLocation;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert evaluator's lease as a PostgreSQL session advisory lock, on a connection of its own named after the
 * instance ({@code application_name} {@code vigil:ID}). {@link #hold()} (once per evaluation) checks that the lock
 * is still this session's and otherwise tries to take it without waiting. When the holder dies ({@code kill -9},
 * a lost machine) its session ends and PostgreSQL releases the lock, so another instance takes over at its next
 * evaluation; {@link #holder()} reads who holds it from {@code pg_locks}, live.
 *
 * <pre>{@code
 * try (EvaluatorLease lease = PostgresEvaluatorLease.open(url, "vigil-2")) {
 *   boolean evaluate = lease.hold();
 * }
 * }</pre>
 *
 * <p>Failure behaviour: a session that PostgreSQL ends while its instance lives on (a network cut longer than the
 * TCP timeouts) loses the lock at once, but its instance only notices at its next {@code hold()}; another may
 * have taken over in between, so around such a cut one notification can be sent twice. An unreachable database
 * means no instance holds the lease: evaluation pauses until it is back.
 */
public final class PostgresEvaluatorLease implements EvaluatorLease {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresEvaluatorLease.class);
  /** The first key of Vigil's advisory locks ("VI", as the event store's); the second names the job. */
  private static final int LOCK_SPACE = 0x5649;
  private static final String LOCK_NAME = "job:alert-evaluator";
  private static final String APPLICATION_PREFIX = "vigil:";

  private final PostgresLocation location;
  private final String instance;
  private Connection connection;
  private boolean held;
  private boolean warned;

  private PostgresEvaluatorLease(PostgresLocation location, String instance) {
    this.location = location;
    this.instance = instance;
  }

  /** Connects lazily: nothing is held until the first {@link #hold()}. */
  public static PostgresEvaluatorLease open(String url, String instance) {
    return new PostgresEvaluatorLease(PostgresLocation.parse(url), instance);
  }

  @Override
  public synchronized boolean hold() {
    try {
      Connection c = connection();
      if (held && stillHeld(c)) {
        return true;
      }
      try (PreparedStatement p = c.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
        p.setInt(1, LOCK_SPACE);
        p.setString(2, LOCK_NAME);
        try (ResultSet r = p.executeQuery()) {
          held = r.next() && r.getBoolean(1);
        }
      }
      warned = false;
      return held;
    } catch (SQLException e) {
      if (!warned) {   // one line per outage, not one per evaluation
        LOG.warn("cannot reach {} to hold the alert evaluator's lock; not evaluating until it answers: {}",
            location.display(), e.getMessage());
        warned = true;
      }
      drop();
      return false;
    }
  }

  /** Whether this session still holds the lock (false when the session was replaced or PostgreSQL restarted). */
  private static boolean stillHeld(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'"
        + " AND granted AND pid = pg_backend_pid() AND classid = ?::oid AND objid = hashtext(?)::oid"
        + " AND objsubid = 2)")) {
      p.setInt(1, LOCK_SPACE);
      p.setString(2, LOCK_NAME);
      try (ResultSet r = p.executeQuery()) {
        return r.next() && r.getBoolean(1);
      }
    }
  }

  @Override
  public synchronized Optional<String> holder() {
    try {
      Connection c = connection();
      try (PreparedStatement p = c.prepareStatement("SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a"
          + " ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ?::oid"
          + " AND l.objid = hashtext(?)::oid AND l.objsubid = 2")) {
        p.setInt(1, LOCK_SPACE);
        p.setString(2, LOCK_NAME);
        try (ResultSet r = p.executeQuery()) {
          if (!r.next() || r.getString(1) == null || !r.getString(1).startsWith(APPLICATION_PREFIX)) {
            return Optional.empty();
          }
          return Optional.of(r.getString(1).substring(APPLICATION_PREFIX.length()));
        }
      }
    } catch (SQLException e) {
      drop();
      return Optional.empty();
    }
  }

  private Connection connection() throws SQLException {
    if (connection != null && !connection.isClosed()) {
      return connection;
    }
    held = false;   // a new session holds nothing
    Properties p = new Properties();
    if (location.user() != null) {
      p.setProperty("user", location.user());
    }
    if (location.password() != null) {
      p.setProperty("password", location.password());
    }
    // PostgreSQL keeps 63 bytes of the name; instance ids longer than that show truncated in holder()
    p.setProperty("ApplicationName", APPLICATION_PREFIX + instance);
    p.setProperty("connectTimeout", "10");
    p.setProperty("socketTimeout", "30");
    p.setProperty("tcpKeepAlive", "true");
    connection = DriverManager.getConnection(location.jdbcUrl(), p);
    return connection;
  }

  /** Forgets the session (closing it releases the lock, should PostgreSQL still keep it). */
  private void drop() {
    held = false;
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // the session is gone either way
      }
      connection = null;
    }
  }

  @Override
  public synchronized void close() {
    drop();
  }
}
