package io.vigil.server.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the SQLite write-ahead log back into the database file on a thread of its own. SQLite otherwise does it
 * inside the commit that crosses 1,000 log pages, on the thread that commits: for the ingest writer that was about a
 * third of its time under batched load (each event's bytes written twice, once to the log, once to the file, and
 * the file fsynced), time in which no batch was stored. The store's write connection turns its automatic
 * checkpoints off ({@code PRAGMA wal_autocheckpoint=0}) and this thread runs a passive checkpoint every
 * {@value #EVERY_MS} ms: it never blocks the writer or readers, and once it has copied the whole log, the next
 * commit starts the log again from its beginning, so the log stays about as large as 200 ms of writes.
 *
 * <pre>{@code
 * WalCheckpointer c = WalCheckpointer.start("jdbc:sqlite:/data/vigil.db");
 * c.close();   // stops the thread; closing the last connection checkpoints what is left
 * }</pre>
 */
final class WalCheckpointer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);
  static final long EVERY_MS = 200;

  private final Connection connection;
  private final Thread thread;
  private volatile boolean closed;
  private volatile long checkpoints;

  private WalCheckpointer(Connection connection) {
    this.connection = connection;
    this.thread = new Thread(this::run, "vigil-wal-checkpoint");
    thread.setDaemon(true);
  }

  static WalCheckpointer start(String url) throws SQLException {
    Connection c = DriverManager.getConnection(url);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout=5000");
    }
    WalCheckpointer w = new WalCheckpointer(c);
    w.thread.start();
    return w;
  }

  /** Checkpoints that copied at least one page, for tests. */
  long checkpoints() {
    return checkpoints;
  }

  private void run() {
    boolean failing = false;
    while (!closed) {
      try {
        if (checkpoint() > 0) {
          checkpoints++;
        }
        failing = false;
      } catch (SQLException e) {
        if (!failing) {   // once per outage (a full disk), not every 200 ms
          LOG.warn("checkpointing the write-ahead log failed (retrying): {}", e.getMessage());
        }
        failing = true;
      }
      try {
        TimeUnit.MILLISECONDS.sleep(EVERY_MS);
      } catch (InterruptedException e) {
        return;   // close()
      }
    }
  }

  /** One passive checkpoint: the pages it copied. */
  private synchronized int checkpoint() throws SQLException {
    if (closed) {
      return 0;
    }
    try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      return r.next() ? Math.max(0, r.getInt(3)) : 0;   // columns: busy, pages in the log, pages copied
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.warn("closing the checkpoint connection: {}", e.getMessage());
      }
    }
  }
}
