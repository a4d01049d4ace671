package io.vigil.server.report;

import io.vigil.report.DriftReport;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The frame every Vigil HTML report shares: doctype, inline style, title, the line naming both samples, and the
 * footer. Nothing in it loads from the network, so a report opens offline.
 *
 * <pre>{@code
 * HtmlPage.open(out, "Vigil drift report: cur.csv", "Drift report", report);
 * ...sections...
 * HtmlPage.close(out);
 * }</pre>
 */
final class HtmlPage {

  static final String STYLE = String.join("\n",
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
          + "overflow-wrap:anywhere}.muted{color:#6b7280;font-size:.85rem}svg{width:100%;max-width:40rem;height:auto;display:block}",
      "table.matrix{width:auto}table.matrix td{text-align:right;min-width:3.5rem;font-variant-numeric:tabular-nums}"
          + "td.worse{color:#991b1b;font-weight:600}td.better{color:#166534;font-weight:600}");

  private HtmlPage() {}

  static void open(PrintWriter out, String title, String heading, DriftReport r) {
    out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
    out.println("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
    out.println("<title>" + Html.escape(title) + "</title>");
    out.println("<style>" + STYLE + "</style></head><body>");
    out.println("<h1>" + Html.escape(heading) + "</h1>");
    out.printf(Locale.ROOT, "<p class=\"sub\">Current <b>%s</b> (%,d rows) against reference <b>%s</b> (%,d rows)</p>%n",
        Html.escape(r.currentSource()), r.currentRows(), Html.escape(r.referenceSource()), r.referenceRows());
  }

  static void close(PrintWriter out) {
    out.println("<p class=\"muted\">Made by Vigil. Statistics are exact on raw data (SciPy's definitions);"
        + " ± marks a statistic computed from sketches, with its error bound.</p>");
    out.println("</body></html>");
    out.flush();
  }
}
