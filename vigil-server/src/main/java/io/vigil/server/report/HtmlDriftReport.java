package io.vigil.server.report;

import io.vigil.dataset.Column;
import io.vigil.drift.DriftResult;
import io.vigil.report.DriftReport;
import io.vigil.report.FeatureDrift;
import io.vigil.schema.FeatureType;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A drift report as one self-contained HTML file: inline CSS, inline SVG plots, no script and no network, so it
 * opens offline and can be attached to a ticket. Its pieces (verdict, table, plots) are also the drift part of
 * {@link HtmlModelReport}; {@link HtmlPage} holds the page frame and style both share.
 *
 * <pre>{@code
 * HtmlDriftReport.write(report, new PrintWriter(Files.newBufferedWriter(path)));
 * }</pre>
 */
public final class HtmlDriftReport {

  private HtmlDriftReport() {}

  public static void write(DriftReport r, PrintWriter out) {
    HtmlPage.open(out, "Vigil drift report: " + r.currentSource(), "Drift report", r);
    verdict(r, out);
    table(r, out);
    plots(r, out);
    HtmlPage.close(out);
  }

  /** The dataset verdict banner. */
  static void verdict(DriftReport r, PrintWriter out) {
    out.printf(Locale.ROOT, "<div class=\"verdict %s\" role=\"status\">Dataset drift: %s. %d of %d tested features"
            + " drifted (%s; dataset drift at %s).</div>%n",
        r.datasetDrift() ? "yes" : "no", r.datasetDrift() ? "yes" : "no", r.driftedCount(), r.testedCount(),
        TextDriftReport.percent(r.driftShare()), TextDriftReport.percent(r.options().driftShareThreshold()));
  }

  /** The per-feature drift table, with each feature's current data quality in its last column. */
  static void table(DriftReport r, PrintWriter out) {
    out.println("<div class=\"scroll\"><table><caption class=\"muted\">Per-feature drift tests</caption><thead><tr><th scope=\"col\">Feature</th>"
        + "<th scope=\"col\">Type</th><th scope=\"col\">Method</th><th scope=\"col\">Statistic</th>"
        + "<th scope=\"col\">p-value</th><th scope=\"col\">Threshold</th><th scope=\"col\">Drift</th>"
        + "<th scope=\"col\">Current data quality</th></tr></thead><tbody>");
    for (FeatureDrift f : r.features()) {
      out.print(f.drifted() ? "<tr class=\"drift\">" : "<tr>");
      out.print("<td class=\"name\">" + Html.escape(f.name()) + "</td><td class=\"k\">"
          + f.type().map(FeatureType::id).orElse("") + "</td>");
      if (f.result().isPresent()) {
        DriftResult d = f.result().get();
        String p = d.pValue().isPresent() ? TextDriftReport.number(f.adjustedPValue().isPresent()
            ? f.adjustedPValue().getAsDouble() : d.pValue().getAsDouble()) : "–";
        out.print("<td class=\"k\">" + d.method() + "</td><td class=\"n\">" + TextDriftReport.number(d.statistic())
            + (d.statisticError() > 0 ? " ±" + TextDriftReport.number(d.statisticError()) : "") + "</td>"
            + "<td class=\"n\">" + p + "</td><td class=\"n\">" + TextDriftReport.number(d.threshold()) + "</td>"
            + "<td class=\"k\">" + (f.drifted() ? "<span class=\"tag d\">drift</span>" : "<span class=\"tag ok\">ok</span>")
            + "</td>");
      } else {
        out.print("<td colspan=\"5\" class=\"muted\">not tested: " + Html.escape(f.skipped().orElse("")) + "</td>");
      }
      out.println("<td class=\"muted\">" + Html.escape(quality(f.current())) + "</td></tr>");
    }
    for (String n : r.onlyInReference()) {
      out.println("<tr><td>" + Html.escape(n) + "</td><td></td><td colspan=\"6\" class=\"muted\">only in the reference</td></tr>");
    }
    for (String n : r.onlyInCurrent()) {
      out.println("<tr><td>" + Html.escape(n) + "</td><td></td><td colspan=\"6\" class=\"muted\">only in the current sample</td></tr>");
    }
    out.println("</tbody></table></div>");
  }

  static String quality(Column c) {
    StringBuilder s = new StringBuilder();
    if (c.missing() > 0) {
      s.append(String.format(Locale.ROOT, "%,d missing ", c.missing()));
    }
    if (c.typeErrors() > 0) {
      s.append(String.format(Locale.ROOT, "%,d type errors (lines %s%s) ", c.typeErrors(),
          c.typeErrorLines().toString().replaceAll("[\\[\\]]", ""),
          c.typeErrors() > c.typeErrorLines().size() ? ", …" : ""));
    }
    if (c.nonFinite() > 0) {
      s.append(String.format(Locale.ROOT, "%,d NaN/inf", c.nonFinite()));
    }
    return s.length() == 0 ? "fine" : s.toString().trim();
  }

  /** One card per feature with its reference and current distributions overlaid (inline SVG). */
  static void plots(DriftReport r, PrintWriter out) {
    out.println("<section><h2>Distributions</h2><p class=\"legend\"><span style=\"background:#2563eb\"></span>"
        + "reference<span style=\"background:#ea580c\"></span>current</p><div class=\"grid\">");
    for (FeatureDrift f : r.features()) {
      String svg = plot(f);
      if (svg == null) {
        continue;
      }
      out.println("<div class=\"card\"><h3>" + Html.escape(f.name()) + (f.drifted() ? " <span class=\"tag d\">drift</span>" : "")
          + "</h3>" + svg + "</div>");
    }
    out.println("</div></section>");
  }

  private static String plot(FeatureDrift f) {
    Column ref = f.reference();
    Column cur = f.current();
    if (ref.numbers().isPresent() && cur.numbers().isPresent()) {
      return SvgPlots.histogram(f.name(), ref.numbers().get(), cur.numbers().get());
    }
    if (ref.categories().isPresent() && cur.categories().isPresent() && cur.categories().get().total() > 0) {
      return SvgPlots.bars(f.name(), ref.categories().get(), cur.categories().get());
    }
    return null;
  }
}
