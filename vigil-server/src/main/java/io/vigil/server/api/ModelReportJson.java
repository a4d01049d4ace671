package io.vigil.server.api;

import io.vigil.performance.ClassMetrics;
import io.vigil.performance.ClassificationResult;
import io.vigil.performance.MetricValue;
import io.vigil.server.report.FeatureQuality;
import io.vigil.server.report.ModelReport;
import io.vigil.server.report.PerformanceSection;
import io.vigil.server.report.PerformanceSection.SamplePerformance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of {@code vigil report --format json}: the drift report exactly as {@link DriftReportJson}, the
 * data-quality lines, and performance shaped like SPEC section 4's {@code realized} block. A metric that is
 * undefined is {@code null} in {@code metrics}, with its reason under {@code absent}.
 *
 * <pre>{@code
 * String s = Json.MAPPER.writeValueAsString(ModelReportJson.of(modelReport));
 * }</pre>
 */
public final class ModelReportJson {

  private ModelReportJson() {}

  /** The whole report. */
  public record Report(DriftReportJson.Report drift, List<FeatureQuality> dataQuality, Performance performance,
      List<String> notes) {}

  /** Performance of both samples; {@code reference} null when the reference has no labels. */
  public record Performance(String task, String taskSource, String labelColumn, String predictionColumn,
      String scoreColumn, Sample reference, Sample current, String referenceNote) {}

  /** One sample's metrics. */
  public record Sample(String source, long rows, long labeled, Map<String, Double> metrics,
      Map<String, String> absent, Classification classification) {}

  /** The classification details: classes, confusion matrix rows (true) by columns (predicted), averages. */
  public record Classification(List<String> classes, String positiveClass, long[][] confusionMatrix,
      ClassMetrics macro, ClassMetrics weighted, Map<String, ClassMetrics> perClass,
      List<io.vigil.performance.CalibrationBin> calibration) {}

  public static Report of(ModelReport m) {
    return new Report(DriftReportJson.of(m.drift()), m.quality(), m.performance().map(ModelReportJson::of)
        .orElse(null), m.notes());
  }

  private static Performance of(PerformanceSection p) {
    return new Performance(p.task(), p.taskSource(), p.labelColumn(), p.predictionColumn(),
        p.scoreColumn().orElse(null), p.reference().map(ModelReportJson::of).orElse(null), of(p.current()),
        p.referenceNote().orElse(null));
  }

  private static Sample of(SamplePerformance s) {
    Map<String, MetricValue> headline = s.classification().map(ClassificationResult::headline)
        .orElseGet(() -> s.regression().map(r -> r.headline()).orElse(Map.of()));
    Map<String, Double> metrics = new LinkedHashMap<>();
    Map<String, String> absent = new LinkedHashMap<>();
    headline.forEach((k, v) -> {
      metrics.put(k, v.isPresent() ? v.value().getAsDouble() : null);
      v.absentReason().ifPresent(r -> absent.put(k, r));
    });
    Classification c = s.classification().map(r -> new Classification(r.classes(), r.positiveClass().orElse(null),
        r.confusion().counts(), r.macro(), r.weighted(), r.perClass(),
        r.calibration().stream().filter(b -> b.count() > 0).toList())).orElse(null);
    return new Sample(s.source(), s.rows(), s.labeled(), metrics, absent, c);
  }
}
