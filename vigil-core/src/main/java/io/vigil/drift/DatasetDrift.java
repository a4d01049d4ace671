package io.vigil.drift;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Dataset-level drift: the share of tested features that drifted, and whether that share reaches a settable level,
 * optionally after a Benjamini–Hochberg correction of the features' p-values.
 *
 * <pre>{@code
 * DatasetDriftResult r = new DatasetDrift()          // share ≥ 0.5, no correction
 *     .withBenjaminiHochberg(true)
 *     .evaluate(Map.of("amount", amountResult, "country", countryResult));
 * r.driftShare();     // 0.5
 * r.datasetDrift();   // true
 * }</pre>
 *
 * <p><b>Definition</b> (SPEC section 6). {@code drift_share = drifted / tested} over the features given, and
 * {@code dataset_drift = drift_share ≥ share} (0.5 unless set). With the correction on, the p-values of the
 * features tested by p-value methods (those whose {@link DriftResult#pValue()} is present) are adjusted together
 * with {@link BenjaminiHochberg#adjust}; each such feature then reports its adjusted p-value and counts as drifted
 * when it drifted before and its adjusted p-value is still below its own threshold. (Adjusted p-values are never
 * smaller, so the correction only ever clears features; keeping the first condition keeps a sketch-path result's
 * conservative decision.) Distance methods have no p-value and are left as they are. Testing many features at
 * p < 0.05 flags one in twenty unchanged features by chance; the correction bounds the expected share of such
 * false alarms among the flagged ones instead.
 *
 * <p><b>Edge cases.</b> No features: share 0, no dataset drift. Instances are immutable.
 */
public final class DatasetDrift {

  /** SPEC section 6: a dataset drifts when at least half of its features do. */
  public static final double DEFAULT_DRIFT_SHARE = 0.5;

  private final double share;
  private final boolean benjaminiHochberg;

  /** Share 0.5, no correction. */
  public DatasetDrift() {
    this(DEFAULT_DRIFT_SHARE, false);
  }

  private DatasetDrift(double share, boolean benjaminiHochberg) {
    this.share = share;
    this.benjaminiHochberg = benjaminiHochberg;
  }

  /** The share of drifted features, in (0, 1], at which the dataset counts as drifted. */
  public DatasetDrift withDriftShare(double share) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("drift share " + share + " is outside (0, 1]");
    }
    return new DatasetDrift(share, benjaminiHochberg);
  }

  /** Whether to correct the p-value methods' p-values across features before deciding. */
  public DatasetDrift withBenjaminiHochberg(boolean enabled) {
    return new DatasetDrift(share, enabled);
  }

  public double driftShare() {
    return share;
  }

  public boolean benjaminiHochberg() {
    return benjaminiHochberg;
  }

  /** Evaluates per-feature results, keyed by feature name; the result keeps the map's iteration order. */
  public DatasetDriftResult evaluate(Map<String, DriftResult> features) {
    Map<String, DriftResult> decided = benjaminiHochberg ? corrected(features) : new LinkedHashMap<>(features);
    int drifted = 0;
    for (DriftResult result : decided.values()) {
      if (result.drifted()) {
        drifted++;
      }
    }
    int tested = decided.size();
    double observed = tested == 0 ? 0.0 : (double) drifted / tested;
    return new DatasetDriftResult(Collections.unmodifiableMap(decided), tested, drifted, observed,
        tested > 0 && observed >= share);
  }

  private static Map<String, DriftResult> corrected(Map<String, DriftResult> features) {
    List<String> tests = new ArrayList<>();
    for (Map.Entry<String, DriftResult> e : features.entrySet()) {
      if (e.getValue().pValue().isPresent()) {
        tests.add(e.getKey());
      }
    }
    double[] pValues = new double[tests.size()];
    for (int i = 0; i < pValues.length; i++) {
      pValues[i] = features.get(tests.get(i)).pValue().getAsDouble();
    }
    double[] adjusted = BenjaminiHochberg.adjust(pValues);
    Map<String, DriftResult> out = new LinkedHashMap<>(features);
    for (int i = 0; i < adjusted.length; i++) {
      DriftResult r = out.get(tests.get(i));
      boolean drifted = r.drifted() && adjusted[i] < r.threshold();
      out.put(tests.get(i), new DriftResult(r.method(), r.statistic(), OptionalDouble.of(adjusted[i]),
          r.threshold(), drifted, r.statisticError()));
    }
    return out;
  }
}
