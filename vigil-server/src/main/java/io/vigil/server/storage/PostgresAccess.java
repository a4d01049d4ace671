package io.vigil.server.storage;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The pooled connections of {@link PostgresEventStore} and the few ways its parts use them: a read, a
 * transaction, a paged stream of rows; every SQL failure becomes a {@link StoreException} saying what failed.
 */
final class PostgresAccess {

  private final HikariDataSource pool;
  private final String instance;

  PostgresAccess(HikariDataSource pool, String instance) {
    this.pool = pool;
    this.instance = instance;
  }

  /** The id of the instance this store belongs to. */
  String instance() {
    return instance;
  }

  HikariDataSource pool() {
    return pool;
  }

  /** Work on one pooled connection. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  <T> T read(String what, Work<T> work) {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} in one transaction: all of it is stored or none. */
  <T> T write(String what, Work<T> work) {
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

  /** One number from a query whose only parameter is the instance id. */
  long single(String what, String sql) {
    return read(what, c -> {
      try (PreparedStatement p = c.prepareStatement(sql)) {
        p.setString(1, instance);
        try (ResultSet r = p.executeQuery()) {
          return r.next() ? r.getLong(1) : 0L;
        }
      }
    });
  }

  /** Parameters of a statement. */
  interface Binder {
    void bind(PreparedStatement p) throws SQLException;
  }

  /** A row of a result. */
  interface Row {
    void accept(ResultSet r) throws SQLException;
  }

  /** Streams the rows in pages (a cursor needs a transaction), so a long log never sits in memory whole. */
  long stream(String what, String sql, Binder binder, Row row) {
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

  static void bindKey(PreparedStatement p, ProfileStore.Key key) throws SQLException {
    p.setString(1, key.model());
    p.setString(2, key.version());
    p.setString(3, key.resolution().code());
    p.setLong(4, key.bucket());
  }
}
