package io.vigil.server.alert;

import io.vigil.detect.ChangeDetectors;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric a rule watches, as written on the left of its condition: a plain name ({@code error_rate}), a
 * feature's metric ({@code drift_score(amount)}, {@code missing_rate(age)}), or a change detector run over the
 * per-minute series of a usage metric ({@code detector(ddm, error_rate)}).
 *
 * <pre>{@code
 * AlertMetric m = AlertMetric.parse("drift_score(amount)");   // name drift_score, feature amount
 * m.kind();                                                    // DRIFT
 * }</pre>
 *
 * @param name the metric's name (for a detector, the metric whose series it reads)
 * @param feature the feature of {@code drift_score} and {@code missing_rate}; null otherwise
 * @param detector the detector id of {@code detector(id, metric)}; null otherwise
 */
public record AlertMetric(String name, String feature, String detector) {

  /** Where a metric's value comes from, which also decides what counts as its sample size. */
  public enum Kind { USAGE, DRIFT, QUALITY, PERFORMANCE, DETECTOR }

  /** Computed from the usage part of the minute profiles; also the metrics a detector can read. */
  public static final List<String> USAGE = List.of("error_rate", "rps", "latency_p50", "latency_p95", "latency_p99",
      "mean_confidence");
  /** Realized performance (labels joined) and label coverage, answered by a {@link PerformanceSource}. */
  public static final List<String> REALIZED = List.of("accuracy", "precision", "recall", "f1", "roc_auc",
      "log_loss", "brier_score", "ece", "mae", "rmse", "mape", "r2");
  /** Estimated performance before labels (CBPE), answered by a {@link PerformanceSource}. */
  public static final List<String> ESTIMATED = List.of("estimated_accuracy", "estimated_precision",
      "estimated_recall", "estimated_f1", "estimated_roc_auc");

  private static final Pattern CALL = Pattern.compile("([a-z_0-9]+)\\s*\\(\\s*([^,()]+?)\\s*(?:,\\s*([^,()]+?)\\s*)?\\)");

  /** Every name a condition may use, for messages. */
  public static Set<String> known() {
    Set<String> all = new LinkedHashSet<>(USAGE);
    all.addAll(List.of("drift_share", "drift_score(feature)", "missing_rate(feature)", "anomaly_fraction",
        "label_coverage"));
    all.addAll(REALIZED);
    all.addAll(ESTIMATED);
    all.add("detector(" + String.join("|", ChangeDetectors.ids()) + ", <usage metric>)");
    return all;
  }

  /** Reads a metric expression; an unknown one is refused with the list of known ones. */
  public static AlertMetric parse(String text) {
    String t = text.trim();
    Matcher call = CALL.matcher(t);
    if (call.matches()) {
      String function = call.group(1);
      String first = call.group(2);
      String second = call.group(3);
      switch (function) {
        case "drift_score", "missing_rate" -> {
          if (second != null) {
            throw new IllegalArgumentException(function + " takes one feature name, got '" + t + "'");
          }
          return new AlertMetric(function, first, null);
        }
        case "detector" -> {
          if (second == null) {
            throw new IllegalArgumentException("detector needs a detector and a metric, as detector(ddm, error_rate)");
          }
          if (!ChangeDetectors.ids().contains(first)) {
            throw new IllegalArgumentException("unknown detector '" + first + "'; valid: "
                + String.join(", ", ChangeDetectors.ids()));
          }
          if (!USAGE.contains(second)) {
            throw new IllegalArgumentException("a detector reads the per-minute series of one of " + USAGE
                + ", not '" + second + "'");
          }
          if ((first.equals("ddm") || first.equals("eddm")) && !second.equals("error_rate")) {
            throw new IllegalArgumentException(first + " reads a stream of 0/1 errors: only detector(" + first
                + ", error_rate)");
          }
          if (first.equals("hddm_a") && !List.of("error_rate", "mean_confidence").contains(second)) {
            throw new IllegalArgumentException("hddm_a reads values in [0, 1]: only error_rate or mean_confidence");
          }
          return new AlertMetric(second, null, first);
        }
        default -> throw new IllegalArgumentException("unknown metric '" + t + "'; known: " + String.join(", ", known()));
      }
    }
    if (USAGE.contains(t) || REALIZED.contains(t) || ESTIMATED.contains(t)
        || List.of("drift_share", "anomaly_fraction", "label_coverage").contains(t)) {
      return new AlertMetric(t, null, null);
    }
    throw new IllegalArgumentException("unknown metric '" + t + "'; known: " + String.join(", ", known()));
  }

  public Kind kind() {
    if (detector != null) {
      return Kind.DETECTOR;
    }
    if (USAGE.contains(name)) {
      return Kind.USAGE;
    }
    return switch (name) {
      case "drift_share", "drift_score" -> Kind.DRIFT;
      case "missing_rate", "anomaly_fraction" -> Kind.QUALITY;
      default -> Kind.PERFORMANCE;
    };
  }

  /** As written in a condition. */
  @Override
  public String toString() {
    if (detector != null) {
      return "detector(" + detector + ", " + name + ")";
    }
    return feature == null ? name : name + "(" + feature + ")";
  }
}
