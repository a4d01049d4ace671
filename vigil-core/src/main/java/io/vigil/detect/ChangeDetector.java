package io.vigil.detect;

/**
 * A streaming concept-drift detector: it reads one number at a time (typically 1 for a wrong prediction and 0 for
 * a right one) and says whether the stream's mean has changed.
 *
 * <pre>{@code
 * ChangeDetector detector = new Ddm();                 // MOA's defaults
 * for (Prediction p : labeled) {
 *   DetectorState s = detector.update(p.correct() ? 0 : 1);
 *   if (s == DetectorState.DRIFT) alert();
 * }
 * DetectorSummary summary = detector.snapshot();       // immutable, safe to publish
 * }</pre>
 *
 * <p>After answering {@link DetectorState#DRIFT} a detector starts afresh by itself: the next sample is the first of
 * the new concept (ADWIN instead drops the old part of its window, which is its own way of starting afresh). There
 * is no need to call {@link #reset()} after a drift; it exists to forget everything, counters included.
 *
 * <p>Values must be finite: NaN and ±∞ are rejected with an {@link IllegalArgumentException} quoting the value, and
 * leave the detector as it was. Detectors built for error indicators (DDM, EDDM) accept only 0 and 1, and HDDM-A
 * only [0, 1], the range its Hoeffding bound assumes. Instances are not thread-safe; publish {@link #snapshot()}.
 */
public interface ChangeDetector {

  /** The detector's id: {@code ddm}, {@code eddm}, {@code adwin}, {@code page_hinkley} or {@code hddm_a}. */
  String id();

  /** Reads one sample and returns the conclusion, which {@link #state()} then also answers. */
  DetectorState update(double value);

  /** The conclusion after the latest sample; {@link DetectorState#STABLE} before any. */
  DetectorState state();

  /** Forgets every sample and counter, as if the detector were new (its options stay). */
  void reset();

  /** An immutable copy of the detector's state and counters. */
  DetectorSummary snapshot();
}
