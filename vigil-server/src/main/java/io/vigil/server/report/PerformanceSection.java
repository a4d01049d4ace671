package io.vigil.server.report;

import io.vigil.performance.ClassificationResult;
import io.vigil.performance.RegressionResult;
import java.util.Optional;

/**
 * Model performance on the reference and the current sample, side by side.
 *
 * <pre>{@code
 * PerformanceSection p = new PerformanceSection("binary_classification", "given", "label", "prediction",
 *     Optional.of("score"), Optional.of(referencePerformance), currentPerformance, Optional.empty());
 * }</pre>
 *
 * @param task {@code binary_classification}, {@code multiclass_classification} or {@code regression}
 * @param taskSource how the task was chosen: "given" (--task) or the inference's reasoning
 * @param reference empty when the reference has no labels (its reason in {@code referenceNote})
 */
public record PerformanceSection(String task, String taskSource, String labelColumn, String predictionColumn,
    Optional<String> scoreColumn, Optional<SamplePerformance> reference, SamplePerformance current,
    Optional<String> referenceNote) {

  /**
   * One sample's metrics: exactly one of {@code classification} and {@code regression} is present.
   *
   * @param rows all rows of the sample
   * @param labeled rows with both a label and a prediction, the ones measured
   * @param actual for regression, a sample of (at most a few thousand) targets, for the residual plot
   * @param predicted the predictions of the same rows as {@code actual}
   */
  public record SamplePerformance(String source, long rows, long labeled,
      Optional<ClassificationResult> classification, Optional<RegressionResult> regression, double[] actual,
      double[] predicted) {}
}
