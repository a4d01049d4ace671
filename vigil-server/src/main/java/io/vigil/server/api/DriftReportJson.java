package io.vigil.server.api;

import io.vigil.dataset.Column;
import io.vigil.drift.DriftResult;
import io.vigil.report.DriftReport;
import io.vigil.report.FeatureDrift;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The JSON shape of a drift report, shared by {@code GET /models/{m}/drift} and {@code vigil drift --format json}
 * (SPEC section 4): the fields the SPEC requires, plus the sketch error bound, skip reasons and data quality.
 */
public final class DriftReportJson {

  private DriftReportJson() {}

  /** A sample's size and origin. */
  public record Sample(String source, long rows) {}

  /** Quality counts of one column of one sample. */
  public record Quality(long rows, long missing, long nonFinite, long typeErrors, List<Long> typeErrorLines) {
    static Quality of(Column c) {
      return new Quality(c.rows(), c.missing(), c.nonFinite(), c.typeErrors(), c.typeErrorLines());
    }
  }

  /** One feature; {@code pValue} is null for distance methods, {@code method} null when skipped. */
  public record Feature(
      String name,
      String type,
      String method,
      Double statistic,
      Double pValue,
      Double pValueAdjusted,
      Double threshold,
      boolean drifted,
      Double statisticError,
      String skipped,
      Quality reference,
      Quality current) {}

  /** The whole report. */
  public record Report(
      Sample reference,
      Sample current,
      List<Feature> features,
      double driftShare,
      double driftShareThreshold,
      boolean datasetDrift,
      String correction,
      List<String> onlyInReference,
      List<String> onlyInCurrent) {}

  public static Report of(DriftReport r) {
    List<Feature> features = r.features().stream().map(DriftReportJson::feature).collect(Collectors.toList());
    return new Report(new Sample(r.referenceSource(), r.referenceRows()),
        new Sample(r.currentSource(), r.currentRows()), features, r.driftShare(), r.options().driftShareThreshold(),
        r.datasetDrift(), r.options().benjaminiHochberg() ? "benjamini_hochberg" : "none", r.onlyInReference(),
        r.onlyInCurrent());
  }

  private static Feature feature(FeatureDrift f) {
    String type = f.type().map(t -> t.id()).orElse(null);
    Quality ref = Quality.of(f.reference());
    Quality cur = Quality.of(f.current());
    if (f.result().isEmpty()) {
      return new Feature(f.name(), type, null, null, null, null, null, false, null, f.skipped().orElse(null), ref,
          cur);
    }
    DriftResult d = f.result().get();
    return new Feature(f.name(), type, d.method(), d.statistic(),
        d.pValue().isPresent() ? d.pValue().getAsDouble() : null,
        f.adjustedPValue().isPresent() ? f.adjustedPValue().getAsDouble() : null,
        d.threshold(), f.drifted(), d.statisticError(), null, ref, cur);
  }
}
