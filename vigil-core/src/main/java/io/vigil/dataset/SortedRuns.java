package io.vigil.dataset;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.DoubleConsumer;

/**
 * Collects doubles and keeps them sortable cheaply: every {@link #RUN} values, the full run is sorted on
 * {@code executor} and merged into a stack of sorted runs whose sizes halve from bottom to top (like a binary
 * counter: equal sizes merge at once), so both the sorting and most of the merging of a large column happen while
 * it is still being read. {@link #sorted()} merges what is left, smallest first. With a same-thread executor it
 * is a plain buffer sorted at the end.
 *
 * <p>Invariants: {@code stack} and the work on it belong to the chain of tasks in {@code pending}, which runs
 * one task at a time, in order; the reading thread only touches {@code tail[0, tailSize)}, its newest values.
 */
final class SortedRuns {

  static final int RUN = 1 << 16;

  private final Executor executor;
  private final Deque<double[]> stack = new ArrayDeque<>();
  private CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);
  private double[] tail = new double[1024];
  private int tailSize;
  private long size;

  SortedRuns(Executor executor) {
    this.executor = executor;
  }

  void add(double x) {
    if (tailSize == tail.length) {
      if (tail.length < RUN) {
        tail = Arrays.copyOf(tail, tail.length * 2);
      } else {
        double[] full = tail;
        pending = pending.thenRunAsync(() -> push(full), executor);
        tail = new double[RUN];
        tailSize = 0;
      }
    }
    tail[tailSize++] = x;
    size++;
  }

  /** Sorts a full run and merges it down the stack while the run below is no larger. */
  private void push(double[] run) {
    Arrays.sort(run);
    double[] merged = run;
    while (!stack.isEmpty() && stack.peek().length <= merged.length) {
      merged = merge(stack.pop(), merged);
    }
    stack.push(merged);
  }

  long size() {
    return size;
  }

  /** Every value, in no particular order. */
  void forEach(DoubleConsumer action) {
    pending.join();
    for (double[] run : stack) {
      for (double x : run) {
        action.accept(x);
      }
    }
    for (int i = 0; i < tailSize; i++) {
      action.accept(tail[i]);
    }
  }

  /** All values sorted ascending (the internal array when nothing is left to merge: read it, do not keep adding). */
  double[] sorted() {
    double[] merged = Arrays.copyOf(tail, tailSize);
    Arrays.sort(merged);
    pending.join();
    List<double[]> runs = new ArrayList<>(stack);   // top (smallest) first
    for (double[] run : runs) {
      merged = merge(run, merged);
    }
    return merged;
  }

  static double[] merge(double[] a, double[] b) {
    if (a.length == 0) {
      return b;
    }
    if (b.length == 0) {
      return a;
    }
    double[] out = new double[a.length + b.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < a.length && j < b.length) {
      out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
    }
    System.arraycopy(a, i, out, k, a.length - i);
    System.arraycopy(b, j, out, k + a.length - i, b.length - j);
    return out;
  }
}
