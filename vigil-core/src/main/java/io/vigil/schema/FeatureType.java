package io.vigil.schema;

import java.util.Locale;

/**
 * The kind of values a feature holds, as named in SPEC section 4 ({@code numeric}, {@code categorical},
 * {@code boolean}).
 *
 * <pre>{@code
 * FeatureType t = FeatureType.fromId("numeric");   // NUMERIC
 * String json = t.id();                            // "numeric"
 * }</pre>
 */
public enum FeatureType {
  NUMERIC("numeric"),
  CATEGORICAL("categorical"),
  BOOLEAN("boolean");

  private final String id;

  FeatureType(String id) {
    this.id = id;
  }

  /** The identifier used in JSON, YAML and on the command line. */
  public String id() {
    return id;
  }

  /**
   * Parses an identifier, ignoring case.
   *
   * @throws IllegalArgumentException naming the bad value and the accepted ones
   */
  public static FeatureType fromId(String id) {
    for (FeatureType t : values()) {
      if (t.id.equals(id == null ? null : id.toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown feature type '" + id + "' (expected numeric, categorical or boolean)");
  }
}
