package io.vigil.server.report;

import io.vigil.performance.CalibrationBin;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG plots of model performance: a reliability diagram (calibration) and a predicted-versus-actual
 * scatter (regression residuals). Reference in blue, current in orange, as {@link SvgPlots}.
 *
 * <pre>{@code
 * String svg = PerformancePlots.reliability(referenceBins, currentBins);
 * }</pre>
 */
final class PerformancePlots {

  private static final int SIZE = 260;
  private static final int PAD = 28;
  private static final String REFERENCE = "#2563eb";
  private static final String CURRENT = "#ea580c";

  private PerformancePlots() {}

  /** Mean score (x) against observed positive share (y) per non-empty bin; the diagonal is perfect calibration. */
  static String reliability(List<CalibrationBin> reference, List<CalibrationBin> current) {
    StringBuilder svg = open("Calibration: mean predicted score against observed share of positives, per bin");
    frame(svg, "0", "1", "predicted", "observed");
    svg.append(line(0, 0, 1, 1, "#9ca3af", "4 3"));
    svg.append(curve(reference, REFERENCE));
    svg.append(curve(current, CURRENT));
    return svg.append("</svg>").toString();
  }

  /** Predicted (y) against actual (x) for up to a few thousand rows; points on the diagonal are exact. */
  static String scatter(double[] refActual, double[] refPredicted, double[] actual, double[] predicted) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] a : new double[][] {refActual, refPredicted, actual, predicted}) {
      for (double v : a) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (!(hi > lo)) {
      lo = Double.isFinite(lo) ? lo - 1 : 0;
      hi = lo + 2;
    }
    StringBuilder svg = open("Predicted against actual values (the diagonal is a perfect prediction)");
    frame(svg, TextDriftReport.number(lo), TextDriftReport.number(hi), "actual", "predicted");
    svg.append(line(0, 0, 1, 1, "#9ca3af", "4 3"));
    points(svg, refActual, refPredicted, lo, hi, REFERENCE);
    points(svg, actual, predicted, lo, hi, CURRENT);
    return svg.append("</svg>").toString();
  }

  private static void points(StringBuilder svg, double[] x, double[] y, double lo, double hi, String colour) {
    svg.append("<g fill=\"").append(colour).append("\" fill-opacity=\"0.45\">");
    for (int i = 0; i < x.length; i++) {
      svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1.6\"/>",
          px((x[i] - lo) / (hi - lo)), py((y[i] - lo) / (hi - lo))));
    }
    svg.append("</g>");
  }

  private static String curve(List<CalibrationBin> bins, String colour) {
    StringBuilder path = new StringBuilder();
    StringBuilder dots = new StringBuilder();
    for (CalibrationBin b : bins) {
      if (b.count() == 0) {
        continue;
      }
      double x = px(b.meanScore());
      double y = py(b.fractionPositive());
      path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
      dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%,d rows:"
          + " mean score %.3f, observed %.3f</title></circle>", x, y, colour, b.count(), b.meanScore(),
          b.fractionPositive()));
    }
    if (path.length() == 0) {
      return "";
    }
    return "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"1.5\"/>" + dots;
  }

  private static double px(double fraction) {
    return PAD + fraction * (SIZE - 2 * PAD);
  }

  private static double py(double fraction) {
    return SIZE - PAD - fraction * (SIZE - 2 * PAD);
  }

  private static String line(double x1, double y1, double x2, double y2, String colour, String dash) {
    return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
        + " stroke-dasharray=\"%s\"/>", px(x1), py(y1), px(x2), py(y2), colour, dash);
  }

  private static StringBuilder open(String label) {
    return new StringBuilder(String.format(Locale.ROOT, "<svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\""
        + " style=\"max-width:22rem\" role=\"img\" aria-label=\"%s\"><title>%s</title>", SIZE, SIZE, SIZE, SIZE, Html.escape(label),
        Html.escape(label)));
  }

  private static void frame(StringBuilder svg, String lo, String hi, String xName, String yName) {
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
        + " stroke=\"#d1d5db\"/>", PAD, PAD, SIZE - 2 * PAD, SIZE - 2 * PAD));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>"
        + "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%s</text>"
        + "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>"
        + "<text x=\"10\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\" transform=\"rotate(-90 10 %d)\">%s</text>",
        PAD, SIZE - 14, Html.escape(lo), SIZE - PAD, SIZE - 14, Html.escape(hi), SIZE / 2, SIZE - 4, xName,
        SIZE / 2, SIZE / 2, yName));
  }
}
