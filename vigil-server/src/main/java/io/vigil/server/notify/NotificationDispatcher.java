package io.vigil.server.notify;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications without making anyone wait: each notifier has one thread and a bounded queue of its
 * own, so a receiver that hangs delays only its own later notifications (in order: a firing is delivered before
 * its resolution), never evaluation, ingest or the other notifiers. A failed attempt is retried after {@code
 * retry_backoff}, doubled each time, up to {@code retries} times; a notification that still fails, or finds the
 * queue full, is logged and counted through {@code failed} ({@code vigil_notifications_failed_total{notifier}}).
 *
 * <pre>{@code
 * NotificationDispatcher d = new NotificationDispatcher(notifiers, name -> metrics.notificationFailed(name));
 * d.dispatch(List.of("oncall"), notification);
 * d.close();
 * }</pre>
 */
public final class NotificationDispatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);
  private static final int QUEUE = 1000;

  private final Map<String, Notifier> notifiers;
  private final Consumer<String> failed;
  private final Map<String, ExecutorService> workers = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean closed;

  public NotificationDispatcher(Map<String, Notifier> notifiers, Consumer<String> failed) {
    this.notifiers = Map.copyOf(notifiers);
    this.failed = failed;
  }

  public Map<String, Notifier> notifiers() {
    return notifiers;
  }

  /** Queues {@code n} for each named notifier and returns at once. */
  public void dispatch(List<String> names, Notification n) {
    for (String name : names) {
      Notifier notifier = notifiers.get(name);
      if (notifier == null || closed) {
        continue;
      }
      pending.incrementAndGet();
      try {
        worker(name).execute(() -> {
          try {
            deliver(notifier, n);
          } finally {
            pending.decrementAndGet();
          }
        });
      } catch (RejectedExecutionException e) {
        pending.decrementAndGet();
        LOG.error("notifier {}: queue full ({} waiting); dropped {} notification of {}", name, QUEUE, n.status(),
            n.groupKey());
        failed.accept(name);
      }
    }
  }

  /** Whether every notification dispatched so far has been delivered or given up. */
  public boolean idle() {
    return pending.get() == 0;
  }

  private ExecutorService worker(String name) {
    return workers.computeIfAbsent(name, k -> new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(QUEUE), r -> {
          Thread t = new Thread(r, "vigil-notify-" + k);
          t.setDaemon(true);
          return t;
        }));
  }

  private void deliver(Notifier notifier, Notification n) {
    NotifierOptions o = notifier.options();
    for (int attempt = 1; attempt <= o.retries() + 1; attempt++) {
      try {
        Thread.sleep(o.backoffBefore(attempt).toMillis());
        notifier.send(n);
        if (attempt > 1) {
          LOG.info("notifier {}: {} notification of {} delivered at attempt {}", notifier.name(), n.status(),
              n.groupKey(), attempt);
        }
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        LOG.warn("notifier {}: stopped before delivering {} of {}", notifier.name(), n.status(), n.groupKey());
        failed.accept(notifier.name());
        return;
      } catch (Exception e) {
        LOG.warn("notifier {} ({}): attempt {} of {} for {} of {} failed: {}", notifier.name(), notifier.type(),
            attempt, o.retries() + 1, n.status(), n.groupKey(), e.toString());
      }
    }
    LOG.error("notifier {}: gave up on {} notification of {} after {} attempts", notifier.name(), n.status(),
        n.groupKey(), o.retries() + 1);
    failed.accept(notifier.name());
  }

  /** Lets queued notifications go out for up to five seconds, then stops. */
  @Override
  public void close() {
    closed = true;
    workers.values().forEach(ExecutorService::shutdown);
    for (ExecutorService w : workers.values()) {
      try {
        if (!w.awaitTermination(5, TimeUnit.SECONDS)) {
          w.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        w.shutdownNow();
      }
    }
  }
}
