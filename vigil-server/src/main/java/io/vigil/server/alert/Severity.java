package io.vigil.server.alert;

import java.util.Locale;

/**
 * How urgent an alert is (SPEC section 8), written in {@code vigil.yaml} and every payload in lower case.
 *
 * <pre>{@code
 * Severity s = Severity.parse("critical");   // CRITICAL; s.id() is "critical"
 * }</pre>
 */
public enum Severity {
  INFO, WARNING, CRITICAL;

  /** The lower-case name used in configuration, JSON and metric labels. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@code info}, {@code warning} or {@code critical}; anything else is refused naming the valid ones. */
  public static Severity parse(String text) {
    for (Severity s : values()) {
      if (s.id().equals(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown severity '" + text + "'; valid: info, warning, critical");
  }
}
