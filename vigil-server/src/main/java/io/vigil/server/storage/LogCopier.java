package io.vigil.server.storage;

import io.vigil.server.config.JvmSetting;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Copies the SQLite store's write-ahead log into the database file from its own connection, every {@link
 * #everyMillis()} while the log grows, so that the checkpoint SQLite runs inside a commit past 1,000 pages of log
 * finds little left to copy and the commit's batches wait less. The writer keeps its own checkpoints, which restart
 * the log once all of it is copied (without them the log would grow without bound under steady writes).
 *
 * <p>Each copy ends with an fsync of the database file, and a commit's fsync of the log waits behind it on the same
 * disk: copying every 100 ms flushed about 5 MB at a time under batched load, and commits then waited 20 to 100 ms
 * about every 200 ms. Copying every 10 ms keeps each flush small. When a copy finds nothing new in the log, the
 * copier waits ten times as long (at most a second, unless the interval is longer) before it looks again, so an
 * idle server does not wake every 10 ms.
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
   * How often the copier runs while the log grows: {@value #PROPERTY}, 10 ms when unset.
   *
   * @throws IllegalArgumentException when the property is not a whole number of milliseconds from 0 to 60,000
   */
  static long everyMillis() {
    return JvmSetting.wholeNumber(PROPERTY, "milliseconds", 0, 60_000, 10);
  }

  /**
   * The pause before the next copy: {@code everyMillis} when the log changed since the last look ({@code seen} and
   * {@code now} pack the frames in the log and the frames copied), else ten times as long, at most a second
   * unless {@code everyMillis} itself is longer.
   */
  static long pause(long seen, long now, long everyMillis) {
    return now != seen ? everyMillis : Math.max(everyMillis, Math.min(10 * everyMillis, 1_000));
  }

  /** Starts copying through {@code copier}, which the copier closes when it stops. */
  static LogCopier start(Connection copier, long everyMillis) {
    Thread t = new Thread(() -> {
      try (copier; Statement s = copier.createStatement()) {
        long seen = -1;   // the log's frames and the copied ones at the last look
        while (!Thread.currentThread().isInterrupted()) {
          long now;
          try (ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            // one row: busy, frames in the log, frames copied (-1 and -1 when not in WAL mode)
            now = r.next() ? r.getLong(2) << 32 ^ r.getLong(3) : 0;
          }
          Thread.sleep(pause(seen, now, everyMillis));
          seen = now;
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
