package io.vigil.server.alert;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule's {@code summary} template: {@code {{value}}}, {@code {{threshold}}}, {@code {{model}}}, {@code
 * {{version}}}, {@code {{rule}}}, {@code {{metric}}} and {@code {{severity}}} are replaced; any other placeholder
 * is a configuration error, found at start-up rather than in the first page at night.
 *
 * <pre>{@code
 * Summary.check("{{model}} errs: {{value}}");
 * Summary.render("{{model}} errs: {{value}}", Map.of("model", "fraud", "value", "0.07"));   // "fraud errs: 0.07"
 * }</pre>
 */
final class Summary {

  static final Set<String> PLACEHOLDERS = Set.of("value", "threshold", "model", "version", "rule", "metric",
      "severity");
  static final String DEFAULT = "{{metric}} of {{model}}/{{version}} is {{value}} (threshold {{threshold}})";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}\\s]*)\\s*}}");

  private Summary() {}

  static void check(String template) {
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!PLACEHOLDERS.contains(m.group(1))) {
        throw new IllegalArgumentException("unknown placeholder {{" + m.group(1) + "}}; valid: "
            + new java.util.TreeSet<>(PLACEHOLDERS));
      }
    }
  }

  static String render(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A number as people read it: at most four significant digits after the point, no exponent for usual sizes. */
  static String number(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return String.valueOf(x);
    }
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return String.valueOf((long) x);
    }
    return new BigDecimal(x).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
