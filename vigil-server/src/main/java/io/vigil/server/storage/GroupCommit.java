package io.vigil.server.storage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Group commit for a store with one writer at a time: the batches of concurrent callers are written as one group
 * (one transaction, one fsync), by one of the callers, and each caller returns once its own batch is written.
 * While a group is written the next one gathers, so the busier the store, the larger the groups.
 *
 * <p>Each waiting thread is woken once: by the commit that wrote its batch, or to write the next group itself. (A
 * commit used to wake every waiting thread, most of them only to wait again.)
 *
 * <pre>{@code
 * GroupCommit<Batch, Result> commits = new GroupCommit<>(group -> writeInOneTransaction(group));
 * Result r = commits.submit(batch);   // returns once the group holding it is committed
 * }</pre>
 *
 * @param <B> a caller's batch
 * @param <R> what writing a batch returned
 */
final class GroupCommit<B, R> {

  /** Writes a group in one transaction. */
  @FunctionalInterface
  interface Writer<B, R> {
    /**
     * @return one result per batch, in order
     * @throws RuntimeException to fail every batch of the group with it
     */
    List<R> write(List<B> group);
  }

  private final Writer<B, R> writer;
  /** Batches waiting for a group commit, and whether a thread is writing one (guarded by {@code queue}). */
  private final ArrayDeque<Pending<B, R>> queue = new ArrayDeque<>();
  private boolean writing;

  GroupCommit(Writer<B, R> writer) {
    this.writer = writer;
  }

  /**
   * Writes {@code batch} with the others queued meanwhile and returns its result once they are committed.
   *
   * @throws RuntimeException what the writer threw for the group
   */
  R submit(B batch) {
    Pending<B, R> mine = new Pending<>(batch, Thread.currentThread());
    List<Pending<B, R>> group = null;
    synchronized (queue) {
      queue.add(mine);
      if (!writing) {
        writing = true;   // this thread writes every batch queued so far, in one transaction
        group = drain();
      }
    }
    boolean interrupted = false;
    while (group == null) {
      // woken once: when a group commit has written this batch, or to write the next group itself
      LockSupport.park(this);
      interrupted |= Thread.interrupted();   // keep waiting: the batch's outcome must be known before the answer
      if (mine.done) {
        break;
      }
      if (mine.leads) {
        synchronized (queue) {
          group = drain();
        }
      }
    }
    if (group != null) {
      try {
        write(group);
      } finally {
        handOff();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return mine.result();
  }

  private void write(List<Pending<B, R>> group) {
    List<B> batches = new ArrayList<>(group.size());
    for (Pending<B, R> p : group) {
      batches.add(p.batch);
    }
    List<R> results;
    try {
      results = writer.write(batches);
    } catch (RuntimeException e) {
      for (Pending<B, R> p : group) {
        p.finish(null, e);
      }
      return;
    }
    for (int i = 0; i < group.size(); i++) {
      group.get(i).finish(results.get(i), null);
    }
  }

  /** Batches waiting for the next group (for tests). */
  int queued() {
    synchronized (queue) {
      return queue.size();
    }
  }

  /** The batches queued so far, taken out of the queue. Callers hold {@link #queue}. */
  private List<Pending<B, R>> drain() {
    List<Pending<B, R>> group = new ArrayList<>(queue);
    queue.clear();
    return group;
  }

  /** After a group commit: the oldest queued batch's thread writes the next group, or no one writes. */
  private void handOff() {
    synchronized (queue) {
      Pending<B, R> next = queue.peekFirst();
      if (next == null) {
        writing = false;
      } else {
        next.leads = true;
        LockSupport.unpark(next.waiter);
      }
    }
  }

  /** A batch waiting for the group commit that includes it. */
  private static final class Pending<B, R> {
    final B batch;
    /** The thread that waits for this batch: unparked once it is written, or to lead. */
    final Thread waiter;
    volatile boolean done;
    /** Set by the previous writer: this batch's thread writes the next group. */
    volatile boolean leads;
    private R result;
    private RuntimeException failure;

    Pending(B batch, Thread waiter) {
      this.batch = batch;
      this.waiter = waiter;
    }

    /** Records the outcome, then wakes the waiting thread (the writer's own batch needs no wake-up). */
    void finish(R result, RuntimeException failure) {
      this.result = result;
      this.failure = failure;
      this.done = true;
      if (waiter != Thread.currentThread()) {
        LockSupport.unpark(waiter);
      }
    }

    R result() {
      if (failure != null) {
        throw failure;
      }
      return result;
    }
  }
}
