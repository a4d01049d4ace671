package io.vigil.detect;

/**
 * An immutable picture of a {@link ChangeDetector}, made by {@link ChangeDetector#snapshot()}; later updates of
 * the detector leave it unchanged.
 *
 * <pre>{@code
 * DetectorSummary s = detector.snapshot();
 * s.state();          // DRIFT
 * s.drifts();         // 2 changes seen so far
 * s.mean();           // 0.31: the error rate the detector currently estimates
 * }</pre>
 *
 * @param detector the detector's id, as in {@link ChangeDetectors#ids()}
 * @param state the conclusion after the latest sample ({@link DetectorState#STABLE} before any)
 * @param samples samples seen since the detector was made or {@link ChangeDetector#reset() reset}
 * @param drifts how many of them were answered with {@link DetectorState#DRIFT}
 * @param warnings how many of them were answered with {@link DetectorState#WARNING}
 * @param mean the mean of the samples the detector's current statistics rest on (since its last restart; ADWIN:
 *     its window); 0 when {@code windowLength} is 0
 * @param windowLength how many samples {@code mean} covers
 */
public record DetectorSummary(
    String detector, DetectorState state, long samples, long drifts, long warnings, double mean, long windowLength) {}
