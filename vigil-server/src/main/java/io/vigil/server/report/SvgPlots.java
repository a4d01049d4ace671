package io.vigil.server.report;

import io.vigil.drift.CategoryDistribution;
import io.vigil.drift.EmpiricalDistribution;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Small inline SVG plots of a reference and a current distribution overlaid, so an HTML report needs no script
 * and no network. Reference is drawn in blue, current in orange.
 *
 * <pre>{@code
 * String svg = SvgPlots.histogram("amount", ref.numbers().get(), cur.numbers().get());
 * }</pre>
 */
public final class SvgPlots {

  static final int WIDTH = 420;
  static final int HEIGHT = 150;
  private static final int BINS = 40;
  private static final int MAX_CATEGORIES = 15;
  private static final int PLOT_TOP = 8;
  private static final int PLOT_BOTTOM = HEIGHT - 22;
  private static final String REFERENCE = "#2563eb";
  private static final String CURRENT = "#ea580c";

  private SvgPlots() {}

  /** Overlaid histograms over the central 99 % of both samples (outliers would squash the picture). */
  public static String histogram(String feature, EmpiricalDistribution ref, EmpiricalDistribution cur) {
    double lo = Math.min(ref.quantile(0.005), cur.quantile(0.005));
    double hi = Math.max(ref.quantile(0.995), cur.quantile(0.995));
    if (!(hi > lo)) {
      lo = Math.min(ref.min(), cur.min());
      hi = Math.max(ref.max(), cur.max());
    }
    if (!(hi > lo)) {
      hi = lo + 1;
      lo = lo - 1;
    }
    double[] r = binProportions(ref, lo, hi);
    double[] c = binProportions(cur, lo, hi);
    double top = 0;
    for (int i = 0; i < BINS; i++) {
      top = Math.max(top, Math.max(r[i], c[i]));
    }
    StringBuilder svg = open(feature + ": distribution of reference and current values");
    svg.append(area(r, top, REFERENCE)).append(area(c, top, CURRENT));
    axis(svg, format(lo), format(hi));
    return svg.append("</svg>").toString();
  }

  private static double[] binProportions(EmpiricalDistribution d, double lo, double hi) {
    double[] p = new double[BINS];
    double width = (hi - lo) / BINS;
    double previous = d.cdfBelow(lo);
    for (int i = 0; i < BINS; i++) {
      double next = i == BINS - 1 ? d.cdf(hi) : d.cdfBelow(lo + (i + 1) * width);
      p[i] = next - previous;
      previous = next;
    }
    return p;
  }

  private static String area(double[] p, double top, String colour) {
    StringBuilder path = new StringBuilder();
    double step = (double) WIDTH / BINS;
    path.append(String.format(Locale.ROOT, "M0,%d", PLOT_BOTTOM));
    for (int i = 0; i < BINS; i++) {
      double y = PLOT_BOTTOM - (top == 0 ? 0 : p[i] / top) * (PLOT_BOTTOM - PLOT_TOP);
      path.append(String.format(Locale.ROOT, " L%.1f,%.1f L%.1f,%.1f", i * step, y, (i + 1) * step, y));
    }
    path.append(String.format(Locale.ROOT, " L%d,%d Z", WIDTH, PLOT_BOTTOM));
    return "<path d=\"" + path + "\" fill=\"" + colour + "\" fill-opacity=\"0.35\" stroke=\"" + colour
        + "\" stroke-width=\"1.2\"/>";
  }

  /** Grouped bars of category proportions, the categories most common on either side first. */
  public static String bars(String feature, CategoryDistribution ref, CategoryDistribution cur) {
    Set<String> all = new LinkedHashSet<>(ref.counts().keySet());
    all.addAll(cur.counts().keySet());
    List<String> shown = new ArrayList<>(all);
    shown.sort(Comparator.comparingDouble((String k) -> -Math.max(ref.proportion(k), cur.proportion(k)))
        .thenComparing(k -> k));
    int hidden = Math.max(0, shown.size() - MAX_CATEGORIES);
    shown = shown.subList(0, Math.min(shown.size(), MAX_CATEGORIES));
    double top = 0;
    for (String k : shown) {
      top = Math.max(top, Math.max(ref.proportion(k), cur.proportion(k)));
    }
    StringBuilder svg = open(feature + ": share of each category in reference and current");
    double slot = (double) WIDTH / Math.max(shown.size(), 1);
    double bar = Math.max(1, slot * 0.38);
    for (int i = 0; i < shown.size(); i++) {
      String k = shown.get(i);
      double x = i * slot + slot * 0.1;
      svg.append(rect(x, ref.proportion(k) / top, bar, REFERENCE, k, ref.proportion(k)));
      svg.append(rect(x + bar, cur.proportion(k) / top, bar, CURRENT, k, cur.proportion(k)));
      if (shown.size() <= 8) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
            x + bar, HEIGHT - 8, Html.escape(shorten(k))));
      }
    }
    if (hidden > 0 || shown.size() > 8) {
      axis(svg, shown.size() + " most common categories", hidden > 0 ? hidden + " more not shown" : "");
    }
    return svg.append("</svg>").toString();
  }

  private static String rect(double x, double fraction, double width, String colour, String category, double p) {
    double h = (top(fraction)) * (PLOT_BOTTOM - PLOT_TOP);
    return String.format(Locale.ROOT,
        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.8\"><title>%s: %s</title></rect>",
        x, PLOT_BOTTOM - h, width, h, colour, Html.escape(category), String.format(Locale.ROOT, "%.1f%%", p * 100));
  }

  private static double top(double fraction) {
    return Double.isFinite(fraction) ? fraction : 0;
  }

  private static StringBuilder open(String label) {
    return new StringBuilder(String.format(Locale.ROOT,
        "<svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\""
            + " aria-label=\"%s\"><title>%s</title>",
        WIDTH, HEIGHT, WIDTH, HEIGHT, Html.escape(label), Html.escape(label)));
  }

  private static void axis(StringBuilder svg, String left, String right) {
    svg.append(String.format(Locale.ROOT,
        "<line x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#9ca3af\"/>"
            + "<text x=\"2\" y=\"%d\" font-size=\"10\">%s</text>"
            + "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%s</text>",
        PLOT_BOTTOM, WIDTH, PLOT_BOTTOM, HEIGHT - 8, Html.escape(left), WIDTH - 2, HEIGHT - 8, Html.escape(right)));
  }

  private static String shorten(String s) {
    return s.length() <= 10 ? s : s.substring(0, 9) + "…";
  }

  private static String format(double x) {
    return TextDriftReport.number(x);
  }
}
