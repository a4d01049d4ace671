package io.vigil.profile;

import io.vigil.drift.EmpiricalDistribution;
import java.util.Arrays;
import java.util.Optional;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.kll.KllSketch;
import org.apache.datasketches.quantilescommon.DoublesSortedView;

/**
 * The mergeable profile of one numeric feature: row counts, moments, a KLL quantile sketch and a uniform sample.
 *
 * <pre>{@code
 * NumericProfile amount = new NumericProfile(NumericProfile.Options.BUCKET);
 * amount.update(12.5);
 * amount.updateMissing();      // null or empty cell
 * amount.updateTypeError();    // "12,5 EUR" in a numeric column
 * amount.update(Double.NaN);   // counted as non-finite, kept out of moments and sketch
 * EmpiricalDistribution d = amount.distribution();   // exact here: one finite value
 * double tolerance = amount.rankError();             // 0.0 while exact
 * }</pre>
 *
 * <p><b>Rows.</b> {@link #count()} counts every row; each row is also counted in exactly one of {@link #missing()},
 * {@link #nonFinite()} (NaN, ±∞), {@link #typeErrors()} (a value the caller could not read as a number) or
 * {@link #finiteCount()}. Only finite values reach the moments, the sketch and the sample.
 *
 * <p><b>Distribution and its bound.</b> While the sample still holds every finite value seen
 * ({@code finiteCount() ≤ sampleCapacity()}), {@link #distribution()} is exact: {@code EmpiricalDistribution.of}
 * the values, so offline and server statistics agree with SciPy. Beyond that it is the KLL sketch's sorted view
 * (Karnin, Lang and Liberty, "Optimal quantile approximation in streams", FOCS 2016; Apache DataSketches
 * {@code KllDoublesSketch}) with the exact mean and standard deviation from the moments, and
 * {@link #rankError()} = {@code KllSketch.getNormalizedRankError(minK, false)}: for every x at once,
 * {@code |distribution().cdf(x) − F(x)| ≤ rankError()} with 99% confidence (DataSketches fits it to the 99th
 * percentile of the maximum rank error over all ranks, so it also bounds a KS-style supremum). For k = 200 that is
 * 1.33%, for k = 1600 0.18%. A histogram bin is a difference of two ranks; DataSketches' two-sided figure for it is
 * {@code getNormalizedRankError(k, true)}: 1.65% at k = 200.
 *
 * <p><b>Different k.</b> KLL merges sketches of any k; the result keeps the receiver's k for later updates, but its
 * error is that of the smallest k ever merged in, tracked here as {@code minK} (even an empty profile of smaller k
 * lowers it, which keeps merge commutative). A k = 1600 reference merged with one k = 200 bucket has the bucket's
 * 1.33%, so build references with {@link Options#REFERENCE} throughout.
 *
 * <p><b>Sample.</b> A bottom-k uniform sample without replacement (see {@code UniformSample}); on merge its capacity
 * becomes the smaller of the two. Seed profiles that will be merged with different {@link Options#sampleSeed()}s.
 *
 * <p><b>Edge cases.</b> No finite value: {@link #distribution()} throws {@link IllegalStateException}. One value or a
 * constant column: a one-step distribution, std 0. {@code -0.0} and {@code 0.0} are one value.
 *
 * <p><b>Threads.</b> Confine a profile to one thread and publish {@link #snapshot()}: even reads such as
 * {@link #distribution()} or being merged into another profile may reorganize the KLL sketch internally (it sorts
 * its level 0 in place).
 *
 * <p><b>Invariants</b> (checked after every operation in tests): {@code count = missing + nonFinite + typeErrors +
 * finiteCount}; the sketch and the moments have seen {@code finiteCount} values; the sample holds
 * {@code min(sampleCapacity, finiteCount)} of them; {@code 8 ≤ minK ≤ k}.
 */
public final class NumericProfile implements Mergeable<NumericProfile> {

  /** Largest accepted sample capacity: 2^20 values, 16 MiB of sample. */
  public static final int MAX_SAMPLE_CAPACITY = 1 << 20;

  /**
   * Sizes of a numeric profile.
   *
   * @param sketchK KLL's k, 8 to 65535: the rank error shrinks about as 1/k, the sketch grows about as k
   * @param sampleCapacity how many finite values the sample keeps, 1 to {@link #MAX_SAMPLE_CAPACITY}; up to this many
   *     values the distribution is exact; 16 bytes each when serialized
   * @param sampleSeed where the sample's priority sequence starts
   */
  public record Options(int sketchK, int sampleCapacity, long sampleSeed) {

    /** Per-minute buckets: k = 200 (1.33% rank error); exact up to 1000 values, SPEC's limit for exact KS. */
    public static final Options BUCKET = new Options(200, 1000, 0);

    /** References: k = 1600 (0.18% rank error); exact up to 1000 values. */
    public static final Options REFERENCE = new Options(1600, 1000, 0);

    public Options {
      if (sketchK < 8 || sketchK > KllSketch.MAX_K) {
        throw new IllegalArgumentException("sketch k " + sketchK + " is outside [8, " + KllSketch.MAX_K + "]");
      }
      if (sampleCapacity < 1 || sampleCapacity > MAX_SAMPLE_CAPACITY) {
        throw new IllegalArgumentException(
            "sample capacity " + sampleCapacity + " is outside [1, " + MAX_SAMPLE_CAPACITY + "]");
      }
    }

    /** The same sizes with another sample seed, e.g. derived from a bucket's start time. */
    public Options withSampleSeed(long seed) {
      return new Options(sketchK, sampleCapacity, seed);
    }
  }

  private long count;
  private long missing;
  private long nonFinite;
  private long typeErrors;
  private int minK;
  private final MomentsProfile moments;
  private final KllDoublesSketch sketch;
  private final UniformSample sample;

  /** An empty profile with {@link Options#BUCKET}. */
  public NumericProfile() {
    this(Options.BUCKET);
  }

  public NumericProfile(Options options) {
    this(new RowCounts(0, 0, 0, 0), options.sketchK(), new MomentsProfile(),
        KllDoublesSketch.newHeapInstance(options.sketchK()),
        new UniformSample(options.sampleCapacity(), options.sampleSeed()));
  }

  /** Assembles a profile from validated parts (codec, copy). */
  NumericProfile(RowCounts counts, int minK, MomentsProfile moments, KllDoublesSketch sketch, UniformSample sample) {
    this.count = counts.count();
    this.missing = counts.missing();
    this.nonFinite = counts.nonFinite();
    this.typeErrors = counts.typeErrors();
    this.minK = minK;
    this.moments = moments;
    this.sketch = sketch;
    this.sample = sample;
  }

  /** Adds one value; NaN and ±∞ are counted in {@link #nonFinite()} and go nowhere else. */
  public void update(double x) {
    count++;
    if (!Double.isFinite(x)) {
      nonFinite++;
      return;
    }
    moments.update(x);
    sketch.update(x);
    sample.offer(x);
  }

  /** Counts a row whose value is absent (null, empty cell). */
  public void updateMissing() {
    count++;
    missing++;
  }

  /** Counts a row whose value does not fit the numeric type, such as text in a numeric column. */
  public void updateTypeError() {
    count++;
    typeErrors++;
  }

  @Override
  public NumericProfile merge(NumericProfile other) {
    NumericProfile source = other == this ? other.copy() : other;
    count = Math.addExact(count, source.count);
    missing += source.missing;
    nonFinite += source.nonFinite;
    typeErrors += source.typeErrors;
    minK = Math.min(minK, source.minK);
    moments.merge(source.moments);
    sketch.merge(source.sketch);
    sample.merge(source.sample);
    return this;
  }

  @Override
  public NumericProfile copy() {
    return new NumericProfile(rowCounts(), minK, moments.copy(), copyOf(sketch), sample.copy());
  }

  /**
   * The distribution of the finite values: exact while {@link #isExact()}, else the sketch's steps with
   * {@link #rankError()} attached.
   *
   * @throws IllegalStateException when no finite value has been seen
   */
  public EmpiricalDistribution distribution() {
    long n = finiteCount();
    if (n == 0) {
      throw new IllegalStateException("no finite values to describe: " + count + " rows, " + missing + " missing, "
          + nonFinite + " non-finite, " + typeErrors + " type errors");
    }
    if (n <= sample.capacity()) {
      return EmpiricalDistribution.of(sample.sortedValues());
    }
    DoublesSortedView view = sketch.getSortedView();
    double[] items = view.getQuantiles();
    long[] weights = view.getCumulativeWeights();
    // ofWeighted wants strictly increasing steps. The sorted view repeats a value once per level that retains it
    // (and treats -0.0 and 0.0 as one), so equal items collapse into one step keeping the last cumulative weight;
    // DataSketches 6.2.0 also emits an occasional item of weight zero, which carries no mass and is skipped.
    double[] values = new double[items.length];
    double[] cumulative = new double[items.length];
    int steps = 0;
    long previous = 0;
    for (int i = 0; i < items.length; i++) {
      if (weights[i] == previous) {
        continue;
      }
      previous = weights[i];
      if (steps > 0 && items[i] == values[steps - 1]) {
        cumulative[steps - 1] = weights[i];
      } else {
        values[steps] = items[i];
        cumulative[steps++] = weights[i];
      }
    }
    MomentsSummary m = moments.snapshot();
    return EmpiricalDistribution.ofWeighted(Arrays.copyOf(values, steps), Arrays.copyOf(cumulative, steps), n,
        m.mean(), m.populationStandardDeviation(), rankError());
  }

  /**
   * Whether {@link #distribution()} is exact: the sample holds every finite value, or the sketch has never compacted
   * (KLL keeps every item at weight one until its first compaction).
   */
  public boolean isExact() {
    return finiteCount() <= sample.capacity() || !sketch.isEstimationMode();
  }

  /**
   * The bound on {@code |distribution().cdf(x) − F(x)|} for all x at once, at 99% confidence: 0 while
   * {@link #isExact()}, else {@code KllSketch.getNormalizedRankError(minK, false)}. Tests use this number as their
   * tolerance.
   */
  public double rankError() {
    return isExact() ? 0.0 : KllSketch.getNormalizedRankError(minK, false);
  }

  /** The values of the uniform sample, sorted ascending: every finite value while {@link #isExact()} by sample. */
  public double[] sample() {
    return sample.sortedValues();
  }

  /** An immutable summary; later updates to this profile do not change it. */
  public NumericSummary snapshot() {
    return new NumericSummary(count, missing, nonFinite, typeErrors, moments.snapshot(),
        finiteCount() == 0 ? Optional.empty() : Optional.of(distribution()));
  }

  public long count() {
    return count;
  }

  public long missing() {
    return missing;
  }

  public long nonFinite() {
    return nonFinite;
  }

  public long typeErrors() {
    return typeErrors;
  }

  /** Rows with a finite value: the ones moments, sketch and sample describe. */
  public long finiteCount() {
    return moments.count();
  }

  /** Mean, variance, min and max of the finite values. */
  public MomentsSummary moments() {
    return moments.snapshot();
  }

  /** The k this profile's own sketch was built with. */
  public int sketchK() {
    return sketch.getK();
  }

  /** The smallest k merged into this profile, which sets {@link #rankError()}. */
  public int minSketchK() {
    return minK;
  }

  public int sampleCapacity() {
    return sample.capacity();
  }

  RowCounts rowCounts() {
    return new RowCounts(count, missing, nonFinite, typeErrors);
  }

  KllDoublesSketch sketch() {
    return sketch;
  }

  UniformSample uniformSample() {
    return sample;
  }

  /** Throws {@link IllegalStateException} naming the first broken invariant of the class comment. */
  void checkInvariants() {
    long accounted = missing + nonFinite + typeErrors + finiteCount();
    if (count != accounted || missing < 0 || nonFinite < 0 || typeErrors < 0) {
      throw new IllegalStateException("row counts do not add up: " + rowCounts() + ", finite " + finiteCount());
    }
    if (sketch.getN() != finiteCount() || sample.size() != Math.min(sample.capacity(), finiteCount())) {
      throw new IllegalStateException("sketch n " + sketch.getN() + " or sample size " + sample.size()
          + " does not match " + finiteCount() + " finite values");
    }
    if (minK < 8 || minK > sketch.getK()) {
      throw new IllegalStateException("min k " + minK + " is outside [8, " + sketch.getK() + "]");
    }
  }

  static KllDoublesSketch copyOf(KllDoublesSketch sketch) {
    return KllDoublesSketch.heapify(SketchMemory.wrap(SketchMemory.image(sketch)));
  }
}
