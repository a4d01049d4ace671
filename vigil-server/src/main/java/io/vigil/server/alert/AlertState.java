package io.vigil.server.alert;

import java.util.Locale;

/**
 * Where an alert stands, as in Prometheus: {@code pending} while its condition holds for less than the rule's
 * {@code for}, {@code firing} after, {@code resolved} once the condition stops holding (a resolved alert is history;
 * the condition holding again starts a new alert). A pending alert whose condition clears is dropped.
 */
public enum AlertState {
  PENDING, FIRING, RESOLVED;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@code pending}, {@code firing} or {@code resolved}. */
  public static AlertState parse(String text) {
    for (AlertState s : values()) {
      if (s.id().equals(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException("state: unknown alert state '" + text + "'; valid: pending, firing, resolved");
  }
}
