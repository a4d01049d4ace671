package io.vigil.report;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How a drift report is computed.
 *
 * <pre>{@code
 * DriftOptions o = DriftOptions.defaults().withMethod("psi", OptionalDouble.of(0.2));
 * }</pre>
 *
 * @param method a method id for every feature it applies to; the others use {@code auto}
 * @param threshold the threshold for {@code method} (requires a method)
 * @param driftShareThreshold dataset drift when at least this share of tested features drifted (SPEC: 0.5)
 * @param benjaminiHochberg whether p-value methods' p-values are adjusted for the number of features tested
 */
public record DriftOptions(
    Optional<String> method, OptionalDouble threshold, double driftShareThreshold, boolean benjaminiHochberg) {

  public DriftOptions {
    if (threshold.isPresent() && method.isEmpty()) {
      throw new IllegalArgumentException("a threshold needs a method: thresholds mean p-values for some methods"
          + " and distances for others");
    }
    if (!(driftShareThreshold > 0 && driftShareThreshold <= 1)) {
      throw new IllegalArgumentException("drift share threshold " + driftShareThreshold + " is outside (0, 1]");
    }
  }

  public static DriftOptions defaults() {
    return new DriftOptions(Optional.empty(), OptionalDouble.empty(), io.vigil.drift.DatasetDrift.DEFAULT_DRIFT_SHARE, false);
  }

  public DriftOptions withMethod(String id, OptionalDouble methodThreshold) {
    return new DriftOptions(Optional.of(id), methodThreshold, driftShareThreshold, benjaminiHochberg);
  }

  public DriftOptions withDriftShare(double share) {
    return new DriftOptions(method, threshold, share, benjaminiHochberg);
  }

  public DriftOptions withBenjaminiHochberg(boolean on) {
    return new DriftOptions(method, threshold, driftShareThreshold, on);
  }
}
