package io.vigil.report;

import io.vigil.dataset.Column;
import io.vigil.drift.DriftResult;
import io.vigil.schema.FeatureType;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One feature's line of a drift report: the test that ran (or why none could), and both columns for the
 * quality figures and the distribution plots.
 *
 * @param result the method's outcome; empty when the feature was skipped
 * @param adjustedPValue the Benjamini–Hochberg adjusted p-value, when the correction was asked for
 * @param drifted the final decision (after the correction, if any)
 * @param skipped why no test ran; empty when one did
 */
public record FeatureDrift(
    String name,
    Optional<FeatureType> type,
    Optional<DriftResult> result,
    OptionalDouble adjustedPValue,
    boolean drifted,
    Optional<String> skipped,
    Column reference,
    Column current) {

  static FeatureDrift skipped(Column reference, Column current, String why) {
    return new FeatureDrift(reference.name(), reference.type(), Optional.empty(), OptionalDouble.empty(), false,
        Optional.of(why), reference, current);
  }

  static FeatureDrift tested(Column reference, Column current, DriftResult result) {
    return new FeatureDrift(reference.name(), reference.type(), Optional.of(result), OptionalDouble.empty(),
        result.drifted(), Optional.empty(), reference, current);
  }

  FeatureDrift withAdjusted(double adjusted, boolean decision) {
    return new FeatureDrift(name, type, result, OptionalDouble.of(adjusted), decision, skipped, reference, current);
  }

  public boolean wasTested() {
    return result.isPresent();
  }
}
