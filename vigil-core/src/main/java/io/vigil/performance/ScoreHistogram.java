package io.vigil.performance;

import io.vigil.profile.ByteReader;
import io.vigil.profile.ByteWriter;
import java.util.Arrays;

/**
 * Two counts per {@link ScoreBins} bin, "first" and "second" (for realized metrics: rows whose label is the class
 * and rows whose label is not; for estimation: rows predicted as the class and rows not), stored sparsely: only bins
 * holding a row, in ascending order. A minute of traffic touches a few hundred of the 40,002 bins, a month at most
 * all of them.
 *
 * <p>Invariants: bins strictly ascending and valid; both counts ≥ 0 and not both 0 (an emptied bin is dropped, so
 * the layout depends only on the content and {@code remove} restores the exact earlier state).
 *
 * <p>A long query merges many large histograms into one accumulator (30 days of daily profiles, each holding
 * thousands of bins). Merging sparse arrays would copy the growing accumulator on every merge, so once a merge
 * into a non-empty histogram would exceed {@link #DENSE_AT} entries, the accumulator switches to two dense arrays
 * indexed by bin and adds each further histogram in O(its entries); the first read turns it back into the sparse
 * form, so every other method sees the invariants above.
 */
final class ScoreHistogram {

  /** Entries past which a merge accumulates densely (a dense pair costs 2 × 40,002 longs, 640 KB). */
  static final int DENSE_AT = 4096;

  private int size;
  private int[] bins = new int[4];
  private long[] first = new long[4];
  private long[] second = new long[4];
  /** Counts by bin while accumulating densely, else null; then {@link #bins} and its counts are stale. */
  private long[] denseFirst;
  private long[] denseSecond;

  /**
   * Adds ({@code weight} 1) or removes ({@code weight} −1) one row.
   *
   * @throws IllegalStateException when removing a row that was never added
   */
  void add(int bin, boolean isFirst, int weight) {
    settle();
    int i = Arrays.binarySearch(bins, 0, size, bin);
    if (i < 0) {
      if (weight < 0) {
        throw new IllegalStateException("removing a row from score bin " + bin + ", which holds none");
      }
      i = -i - 1;
      insertAt(i, bin);
    }
    long[] counts = isFirst ? first : second;
    if (counts[i] + weight < 0) {
      throw new IllegalStateException("removing a row from score bin " + bin + ", which holds none of that kind");
    }
    counts[i] += weight;
    if (first[i] == 0 && second[i] == 0) {
      System.arraycopy(bins, i + 1, bins, i, size - i - 1);
      System.arraycopy(first, i + 1, first, i, size - i - 1);
      System.arraycopy(second, i + 1, second, i, size - i - 1);
      size--;
    }
  }

  private void insertAt(int i, int bin) {
    if (size == bins.length) {
      int capacity = Math.max(4, size * 2);
      bins = Arrays.copyOf(bins, capacity);
      first = Arrays.copyOf(first, capacity);
      second = Arrays.copyOf(second, capacity);
    }
    System.arraycopy(bins, i, bins, i + 1, size - i);
    System.arraycopy(first, i, first, i + 1, size - i);
    System.arraycopy(second, i, second, i + 1, size - i);
    bins[i] = bin;
    first[i] = 0;
    second[i] = 0;
    size++;
  }

  /**
   * Adds {@code other}'s counts; {@code other} may be this histogram. A small histogram whose bins this one already
   * holds (a minute merged into a month's accumulator, the common case of a long query) is added in place by binary
   * search, O(n log size); otherwise a two-pointer merge builds new arrays, O(size + n).
   */
  void merge(ScoreHistogram other) {
    other.settle();
    if (other == this) {
      settle();
    }
    int n = other.size;
    if (n == 0) {
      return;
    }
    if (denseFirst == null && size > 0 && size + n > DENSE_AT && other != this) {
      densify();
    }
    if (denseFirst != null) {
      for (int j = 0; j < n; j++) {
        int b = other.bins[j];
        denseFirst[b] = Math.addExact(denseFirst[b], other.first[j]);
        denseSecond[b] = Math.addExact(denseSecond[b], other.second[j]);
      }
      return;
    }
    if (other != this && (long) n * 16 < size && addInPlace(other)) {
      return;
    }
    int[] b = new int[size + n];
    long[] f = new long[size + n];
    long[] s = new long[size + n];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < size || j < n) {
      if (j == n || (i < size && bins[i] < other.bins[j])) {
        b[k] = bins[i];
        f[k] = first[i];
        s[k++] = second[i++];
      } else if (i == size || other.bins[j] < bins[i]) {
        b[k] = other.bins[j];
        f[k] = other.first[j];
        s[k++] = other.second[j++];
      } else {
        b[k] = bins[i];
        f[k] = Math.addExact(first[i], other.first[j]);
        s[k++] = Math.addExact(second[i++], other.second[j++]);
      }
    }
    bins = b;
    first = f;
    second = s;
    size = k;
  }

  private void densify() {
    denseFirst = new long[ScoreBins.COUNT];
    denseSecond = new long[ScoreBins.COUNT];
    for (int i = 0; i < size; i++) {
      denseFirst[bins[i]] = first[i];
      denseSecond[bins[i]] = second[i];
    }
  }

  /** Back to the sparse form after dense accumulation (no-op otherwise). */
  private void settle() {
    if (denseFirst == null) {
      return;
    }
    int n = 0;
    for (int b = 0; b < denseFirst.length; b++) {
      if (denseFirst[b] != 0 || denseSecond[b] != 0) {
        n++;
      }
    }
    bins = new int[Math.max(n, 4)];
    first = new long[bins.length];
    second = new long[bins.length];
    int k = 0;
    for (int b = 0; b < denseFirst.length; b++) {
      if (denseFirst[b] != 0 || denseSecond[b] != 0) {
        bins[k] = b;
        first[k] = denseFirst[b];
        second[k++] = denseSecond[b];
      }
    }
    size = n;
    denseFirst = null;
    denseSecond = null;
  }

  /** Adds {@code other} when every one of its bins is already here; returns false, changing nothing, otherwise. */
  private boolean addInPlace(ScoreHistogram other) {
    int[] at = new int[other.size];
    int from = 0;
    for (int j = 0; j < other.size; j++) {
      int i = Arrays.binarySearch(bins, from, size, other.bins[j]);
      if (i < 0) {
        return false;
      }
      at[j] = i;
      from = i + 1;
    }
    for (int j = 0; j < other.size; j++) {
      first[at[j]] = Math.addExact(first[at[j]], other.first[j]);
      second[at[j]] = Math.addExact(second[at[j]], other.second[j]);
    }
    return true;
  }

  ScoreHistogram copy() {
    ScoreHistogram c = new ScoreHistogram();
    c.merge(this);
    return c;
  }

  /** Rows of the given kind in a bin: 0 when the bin holds none. */
  long count(int bin, boolean isFirst) {
    settle();
    int i = Arrays.binarySearch(bins, 0, size, bin);
    return i < 0 ? 0 : isFirst ? first[i] : second[i];
  }

  int size() {
    settle();
    return size;
  }

  int bin(int i) {
    settle();
    return bins[i];
  }

  long first(int i) {
    settle();
    return first[i];
  }

  long second(int i) {
    settle();
    return second[i];
  }

  long totalFirst() {
    settle();
    long t = 0;
    for (int i = 0; i < size; i++) {
      t += first[i];
    }
    return t;
  }

  long totalSecond() {
    settle();
    long t = 0;
    for (int i = 0; i < size; i++) {
      t += second[i];
    }
    return t;
  }

  /**
   * Entry count i32, then per entry in ascending bin order: the bin's distance from the previous entry's bin (the
   * first from −1), the first count and the second count, each an unsigned LEB128 varint (7 bits a byte, low bits
   * first, no redundant trailing zero byte). A typical entry takes 4 bytes.
   */
  void write(ByteWriter out) {
    settle();
    out.writeInt(size);
    int previous = -1;
    for (int i = 0; i < size; i++) {
      out.writeVarint(bins[i] - previous);
      out.writeVarint(first[i]);
      out.writeVarint(second[i]);
      previous = bins[i];
    }
  }

  static ScoreHistogram read(ByteReader in, String field) {
    int n = in.readLength(field + " entries", 3);
    if (n > ScoreBins.COUNT) {
      throw in.fail(field + ": " + n + " entries, more than the " + ScoreBins.COUNT + " bins");
    }
    ScoreHistogram h = new ScoreHistogram();
    h.bins = new int[Math.max(n, 4)];
    h.first = new long[h.bins.length];
    h.second = new long[h.bins.length];
    long bin = -1;
    String step = field + " bin step";   // built once: a histogram holds up to 40,002 entries
    String count = field + " count";
    for (int i = 0; i < n; i++) {
      bin += in.readVarint(step);
      long f = in.readVarint(count);
      long s = in.readVarint(count);
      if (bin >= ScoreBins.COUNT || (i > 0 && bin <= h.bins[i - 1])) {
        throw in.fail(field + " bin " + bin + " is out of range or not ascending");
      }
      if (f == 0 && s == 0) {
        throw in.fail(field + " bin " + bin + " is stored but empty");
      }
      h.bins[i] = (int) bin;
      h.first[i] = f;
      h.second[i] = s;
      h.size = i + 1;
    }
    return h;
  }
}
