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
 * opens offline and can be attached to a ticket.
 *
 * <pre>{@code
 * HtmlDriftReport.write(report, new PrintWriter(Files.newBufferedWriter(path)));
 * }</pre>
 */
public final class HtmlDriftReport {

  private static final String STYLE = String.join("\n",
      "body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:72rem;color:#111827;padding:0 1rem}",
      "h1{font-size:1.4rem;margin-bottom:.2rem}.sub{color:#4b5563;margin-top:0}",
      ".verdict{padding:.6rem 1rem;border-radius:.4rem;font-weight:600;margin:1rem 0}",
      ".yes{background:#fee2e2;color:#991b1b}.no{background:#dcfce7;color:#166534}",
      "table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:.35rem .5rem;"
          + "border-bottom:1px solid #e5e7eb;vertical-align:top}th,td.n,td.k{white-space:nowrap}"
          + "td.name{overflow-wrap:anywhere;min-width:7rem}.scroll{overflow-x:auto}",
      "td.n{text-align:right;font-variant-numeric:tabular-nums}tr.drift td:first-child{border-left:4px solid #dc2626}",
      ".tag{display:inline-block;padding:0 .4rem;border-radius:.3rem;font-size:.8rem}",
      ".tag.d{background:#dc2626;color:#fff}.tag.ok{background:#e5e7eb}",
      ".legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem;vertical-align:middle}",
      "section{margin-top:2rem}.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(27rem,1fr));gap:1rem}",
      ".card{border:1px solid #e5e7eb;border-radius:.4rem;padding:.6rem}.card h3{margin:.1rem 0 .3rem;font-size:1rem;"
          + "overflow-wrap:anywhere}.muted{color:#6b7280;font-size:.85rem}svg{width:100%;max-width:40rem;height:auto;display:block}");

  private HtmlDriftReport() {}

  public static void write(DriftReport r, PrintWriter out) {
    out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
    out.println("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
    out.println("<title>Vigil drift report: " + Html.escape(r.currentSource()) + "</title>");
    out.println("<style>" + STYLE + "</style></head><body>");
    out.println("<h1>Drift report</h1>");
    out.printf(Locale.ROOT, "<p class=\"sub\">Current <b>%s</b> (%,d rows) against reference <b>%s</b> (%,d rows)</p>%n",
        Html.escape(r.currentSource()), r.currentRows(), Html.escape(r.referenceSource()), r.referenceRows());
    out.printf(Locale.ROOT, "<div class=\"verdict %s\" role=\"status\">Dataset drift: %s. %d of %d tested features"
            + " drifted (%s; dataset drift at %s).</div>%n",
        r.datasetDrift() ? "yes" : "no", r.datasetDrift() ? "yes" : "no", r.driftedCount(), r.testedCount(),
        TextDriftReport.percent(r.driftShare()), TextDriftReport.percent(r.options().driftShareThreshold()));
    table(r, out);
    plots(r, out);
    out.println("<p class=\"muted\">Made by Vigil. Statistics are exact on raw data (SciPy's definitions);"
        + " ± marks a statistic computed from sketches, with its error bound.</p>");
    out.println("</body></html>");
    out.flush();
  }

  private static void table(DriftReport r, PrintWriter out) {
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

  private static String quality(Column c) {
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

  private static void plots(DriftReport r, PrintWriter out) {
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
