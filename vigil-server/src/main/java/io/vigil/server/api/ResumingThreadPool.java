package io.vigil.server.api;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server's thread pool: Jetty's own, as Javalin sets it up (8 to 250 threads), with one saving for the
 * ingest route. When a request's answer is sent from a thread other than the one that read the request, Jetty hands
 * the connection to a pool thread to read the next request (one thread wake-up per answer). {@link IngestWriter}
 * sends every answer from its own threads, so one event per request paid that wake-up, a context switch and a read
 * that mostly found nothing, for every request. While a group's answers are sent inside {@link #answering}, the
 * connections to resume are kept instead, and resumed on the answering thread once the group is answered: reading
 * the next request never blocks (an ingest request of a few events is parsed and queued there, anything else is
 * handed to the pool as before, see {@link #inlineLimit}).
 *
 * <p>Measured with one event per request (BENCHMARKS.md, "Eleventh measurement"): server CPU per request fell from
 * about 60 to 40 µs at 64 connections and from 95 to 53 µs at 16, where the rate went from 9,264 to 16,667
 * requests/s.
 *
 * <pre>{@code
 * Javalin.create(cfg -> cfg.jetty.threadPool = new ResumingThreadPool());
 * ResumingThreadPool.answering(() -> answers.forEach(Answer::send));   // then the connections are resumed here
 * }</pre>
 */
public final class ResumingThreadPool extends QueuedThreadPool {

  private static final Logger LOG = LoggerFactory.getLogger(ResumingThreadPool.class);
  /** The connections kept for the answering thread to resume: set only inside {@link #answering}. */
  private static final ThreadLocal<List<Runnable>> KEPT = new ThreadLocal<>();
  /** Whether this thread is resuming connections after its answers. */
  private static final ThreadLocal<Boolean> RESUMING = new ThreadLocal<>();

  /** Javalin's default pool: 8 to 250 threads, idle ones stopped after a minute. */
  public ResumingThreadPool() {
    super(250, 8, 60_000);
    setName("JettyServerThreadPool");
  }

  @Override
  public void execute(Runnable job) {
    List<Runnable> kept = KEPT.get();
    if (kept != null && job instanceof Connection) {
      kept.add(job);
      return;
    }
    super.execute(job);
  }

  /**
   * Runs {@code answers}, then, on this thread and in order, the connections that sending them gave the pool to
   * resume. A connection that fails to resume is logged and does not stop the others.
   */
  static void answering(Runnable answers) {
    if (KEPT.get() != null) {   // already answering on this thread: the outer call resumes them
      answers.run();
      return;
    }
    List<Runnable> kept = new ArrayList<>();
    KEPT.set(kept);
    try {
      answers.run();
    } finally {
      KEPT.remove();
      RESUMING.set(Boolean.TRUE);
      try {
        for (Runnable connection : kept) {
          try {
            connection.run();
          } catch (RuntimeException e) {
            LOG.warn("resuming a connection after its answer failed", e);
          }
        }
      } finally {
        RESUMING.remove();
      }
    }
  }

  /** The largest request body a thread resuming connections parses itself, about eight events. */
  static final long RESUMED_INLINE_BYTES = 4 * 1024;

  /**
   * The largest request body to parse on the thread that read it: {@code usual}, or at most
   * {@value #RESUMED_INLINE_BYTES} bytes on a thread resuming connections after its answers. That thread is the
   * writer's or the counter's, one of a kind, so a larger body (a batch of a hundred events takes about a
   * millisecond) goes to the pool, where several are parsed at once.
   */
  static long inlineLimit(long usual) {
    return RESUMING.get() != null ? Math.min(usual, RESUMED_INLINE_BYTES) : usual;
  }
}
