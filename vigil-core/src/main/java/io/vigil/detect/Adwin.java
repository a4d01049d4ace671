package io.vigil.detect;

import java.util.List;
import java.util.Map;

/**
 * ADWIN, the adaptive sliding window: keeps the longest recent window whose mean is consistent with "no change"
 * and drops its older part when two sub-windows' means differ by more than a bound, which is the signal.
 *
 * <pre>{@code
 * Adwin adwin = new Adwin();                                          // MOA: delta 0.002, checks every 32 samples
 * Adwin eager = new Adwin(Adwin.Options.defaults().withCheckInterval(1));   // checks at every sample
 * adwin.update(0.42);                                                 // any finite value
 * adwin.snapshot().mean();                                            // mean of the current window
 * }</pre>
 *
 * <p><b>Definition.</b> Bifet and Gavaldà, "Learning from Time-Changing Data with Adaptive Windowing", SIAM SDM
 * 2007 (ADWIN2). The window {@code W} is stored as an exponential histogram: row {@code i} holds up to 5 buckets of
 * {@code 2^i} samples, each with its sum and its sum of squared deviations; when a row fills up its two oldest
 * buckets merge into the next row, so memory is O(log W). Every {@code checkInterval} samples, when
 * {@code |W| > 10}, each bucket boundary splits {@code W} into an older part {@code W0} and a newer part
 * {@code W1} (both longer than 6); the older part is dropped (its oldest bucket first, then the test is repeated)
 * when
 * <pre>
 *   |μ̂0 − μ̂1| > √(2 m σ²_W d) + (2/3) m d,   d = ln(2 ln|W| / delta),   m = 1/(n0 − 4) + 1/(n1 − 4)
 * </pre>
 * with {@code σ²_W} the window's variance: the paper's Bernstein-type bound with {@code δ' = δ/ln|W|}, and MOA's
 * choice of shrinking each part by its minimal length (5) minus one, which makes the test a little more cautious
 * than the paper's {@code m = 1/n0 + 1/n1}. A sample at which the window shrank answers {@link DetectorState#DRIFT};
 * ADWIN never warns and needs no restart: the shortened window is the new concept.
 *
 * <p><b>Edge cases.</b> Any finite value is accepted (the bound uses the window's own variance). A constant stream
 * has zero variance and never drifts unless its value changes by more than {@code (2/3) m d}. Checking at every
 * sample costs O(log W) per sample instead of amortised O(log W / 32), and finds a change up to 31 samples sooner.
 */
public final class Adwin extends StreamingDetector {

  /** The id used by {@code vigil detect --detector}. */
  public static final String ID = "adwin";

  private static final int BUCKETS_PER_ROW = 5;
  private static final int ROW_CAPACITY = BUCKETS_PER_ROW + 1;
  private static final int MAX_ROWS = 62;
  /** No check while the window is this short (MOA's mintMinimLongitudWindow). */
  private static final int MIN_WINDOW_TO_CHECK = 10;
  /** Each part of a split must be longer than this plus one (MOA's mintMinWinLength). */
  private static final int MIN_PART = 5;

  private final Options options;
  private final double[] totals = new double[MAX_ROWS * ROW_CAPACITY];
  private final double[] variances = new double[MAX_ROWS * ROW_CAPACITY];
  private final int[] rowSizes = new int[MAX_ROWS];
  private int rows;
  private long width;
  private double total;
  private double variance;
  private long clock;

  /** A detector with MOA 2024.07's defaults. */
  public Adwin() {
    this(Options.defaults());
  }

  public Adwin(Options options) {
    super(ID);
    this.options = options;
    restart();
  }

  public Options options() {
    return options;
  }

  @Override
  DetectorState step(double value) {
    insert(value);
    clock++;
    if (clock % options.checkInterval() != 0 || width <= MIN_WINDOW_TO_CHECK) {
      return DetectorState.STABLE;
    }
    boolean shrank = false;
    while (dropOldestIfCut()) {
      shrank = true;
    }
    return shrank ? DetectorState.DRIFT : DetectorState.STABLE;
  }

  /** Walks the bucket boundaries from the oldest; drops the oldest bucket at the first significant cut. */
  private boolean dropOldestIfCut() {
    double logTerm = Math.log(2 * Math.log(width) / options.delta());
    double windowVariance = Math.max(variance, 0) / width;
    long olderCount = 0;
    double olderSum = 0;
    for (int row = rows - 1; row >= 0; row--) {
      long size = 1L << row;
      int buckets = rowSizes[row];
      for (int k = 0; k < buckets; k++) {
        if (row == 0 && k == buckets - 1) {
          return false;
        }
        olderCount += size;
        olderSum += totals[row * ROW_CAPACITY + k];
        long newerCount = width - olderCount;
        if (olderCount > MIN_PART + 1 && newerCount > MIN_PART + 1) {
          double difference = olderSum / olderCount - (total - olderSum) / newerCount;
          double m = 1.0 / (olderCount - MIN_PART + 1) + 1.0 / (newerCount - MIN_PART + 1);
          // |difference| > √(2 m σ² d) + (2/3) m d, compared without the square root: this loop runs for every
          // bucket boundary, at every sample when checkInterval is 1.
          double excess = Math.abs(difference) - 2.0 / 3.0 * logTerm * m;
          if (excess > 0 && excess * excess > 2 * m * windowVariance * logTerm) {
            dropOldestBucket();
            return true;
          }
        }
      }
    }
    return false;
  }

  private void insert(double value) {
    width++;
    if (width > 1) {
      double deviation = value - total / (width - 1);
      variance += (width - 1) * deviation * deviation / width;
    }
    total += value;
    append(0, value, 0);
    for (int row = 0; rowSizes[row] == ROW_CAPACITY; row++) {
      // Merge the row's two oldest buckets (each 2^row samples) into one of the next row.
      int first = row * ROW_CAPACITY;
      double size = 1L << row;
      double meanGap = (totals[first] - totals[first + 1]) / size;
      append(row + 1, totals[first] + totals[first + 1],
          variances[first] + variances[first + 1] + size * meanGap * meanGap / 2);
      removeOldest(row, 2);
    }
  }

  private void append(int row, double sum, double squaredDeviations) {
    if (row == rows) {
      if (row == MAX_ROWS) {
        throw new IllegalStateException(ID + ": window longer than 2^" + MAX_ROWS + " samples");
      }
      rows++;
    }
    int at = row * ROW_CAPACITY + rowSizes[row]++;
    totals[at] = sum;
    variances[at] = squaredDeviations;
  }

  private void removeOldest(int row, int count) {
    int first = row * ROW_CAPACITY;
    int remaining = rowSizes[row] - count;
    System.arraycopy(totals, first + count, totals, first, remaining);
    System.arraycopy(variances, first + count, variances, first, remaining);
    rowSizes[row] = remaining;
  }

  private void dropOldestBucket() {
    int row = rows - 1;
    int at = row * ROW_CAPACITY;
    long size = 1L << row;
    width -= size;
    total -= totals[at];
    double gap = totals[at] / size - total / width;
    variance -= variances[at] + size * width * gap * gap / (size + width);
    removeOldest(row, 1);
    if (rowSizes[row] == 0) {
      rows--;
    }
  }

  @Override
  void restart() {
    java.util.Arrays.fill(rowSizes, 0);
    rows = 0;
    width = 0;
    total = 0;
    variance = 0;
    clock = 0;
  }

  @Override
  void startAfterDrift() {
    // The window already dropped its old part when the drift was found.
  }

  @Override
  double windowSum() {
    return total;
  }

  @Override
  long windowLength() {
    return width;
  }

  /**
   * ADWIN's options.
   *
   * @param delta confidence of the cut test, in (0, 1); smaller means fewer, later alarms (MOA's {@code -a}, 0.002)
   * @param checkInterval test for a cut every this many samples (MOA's clock, 32); 1 checks at every sample
   */
  public record Options(double delta, int checkInterval) {

    /** Names accepted by {@link #parse}. */
    public static final List<String> PARAMETERS = List.of("delta", "check_interval");

    public Options {
      Parameters.requireOpen("delta", delta, 0, 1);
      Parameters.requireAtLeast("check_interval", checkInterval, 1);
    }

    /** MOA 2024.07's defaults: delta 0.002, a check every 32 samples. */
    public static Options defaults() {
      return new Options(0.002, 32);
    }

    /** Options from {@code name → text}; missing names keep the defaults. */
    public static Options parse(Map<String, String> values) {
      Parameters p = new Parameters(ID, values, PARAMETERS);
      Options d = defaults();
      return new Options(p.real("delta", d.delta), p.integer("check_interval", d.checkInterval));
    }

    public Options withCheckInterval(int value) {
      return new Options(delta, value);
    }
  }
}
