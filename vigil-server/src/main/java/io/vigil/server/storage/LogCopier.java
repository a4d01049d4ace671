package io.vigil.server.storage;

import io.vigil.server.config.JvmSetting;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Copies the SQLite store's write-ahead log into the database file from its own connection, every {@link
 * #everyMillis()}, so that the checkpoint SQLite runs inside a commit past 1,000 pages of log finds little left to
 * copy and the commit's batches wait less. The writer keeps its own checkpoints, which restart the log once all of
 * it is copied (without them the log would grow without bound under steady writes).
 *
 * <pre>{@code
 * LogCopier copier = LogCopier.start(connection, LogCopier.everyMillis());
 * copier.close();   // stops the thread and closes the connection
 * }</pre>
 */
final class LogCopier implements AutoCloseable {

  /** The system property that sets how often the log is copied, in milliseconds (0: never, in the background). */
  static final String PROPERTY = "vigil.log-copy-ms";

  private final Thread thread;

  private LogCopier(Thread thread) {
    this.thread = thread;
  }

  /**
   * How often the copier runs: {@value #PROPERTY}, 100 ms when unset.
   *
   * @throws IllegalArgumentException when the property is not a whole number of milliseconds from 0 to 60,000
   */
  static long everyMillis() {
    return JvmSetting.wholeNumber(PROPERTY, "milliseconds", 0, 60_000, 100);
  }

  /** Starts copying through {@code copier}, which the copier closes when it stops. */
  static LogCopier start(Connection copier, long everyMillis) {
    Thread t = new Thread(() -> {
      try (copier; Statement s = copier.createStatement()) {
        while (!Thread.currentThread().isInterrupted()) {
          s.execute("PRAGMA wal_checkpoint(PASSIVE)");
          Thread.sleep(everyMillis);
        }
      } catch (InterruptedException stop) {
        Thread.currentThread().interrupt();
      } catch (SQLException e) {
        org.slf4j.LoggerFactory.getLogger(LogCopier.class).warn("the log copier stopped: {}", e.getMessage());
      }
    }, "vigil-log-copier");
    t.setDaemon(true);
    t.start();
    return new LogCopier(t);
  }

  /** Stops the thread, waiting up to 5 s for a copy in progress. */
  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
