package io.vigil.server.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an API token may do. {@code ingest} may only send events; {@code read} may read the query API, {@code
 * /metrics} and the dashboard; {@code admin} may register models, upload references and change rules, and may
 * also read (an operator changing a model needs to see it). No scope implies {@code ingest}: a leaked model-server
 * token can add events, never read the inputs of other models.
 *
 * <pre>{@code
 * Scope.parse("ingest");   // INGEST
 * }</pre>
 */
public enum Scope {
  INGEST,
  READ,
  ADMIN;

  /** The word used in {@code vigil.yaml} and on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a token holding this scope may do what {@code needed} guards. */
  public boolean grants(Scope needed) {
    return this == needed || (this == ADMIN && needed == READ);
  }

  /** @throws IllegalArgumentException naming the known scopes */
  public static Scope parse(String text) {
    for (Scope s : values()) {
      if (s.id().equals(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown scope '" + text + "'; known: " + known());
  }

  static String known() {
    return Arrays.stream(values()).map(Scope::id).collect(Collectors.joining(", "));
  }
}
