package io.vigil.server.report;

import io.vigil.dataset.Column;
import io.vigil.drift.DriftResult;
import io.vigil.report.DriftReport;
import io.vigil.report.FeatureDrift;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A drift report as a terminal table: a verdict line first, then one aligned row per feature with drifted ones
 * marked, then what was skipped and what was wrong with the current data.
 *
 * <pre>{@code
 * TextDriftReport.write(report, new PrintWriter(System.out, true));
 * }</pre>
 */
public final class TextDriftReport {

  private static final String[] HEADER = {"feature", "type", "method", "statistic", "p-value", "threshold", "drift"};

  private TextDriftReport() {}

  public static void write(DriftReport r, PrintWriter out) {
    out.printf(Locale.ROOT, "Drift of %s (%,d rows) against reference %s (%,d rows)%n", r.currentSource(),
        r.currentRows(), r.referenceSource(), r.referenceRows());
    out.printf(Locale.ROOT, "Dataset drift: %s, %d of %d tested features drifted (%s; dataset drift at %s)%n%n",
        r.datasetDrift() ? "YES" : "no", r.driftedCount(), r.testedCount(), percent(r.driftShare()),
        percent(r.options().driftShareThreshold()));
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (FeatureDrift f : r.features()) {
      if (f.wasTested()) {
        rows.add(row(f));
      }
    }
    if (rows.size() > 1) {
      printTable(rows, out);
    } else {
      out.println("No feature could be tested.");
    }
    if (r.options().benjaminiHochberg()) {
      out.println("p-values adjusted for " + r.testedCount() + " features (Benjamini-Hochberg)");
    }
    if (r.features().stream().anyMatch(f -> f.result().map(d -> d.statisticError() > 0).orElse(false))) {
      out.println("± : the statistic comes from sketches; the decision allows for that error");
    }
    List<String> skipped = new ArrayList<>();
    for (FeatureDrift f : r.features()) {
      f.skipped().ifPresent(why -> skipped.add(f.name() + ": " + why));
    }
    r.onlyInReference().forEach(n -> skipped.add(n + ": only in the reference"));
    r.onlyInCurrent().forEach(n -> skipped.add(n + ": only in the current sample"));
    if (!skipped.isEmpty()) {
      out.println();
      out.println("Not tested:");
      skipped.forEach(s -> out.println("  " + s));
    }
    List<String> quality = quality(r);
    if (!quality.isEmpty()) {
      out.println();
      out.println("Data quality of the current sample:");
      quality.forEach(s -> out.println("  " + s));
    }
    out.flush();
  }

  private static String[] row(FeatureDrift f) {
    DriftResult d = f.result().orElseThrow();
    String p = d.pValue().isPresent() ? number(f.adjustedPValue().isPresent()
        ? f.adjustedPValue().getAsDouble() : d.pValue().getAsDouble()) : "-";
    String stat = number(d.statistic()) + (d.statisticError() > 0 ? " ±" + number(d.statisticError()) : "");
    return new String[] {f.name(), f.type().map(t -> t.id()).orElse("?"), d.method(), stat, p,
        number(d.threshold()), f.drifted() ? "DRIFT *" : "ok"};
  }

  private static List<String> quality(DriftReport r) {
    List<String> out = new ArrayList<>();
    for (FeatureDrift f : r.features()) {
      Column c = f.current();
      List<String> parts = new ArrayList<>();
      if (c.typeErrors() > 0) {
        parts.add(String.format(Locale.ROOT, "%,d value%s not %s (line%s %s%s)", c.typeErrors(),
            c.typeErrors() == 1 ? "" : "s", c.type().map(t -> t.id()).orElse("?"),
            c.typeErrorLines().size() == 1 ? "" : "s",
            c.typeErrorLines().stream().map(String::valueOf).collect(Collectors.joining(", ")),
            c.typeErrors() > c.typeErrorLines().size() ? ", ..." : ""));
      }
      if (c.missing() > 0) {
        parts.add(String.format(Locale.ROOT, "%,d missing (%s)", c.missing(), percent((double) c.missing() / c.rows())));
      }
      if (c.nonFinite() > 0) {
        parts.add(String.format(Locale.ROOT, "%,d NaN or infinite", c.nonFinite()));
      }
      if (!parts.isEmpty()) {
        out.add(f.name() + ": " + String.join(", ", parts));
      }
    }
    return out;
  }

  private static void printTable(List<String[]> rows, PrintWriter out) {
    int[] width = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < row.length; i++) {
        boolean right = i >= 3 && i <= 5;
        String cell = right ? pad(row[i], width[i], true) : pad(row[i], width[i], false);
        line.append(cell).append(i + 1 < row.length ? "  " : "");
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static String pad(String s, int width, boolean right) {
    String spaces = " ".repeat(width - s.length());
    return right ? spaces + s : s + spaces;
  }

  /** Four significant digits, scientific notation for tiny p-values. */
  static String number(double x) {
    if (x == 0) {
      return "0";
    }
    if (Math.abs(x) < 1e-4 || Math.abs(x) >= 1e6) {
      return String.format(Locale.ROOT, "%.2e", x);
    }
    return String.format(Locale.ROOT, "%.4g", x).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }
}
