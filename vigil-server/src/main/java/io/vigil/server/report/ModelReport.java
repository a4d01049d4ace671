package io.vigil.server.report;

import io.vigil.report.DriftReport;
import java.util.List;
import java.util.Optional;

/**
 * What {@code vigil report} shows: feature drift, the current sample's data quality, and model performance when
 * the files carry labels and predictions.
 *
 * <pre>{@code
 * ModelReport m = new ModelReport(drift, DataQuality.of(drift), Optional.of(performance), List.of());
 * HtmlModelReport.write(m, out);
 * }</pre>
 *
 * @param drift feature drift; the label, prediction and score columns are not among its features
 * @param quality one line per feature of the current sample
 * @param performance empty when the current sample has no label column
 * @param notes what the reader should know about how the report was made (an inferred task, excluded columns)
 */
public record ModelReport(DriftReport drift, List<FeatureQuality> quality, Optional<PerformanceSection> performance,
    List<String> notes) {

  public ModelReport {
    quality = List.copyOf(quality);
    notes = List.copyOf(notes);
  }
}
