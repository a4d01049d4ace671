package io.vigil.detect;

/**
 * What a {@link ChangeDetector} concluded after its latest sample.
 *
 * <pre>{@code
 * if (detector.update(error) == DetectorState.DRIFT) {
 *   retrain();
 * }
 * }</pre>
 */
public enum DetectorState {
  /** No evidence of change. */
  STABLE,
  /** The stream may be changing: the warning level is crossed but not the drift level. Not every detector warns. */
  WARNING,
  /** The stream changed. The detector restarts its statistics with the next sample. */
  DRIFT
}
