package io.vigil.client;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client's whole JSON writer: appends Java values to a {@link StringBuilder} as RFC 8259 JSON.
 *
 * <pre>{@code
 * StringBuilder out = new StringBuilder();
 * Json.appendValue(out, Map.of("amount", 12.5, "country", "DE"));   // {"amount":12.5,"country":"DE"}
 * }</pre>
 *
 * <p>Written by hand so that the client pulls in no JSON library (users embed it in their own services, where a
 * second Jackson version is a classic conflict). It only writes; the client never parses JSON.
 *
 * <p>Mapping: {@code null} → {@code null}; {@link CharSequence}, {@link Character}, enums and any unknown type →
 * string (via {@code toString()}); {@link Boolean} → {@code true}/{@code false}; integral numbers → their digits;
 * finite {@code double}/{@code float} → {@link Double#toString} (e.g. {@code 1.0E10}, valid JSON);
 * NaN and ±∞ → {@code null} (JSON has no such numbers); {@link Map} → object with {@code String.valueOf(key)}
 * keys; {@link Iterable} and arrays → array.
 */
public final class Json {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Json() {}

  /** Appends {@code value} as JSON. */
  public static void appendValue(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof CharSequence || value instanceof Character || value instanceof Enum) {
      appendString(out, value.toString());
    } else if (value instanceof Boolean) {
      out.append(((Boolean) value).booleanValue());
    } else if (value instanceof Number) {
      appendNumber(out, (Number) value);
    } else if (value instanceof Map) {
      appendObject(out, (Map<?, ?>) value);
    } else if (value instanceof Iterable) {
      out.append('[');
      boolean first = true;
      for (Object item : (Iterable<?>) value) {
        if (!first) {
          out.append(',');
        }
        first = false;
        appendValue(out, item);
      }
      out.append(']');
    } else if (value.getClass().isArray()) {
      out.append('[');
      int length = Array.getLength(value);
      for (int i = 0; i < length; i++) {
        if (i > 0) {
          out.append(',');
        }
        appendValue(out, Array.get(value, i));
      }
      out.append(']');
    } else {
      appendString(out, value.toString());
    }
  }

  /** Appends a JSON object whose keys are {@code String.valueOf(key)}. */
  public static void appendObject(StringBuilder out, Map<?, ?> map) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      appendString(out, String.valueOf(entry.getKey()));
      out.append(':');
      appendValue(out, entry.getValue());
    }
    out.append('}');
  }

  /** Appends a number; non-finite doubles become {@code null}. */
  public static void appendNumber(StringBuilder out, Number number) {
    if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte
        || number instanceof BigInteger || number instanceof AtomicInteger || number instanceof AtomicLong) {
      out.append(number.toString());
    } else if (number instanceof BigDecimal) {
      out.append(((BigDecimal) number).toString());
    } else {
      appendDouble(out, number.doubleValue());
    }
  }

  /** Appends a double; NaN and ±∞ become {@code null}. */
  public static void appendDouble(StringBuilder out, double value) {
    if (Double.isFinite(value)) {
      out.append(value);
    } else {
      out.append("null");
    }
  }

  /** Appends a quoted string, escaping quotes, backslashes and control characters as RFC 8259 requires. */
  public static void appendString(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            // U+2028/2029 are legal JSON but break JavaScript consumers of log lines; escaping costs nothing.
            out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
