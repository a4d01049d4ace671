package io.vigil.server.aggregate;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregator's background work on one thread, {@code vigil-checkpoint}: a checkpoint every few seconds and
 * retention every hour. A failure is logged and tried again at the next turn; a checkpoint that keeps failing (a
 * full disk fails one every 10 s) is logged once until one works again.
 *
 * <pre>{@code
 * Housekeeping h = new Housekeeping(aggregator::checkpoint, aggregator::retainExclusively);
 * h.start(Duration.ofSeconds(10));
 * h.stop();   // waits for the turn under way
 * }</pre>
 */
final class Housekeeping {

  private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

  private final Runnable checkpoint;
  private final Runnable retention;
  private ScheduledExecutorService scheduler;
  /** Whether the last checkpoint failed. */
  private volatile boolean checkpointFailing;

  Housekeeping(Runnable checkpoint, Runnable retention) {
    this.checkpoint = checkpoint;
    this.retention = retention;
  }

  /** Checkpoints every {@code every} and applies retention after a minute, then every hour; again does nothing. */
  synchronized void start(Duration every) {
    if (scheduler != null) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "vigil-checkpoint");
      t.setDaemon(true);
      return t;
    });
    long millis = every.toMillis();
    scheduler.scheduleWithFixedDelay(this::checkpointQuietly, millis, millis, TimeUnit.MILLISECONDS);
    scheduler.scheduleWithFixedDelay(this::retainQuietly, 1, 60, TimeUnit.MINUTES);
  }

  /** Stops the background work, waiting up to 30 s for the turn under way. */
  synchronized void stop() {
    if (scheduler == null) {
      return;
    }
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    scheduler = null;
  }

  private void checkpointQuietly() {
    try {
      checkpoint.run();
      if (checkpointFailing) {
        checkpointFailing = false;
        LOG.info("checkpoints work again");
      }
    } catch (RuntimeException e) {
      if (!checkpointFailing) {
        checkpointFailing = true;
        LOG.error("checkpoint failed ({}); the events stay in the log and are counted by the next one; said once"
            + " until checkpoints work again", e.getMessage(), e);
      } else {
        LOG.debug("checkpoint still failing: {}", e.getMessage());
      }
    }
  }

  private void retainQuietly() {
    try {
      retention.run();
    } catch (RuntimeException e) {
      LOG.error("retention failed; it runs again within an hour", e);
    }
  }
}
