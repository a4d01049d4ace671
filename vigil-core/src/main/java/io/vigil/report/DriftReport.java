package io.vigil.report;

import java.util.List;

/**
 * A dataset's drift: one line per feature present in both samples, the share that drifted, and the columns
 * that could not be compared. Shaped after SPEC section 4's drift report.
 *
 * <pre>{@code
 * DriftReport r = DriftAnalysis.compare(reference, current, DriftOptions.defaults());
 * r.driftShare();     // 0.25
 * r.datasetDrift();   // false
 * }</pre>
 *
 * @param driftShare drifted features / tested features (0 when none was tested)
 * @param datasetDrift whether {@code driftShare ≥ options.driftShareThreshold()}
 * @param onlyInReference columns missing from the current sample, skipped
 * @param onlyInCurrent columns missing from the reference, skipped
 */
public record DriftReport(
    String referenceSource,
    long referenceRows,
    String currentSource,
    long currentRows,
    List<FeatureDrift> features,
    double driftShare,
    boolean datasetDrift,
    DriftOptions options,
    List<String> onlyInReference,
    List<String> onlyInCurrent) {

  public DriftReport {
    features = List.copyOf(features);
    onlyInReference = List.copyOf(onlyInReference);
    onlyInCurrent = List.copyOf(onlyInCurrent);
  }

  public long testedCount() {
    return features.stream().filter(FeatureDrift::wasTested).count();
  }

  public long driftedCount() {
    return features.stream().filter(FeatureDrift::drifted).count();
  }
}
