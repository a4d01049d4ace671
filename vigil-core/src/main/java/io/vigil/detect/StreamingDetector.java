package io.vigil.detect;

/**
 * What every detector shares: input checks, the counters behind {@link DetectorSummary}, and starting afresh after
 * a drift. A subclass supplies one step of its test and the restart of its statistics.
 */
abstract class StreamingDetector implements ChangeDetector {

  private final String id;
  private DetectorState state = DetectorState.STABLE;
  private long samples;
  private long drifts;
  private long warnings;

  StreamingDetector(String id) {
    this.id = id;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final DetectorState update(double value) {
    checkValue(value);
    if (state == DetectorState.DRIFT) {
      // Lazily, so that a snapshot taken right after a drift still shows the statistics that caused it.
      startAfterDrift();
    }
    DetectorState next = step(value);
    state = next;
    samples++;
    if (next == DetectorState.DRIFT) {
      drifts++;
    } else if (next == DetectorState.WARNING) {
      warnings++;
    }
    return next;
  }

  @Override
  public final DetectorState state() {
    return state;
  }

  @Override
  public final void reset() {
    restart();
    state = DetectorState.STABLE;
    samples = 0;
    drifts = 0;
    warnings = 0;
  }

  @Override
  public final DetectorSummary snapshot() {
    long length = windowLength();
    return new DetectorSummary(id, state, samples, drifts, warnings, length == 0 ? 0.0 : windowSum() / length,
        length);
  }

  /** Rejects a value outside what the detector's test assumes, quoting it; the default accepts any finite value. */
  void checkValue(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(id + ": values must be finite, got " + value);
    }
  }

  /** For detectors of error indicators: 0 (right) or 1 (wrong). */
  final void requireZeroOrOne(double value) {
    if (value != 0.0 && value != 1.0) {
      throw new IllegalArgumentException(id + ": values must be 0 or 1 (an error indicator), got " + value);
    }
  }

  /** Reads one valid sample and returns the conclusion. */
  abstract DetectorState step(double value);

  /** Forgets the test's statistics (not the counters). */
  abstract void restart();

  /** Called before the first sample after a drift; restarts the statistics unless the detector adapts itself. */
  void startAfterDrift() {
    restart();
  }

  /** The sum of the samples the current statistics rest on. */
  abstract double windowSum();

  /** How many samples the current statistics rest on. */
  abstract long windowLength();
}
