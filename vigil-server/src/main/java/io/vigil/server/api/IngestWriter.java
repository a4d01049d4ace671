package io.vigil.server.api;

import io.vigil.event.PredictionEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that writes the batches of concurrent requests to their {@link IngestDestination} as one group
 * (for the embedded store: one transaction, one fsync), and a second one that counts each written group and hands
 * each request its own part of the outcome. The request threads never wait for the disk: they parse, queue and go
 * back to the connections; the answer is sent once the batch is durable and counted. While a group is written the
 * next one gathers, so the busier the server, the larger the groups and the fewer the fsyncs per event; and while a
 * group is counted the next one is written (counting was half of the one thread's time under batched load).
 *
 * <pre>{@code
 * IngestWriter writer = new IngestWriter(destination);
 * writer.submit(events, bodies, (written, failure) -> answer(written, failure));
 * writer.close();   // after the HTTP server stopped: writes what is queued, then ends
 * }</pre>
 */
final class IngestWriter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestWriter.class);
  /** Most batches in one group: bounds the time one group holds the answers of the first ones back. */
  private static final int MAX_GROUP = 4096;
  /**
   * Groups of fewer events are counted on the writer thread: handing them over costs a thread wake-up, more than
   * their counting (one event per request went from 33 to 47 us of system time per request with every group
   * handed over).
   */
  static final int HAND_OVER_EVENTS = 256;

  /**
   * Receives a batch's outcome on the counting thread (the writer's, for a small group or a failed write): what was
   * written, or why nothing was.
   */
  @FunctionalInterface
  interface Done {
    void accept(IngestDestination.Written written, RuntimeException failure);
  }

  /** A batch that came after {@link #close}: nothing of it was written. */
  static final class ShuttingDownException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ShuttingDownException() {
      super("the server is shutting down", null, false, false);
    }
  }

  private record Job(List<PredictionEvent> events, List<byte[]> bodies, Done done) {}

  /** A written group waiting to be counted and answered. */
  private record Written(List<Job> group, List<PredictionEvent> events, IngestDestination.Counting counting) {}

  /** Ends the writer thread once everything queued before it was written. */
  private static final Job END = new Job(List.of(), List.of(), (w, f) -> { });
  /** Ends the counting thread once everything written before it was counted. */
  private static final Written COUNTED = new Written(List.of(), List.of(), () -> null);

  private final IngestDestination destination;
  private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
  /** Bounded by the batches in flight: each holds a request's place until it is answered. */
  private final LinkedBlockingQueue<Written> written = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final Thread counter;
  private volatile boolean closed;

  IngestWriter(IngestDestination destination) {
    this.destination = destination;
    this.thread = new Thread(this::run, "vigil-ingest-writer");
    this.counter = new Thread(this::count, "vigil-ingest-counter");
    thread.setDaemon(true);
    counter.setDaemon(true);
    counter.start();
    thread.start();
  }

  /** Queues a batch; {@code done} runs once the batch is written and counted, or failed. */
  void submit(List<PredictionEvent> events, List<byte[]> bodies, Done done) {
    Job job = new Job(events, bodies, done);
    queue.add(job);
    if (closed && queue.remove(job)) {   // queued after END: the writer is gone
      done.accept(null, new ShuttingDownException());
    }
  }

  private void run() {
    List<Job> group = new ArrayList<>();
    while (true) {
      try {
        group.add(queue.take());
      } catch (InterruptedException e) {
        continue;   // only END ends the writer: nothing queued is dropped
      }
      queue.drainTo(group, MAX_GROUP - 1);
      boolean end = group.remove(END);
      if (!group.isEmpty()) {
        write(group);
      }
      if (end) {
        written.add(COUNTED);
        return;
      }
      group = new ArrayList<>();   // the last one is the counter's now
    }
  }

  private void count() {
    while (true) {
      Written w;
      try {
        w = written.take();
      } catch (InterruptedException e) {
        continue;   // only COUNTED ends the counter: every written batch is counted and answered
      }
      if (w == COUNTED) {
        return;
      }
      count(w);
    }
  }

  /** Counts a written group and answers each of its batches. */
  private static void count(Written w) {
    IngestDestination.Written all;
    try {
      all = w.counting.count();
    } catch (RuntimeException e) {
      for (Job j : w.group) {
        answer(j, null, e);
      }
      return;
    }
    Set<PredictionEvent> counted = all.counted().size() == w.events.size() ? null : counted(all);
    ResumingThreadPool.answering(() -> {   // then each connection reads its next request here, without a wake-up
      for (Job j : w.group) {
        answer(j, part(all, j.events, counted), null);
      }
    });
  }

  private void write(List<Job> group) {
    List<PredictionEvent> events;
    List<byte[]> bodies;
    if (group.size() == 1) {
      events = group.get(0).events;
      bodies = group.get(0).bodies;
    } else {
      events = new ArrayList<>();
      bodies = new ArrayList<>();
      for (Job j : group) {
        events.addAll(j.events);
        bodies.addAll(j.bodies);
      }
    }
    IngestDestination.Counting counting;
    try {
      counting = destination.write(events, bodies);
    } catch (RuntimeException e) {
      for (Job j : group) {
        answer(j, null, e);
      }
      return;
    }
    Written w = new Written(group, events, counting);
    if (events.size() < HAND_OVER_EVENTS) {
      count(w);
    } else {
      written.add(w);
    }
  }

  private static Set<PredictionEvent> counted(IngestDestination.Written all) {
    Set<PredictionEvent> s = Collections.newSetFromMap(new IdentityHashMap<>());
    s.addAll(all.counted());
    return s;
  }

  /** A batch's share of a group's outcome: its events that were counted, and how many were duplicates. */
  private static IngestDestination.Written part(IngestDestination.Written all, List<PredictionEvent> events,
      Set<PredictionEvent> counted) {
    if (counted == null) {
      return new IngestDestination.Written(events, 0);
    }
    List<PredictionEvent> mine = new ArrayList<>();
    for (PredictionEvent e : events) {
      if (counted.contains(e)) {
        mine.add(e);
      }
    }
    // a destination that counts nothing now (Kafka: the consumer counts) reports no duplicates either
    return new IngestDestination.Written(mine, all.duplicates() == 0 ? 0 : events.size() - mine.size());
  }

  private static void answer(Job j, IngestDestination.Written written, RuntimeException failure) {
    try {
      j.done.accept(written, failure);
    } catch (RuntimeException e) {
      LOG.error("answering an ingest request failed", e);
    }
  }

  /** Writes and counts every batch queued so far, then ends the threads; later batches fail with "shutting down". */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(END);
    try {
      thread.join();
      counter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
