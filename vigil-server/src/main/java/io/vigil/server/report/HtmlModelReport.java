package io.vigil.server.report;

import io.vigil.performance.ClassificationResult;
import io.vigil.performance.ConfusionMatrix;
import io.vigil.performance.MetricValue;
import io.vigil.server.report.PerformanceSection.SamplePerformance;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code vigil report} as one self-contained HTML file: performance (metrics side by side, confusion matrix,
 * calibration or residual plot), the drift table, data quality, and the distribution plots. Inline CSS and SVG
 * only: no script, no network, every user-supplied name escaped.
 *
 * <pre>{@code
 * HtmlModelReport.write(modelReport, new PrintWriter(Files.newBufferedWriter(path)));
 * }</pre>
 */
public final class HtmlModelReport {

  /** Metrics where lower is better: a rise is shown as a worsening. */
  private static final Set<String> LOWER_IS_BETTER = Set.of("log_loss", "brier_score", "expected_calibration_error",
      "mae", "rmse", "mape");

  private HtmlModelReport() {}

  public static void write(ModelReport m, PrintWriter out) {
    HtmlPage.open(out, "Vigil model report: " + m.drift().currentSource(), "Model report", m.drift());
    HtmlDriftReport.verdict(m.drift(), out);
    if (!m.notes().isEmpty()) {
      out.println("<ul class=\"muted\">");
      m.notes().forEach(n -> out.println("<li>" + Html.escape(n) + "</li>"));
      out.println("</ul>");
    }
    m.performance().ifPresent(p -> performance(p, out));
    out.println("<section><h2>Feature drift</h2>");
    HtmlDriftReport.table(m.drift(), out);
    out.println("</section>");
    quality(m.quality(), out);
    HtmlDriftReport.plots(m.drift(), out);
    HtmlPage.close(out);
  }

  private static void performance(PerformanceSection p, PrintWriter out) {
    out.println("<section id=\"performance\"><h2>Performance</h2>");
    out.printf(Locale.ROOT, "<p class=\"muted\">Task: %s (%s). Label column <b>%s</b>, prediction column <b>%s</b>%s."
            + " Definitions as scikit-learn's.</p>%n", p.task(), Html.escape(p.taskSource()),
        Html.escape(p.labelColumn()), Html.escape(p.predictionColumn()),
        p.scoreColumn().map(s -> ", score column <b>" + Html.escape(s) + "</b>").orElse(""));
    p.referenceNote().ifPresent(n -> out.println("<p class=\"muted\">" + Html.escape(n) + "</p>"));
    Map<String, MetricValue> cur = headline(p.current());
    Map<String, MetricValue> ref = p.reference().map(HtmlModelReport::headline).orElse(Map.of());
    out.println("<div class=\"scroll\"><table style=\"width:auto\"><caption class=\"muted\">Metrics</caption><thead><tr>"
        + "<th scope=\"col\">Metric</th><th scope=\"col\">Reference</th><th scope=\"col\">Current</th>"
        + "<th scope=\"col\">Change</th></tr></thead><tbody>");
    out.printf(Locale.ROOT, "<tr><td>labeled rows</td><td class=\"n\">%s</td><td class=\"n\">%,d of %,d</td><td></td></tr>%n",
        p.reference().map(r -> String.format(Locale.ROOT, "%,d of %,d", r.labeled(), r.rows())).orElse("–"),
        p.current().labeled(), p.current().rows());
    for (Map.Entry<String, MetricValue> e : cur.entrySet()) {
      MetricValue r = ref.get(e.getKey());
      String change = "";
      String cls = "n";
      if (r != null && r.isPresent() && e.getValue().isPresent()) {
        double d = e.getValue().value().getAsDouble() - r.value().getAsDouble();
        change = (d > 0 ? "+" : "") + TextDriftReport.number(d);
        boolean worse = LOWER_IS_BETTER.contains(e.getKey()) ? d > 0 : d < 0;
        cls = Math.abs(d) < 1e-12 ? "n" : worse ? "n worse" : "n better";
      }
      out.println("<tr><td>" + e.getKey() + "</td><td class=\"n\">" + cell(r) + "</td><td class=\"n\">"
          + cell(e.getValue()) + "</td><td class=\"" + cls + "\">" + change + "</td></tr>");
    }
    out.println("</tbody></table></div>");
    out.println("<div class=\"grid\">");
    Optional<ClassificationResult> c = p.current().classification();
    if (c.isPresent()) {
      p.reference().flatMap(SamplePerformance::classification)
          .ifPresent(r -> card("Confusion matrix, reference", matrix(r.confusion()), out));
      card("Confusion matrix, current", matrix(c.get().confusion()), out);
      List<io.vigil.performance.CalibrationBin> refBins = p.reference().flatMap(SamplePerformance::classification)
          .map(ClassificationResult::calibration).orElse(List.of());
      if (!c.get().calibration().isEmpty() || !refBins.isEmpty()) {
        card("Calibration (10 equal-width bins)", legend() + PerformancePlots.reliability(refBins,
            c.get().calibration()), out);
      }
    } else {
      double[] none = new double[0];
      SamplePerformance r = p.reference().orElse(null);
      card("Predicted against actual", legend() + PerformancePlots.scatter(r == null ? none : r.actual(),
          r == null ? none : r.predicted(), p.current().actual(), p.current().predicted()), out);
    }
    out.println("</div></section>");
  }

  private static String legend() {
    return "<p class=\"legend muted\"><span style=\"background:#2563eb\"></span>reference"
        + "<span style=\"background:#ea580c\"></span>current</p>";
  }

  private static void card(String title, String body, PrintWriter out) {
    out.println("<div class=\"card\"><h3>" + Html.escape(title) + "</h3>" + body + "</div>");
  }

  private static String matrix(ConfusionMatrix m) {
    StringBuilder s = new StringBuilder("<div class=\"scroll\"><table class=\"matrix\"><thead><tr>"
        + "<th scope=\"col\">true \\ predicted</th>");
    m.classes().forEach(k -> s.append("<th scope=\"col\">").append(Html.escape(k)).append("</th>"));
    s.append("</tr></thead><tbody>");
    long max = 1;
    for (int i = 0; i < m.classes().size(); i++) {
      for (int j = 0; j < m.classes().size(); j++) {
        max = Math.max(max, m.count(i, j));
      }
    }
    for (int i = 0; i < m.classes().size(); i++) {
      s.append("<tr><th scope=\"row\">").append(Html.escape(m.classes().get(i))).append("</th>");
      for (int j = 0; j < m.classes().size(); j++) {
        double shade = 0.08 + 0.6 * m.count(i, j) / max;
        s.append(String.format(Locale.ROOT, "<td style=\"background:rgba(%s,%.2f)\">%,d</td>",
            i == j ? "22,163,74" : "220,38,38", shade, m.count(i, j)));
      }
      s.append("</tr>");
    }
    return s.append("</tbody></table></div>").toString();
  }

  private static String cell(MetricValue v) {
    if (v == null) {
      return "–";
    }
    return v.isPresent() ? TextDriftReport.number(v.value().getAsDouble())
        : "<span class=\"muted\" title=\"" + Html.escape(v.absentReason().get()) + "\">n/a: "
            + Html.escape(v.absentReason().get()) + "</span>";
  }

  static Map<String, MetricValue> headline(SamplePerformance s) {
    return s.classification().map(ClassificationResult::headline)
        .orElseGet(() -> s.regression().map(r -> r.headline()).orElse(new LinkedHashMap<>()));
  }

  private static void quality(List<FeatureQuality> quality, PrintWriter out) {
    out.println("<section id=\"quality\"><h2>Data quality of the current sample</h2>");
    out.println("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Feature</th><th scope=\"col\">Missing</th>"
        + "<th scope=\"col\">Type errors</th><th scope=\"col\">NaN/inf</th><th scope=\"col\">Unseen categories</th>"
        + "<th scope=\"col\">Below reference min</th><th scope=\"col\">Above reference max</th></tr></thead><tbody>");
    for (FeatureQuality q : quality) {
      String lines = q.typeErrorLines().isEmpty() ? "" : " (lines " + q.typeErrorLines().toString()
          .replaceAll("[\\[\\]]", "") + (q.typeErrors() > q.typeErrorLines().size() ? ", …" : "") + ")";
      String unseen = q.unseenRows() == 0 ? "0" : String.format(Locale.ROOT, "%,d rows: %s", q.unseenRows(),
          Html.escape(String.join(", ", q.unseenCategories())));
      out.printf(Locale.ROOT, "<tr%s><td class=\"name\">%s</td><td class=\"n\">%,d</td><td>%,d%s</td>"
              + "<td class=\"n\">%,d</td><td>%s</td><td class=\"n\">%,d</td><td class=\"n\">%,d</td></tr>%n",
          q.isFine() ? "" : " class=\"drift\"", Html.escape(q.name()), q.missing(), q.typeErrors(), lines,
          q.nonFinite(), unseen, q.belowRange(), q.aboveRange());
    }
    out.println("</tbody></table></div></section>");
  }
}
