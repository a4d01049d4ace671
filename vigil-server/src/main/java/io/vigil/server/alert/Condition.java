package io.vigil.server.alert;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule's {@code when}: {@code <metric> <op> <number>}, e.g. {@code latency_p99 > 0.2} (seconds) or
 * {@code drift_share >= 0.5}. A detector alone, {@code detector(ddm, error_rate)}, means {@code > 0}: it fires when
 * the detector signalled a drift in the window.
 *
 * <pre>{@code
 * Condition c = Condition.parse("error_rate > 0.05");
 * c.holds(0.07);   // true
 * }</pre>
 */
public record Condition(AlertMetric metric, Comparison comparison, double threshold) {

  private static final Pattern FORM = Pattern.compile("(.+?)\\s*([<>=!]+)\\s*(\\S+)");

  public static Condition parse(String text) {
    String t = text == null ? "" : text.trim();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("expected a condition such as 'error_rate > 0.05'");
    }
    Matcher m = FORM.matcher(t);
    if (!m.matches()) {
      AlertMetric metric = AlertMetric.parse(t);
      if (metric.kind() == AlertMetric.Kind.DETECTOR) {
        return new Condition(metric, Comparison.GREATER, 0);
      }
      throw new IllegalArgumentException("'" + t + "' has no comparison; expected '<metric> <op> <number>' with op"
          + " one of <, <=, >, >=");
    }
    AlertMetric metric = AlertMetric.parse(m.group(1));
    Comparison op = Comparison.parse(m.group(2));
    double threshold;
    try {
      threshold = Double.parseDouble(m.group(3));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("threshold '" + m.group(3) + "' is not a number");
    }
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold '" + m.group(3) + "' is not a finite number");
    }
    return new Condition(metric, op, threshold);
  }

  public boolean holds(double value) {
    return comparison.holds(value, threshold);
  }

  @Override
  public String toString() {
    return metric + " " + comparison.symbol() + " " + Summary.number(threshold);
  }
}
