package io.vigil.server.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The PostgreSQL advisory locks through which Vigil instances sharing a store keep out of each other's way: one per
 * live instance (two instances with one id would write as one), one while the schema is migrated, and one per
 * background job that only one instance may run at a time. Advisory locks belong to a session: PostgreSQL releases
 * them when their holder's connection ends, so a crashed instance leaves none behind.
 *
 * <pre>{@code
 * PostgresLocks.migrating(lockConnection, () -> flyway.migrate());
 * boolean mine = PostgresLocks.tryLock(lockConnection, "instance:vigil-a");   // held until the connection closes
 * boolean ran = PostgresLocks.exclusively(pool, "retention", () -> retain());
 * }</pre>
 */
final class PostgresLocks {

  /** First key of Vigil's two-key advisory locks ("VI"), the second being a hash of the job or instance. */
  private static final int LOCK_SPACE = 0x5649;

  private PostgresLocks() {
  }

  /** Something to do under a lock that may fail with an {@link SQLException}. */
  @FunctionalInterface
  interface Work {
    void run() throws SQLException;
  }

  /**
   * Runs {@code work} holding the migration lock on {@code c}, waiting for it: instances started together on an
   * empty database migrate one after the other (Flyway alone lets both try to create its history table).
   */
  static void migrating(Connection c, Work work) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_lock(?, hashtext('migration'))")) {
      p.setInt(1, LOCK_SPACE);
      p.executeQuery().close();
    }
    try {
      work.run();
    } finally {
      unlock(c, "migration");
    }
  }

  /** Takes the lock {@code name} for the session of {@code c} if no other session holds it. */
  static boolean tryLock(Connection c, String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
      p.setInt(1, LOCK_SPACE);
      p.setString(2, name);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getBoolean(1);
      }
    }
  }

  /**
   * Runs {@code work} unless another instance is running the job {@code job}.
   *
   * @return whether it ran
   * @throws StoreException when the lock cannot be taken or given back
   */
  static boolean exclusively(DataSource pool, String job, Runnable work) {
    try (Connection c = pool.getConnection()) {
      if (!tryLock(c, "job:" + job)) {
        return false;
      }
      try {
        work.run();
        return true;
      } finally {
        unlock(c, "job:" + job);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot run " + job + " exclusively: " + e.getMessage(), e);
    }
  }

  private static void unlock(Connection c, String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
      p.setInt(1, LOCK_SPACE);
      p.setString(2, name);
      p.executeQuery().close();
    }
  }
}
