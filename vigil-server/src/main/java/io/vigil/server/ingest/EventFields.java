package io.vigil.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.schema.Feature;
import io.vigil.schema.FeatureType;
import io.vigil.schema.Schema;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and checks the fields of one event, each failure an {@link EventException} whose message starts with the
 * field's path ({@code features.amount: expected number, got string}).
 */
final class EventFields {

  /** Longest model, version, id, consumer or segment name. */
  static final int MAX_NAME = 256;
  /** Longest categorical value. */
  static final int MAX_VALUE = 4096;
  /** Timestamps outside these years are typos (seconds sent as milliseconds, and the like). */
  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

  private EventFields() {}

  static String kind(JsonNode n) {
    if (n == null || n.isNull()) {
      return "null";
    }
    if (n.isTextual()) {
      return "string";
    }
    if (n.isBoolean()) {
      return "boolean";
    }
    if (n.isNumber()) {
      return "number";
    }
    return n.isArray() ? "array" : "object";
  }

  static Optional<String> name(JsonNode event, String field, boolean required) {
    JsonNode n = event.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw new EventException(field + ": required");
      }
      return Optional.empty();
    }
    if (!n.isTextual() && !(n.isIntegralNumber() && field.equals("id"))) {
      throw new EventException(field + ": expected string, got " + kind(n));
    }
    String s = n.asText();
    if (s.isBlank() || s.length() > MAX_NAME) {
      throw new EventException(field + ": expected 1 to " + MAX_NAME + " characters, got " + s.length());
    }
    return Optional.of(s);
  }

  /** ISO-8601 with an offset, or epoch milliseconds. */
  static Optional<Instant> timestamp(JsonNode event, String field) {
    JsonNode n = event.get(field);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    Instant t;
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      t = Instant.ofEpochMilli(n.asLong());
    } else if (n.isTextual()) {
      try {
        t = OffsetDateTime.parse(n.asText()).toInstant();
      } catch (DateTimeException e) {
        throw new EventException(field + ": expected ISO-8601 with an offset (2026-11-22T10:00:00Z) or epoch"
            + " milliseconds, got \"" + shorten(n.asText()) + "\"");
      }
    } else {
      throw new EventException(field + ": expected ISO-8601 text or epoch milliseconds, got " + kind(n));
    }
    if (!plausible(t)) {
      throw new EventException(field + ": " + t + " is outside 2000-2200 (seconds sent as milliseconds?)");
    }
    return Optional.of(t);
  }

  /** Whether a timestamp is within 2000-2200: outside, it is a typo. */
  static boolean plausible(Instant t) {
    return !t.isBefore(EARLIEST) && !t.isAfter(LATEST);
  }

  static Optional<Object> prediction(JsonNode n) {
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    return Optional.of(value(n, "prediction"));
  }

  /** A class label (text, boolean, integer) or a finite number, as predictions and labels hold them. */
  static Object value(JsonNode n, String field) {
    if (n.isTextual()) {
      return checkedValue(field, n.asText());
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      return n.asLong();
    }
    if (n.isNumber()) {
      return finite(field, n.asDouble());
    }
    throw new EventException(field + ": expected a class label or a number, got " + kind(n));
  }

  static Map<String, Double> scores(JsonNode n) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isObject()) {
      throw new EventException("scores: expected an object of class to probability, got " + kind(n));
    }
    n.fields().forEachRemaining(e -> {
      String path = "scores." + e.getKey();
      if (!e.getValue().isNumber()) {
        throw new EventException(path + ": expected number, got " + kind(e.getValue()));
      }
      double p = e.getValue().asDouble();
      if (!(p >= 0 && p <= 1)) {
        throw new EventException(path + ": expected a probability in [0, 1], got " + p);
      }
      out.put(e.getKey(), p);
    });
    return out;
  }

  static Optional<Double> unitInterval(JsonNode event, String field) {
    Optional<Double> v = number(event, field);
    v.ifPresent(p -> {
      if (!(p >= 0 && p <= 1)) {
        throw new EventException(field + ": expected a number in [0, 1], got " + p);
      }
    });
    return v;
  }

  static Optional<Double> nonNegative(JsonNode event, String field) {
    Optional<Double> v = number(event, field);
    v.ifPresent(x -> {
      if (!(x >= 0)) {
        throw new EventException(field + ": expected a number ≥ 0, got " + x);
      }
    });
    return v;
  }

  private static Optional<Double> number(JsonNode event, String field) {
    JsonNode n = event.get(field);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isNumber()) {
      throw new EventException(field + ": expected number, got " + kind(n));
    }
    return Optional.of(finite(field, n.asDouble()));
  }

  static Map<String, String> segments(JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isObject()) {
      throw new EventException("segments: expected an object of name to value, got " + kind(n));
    }
    n.fields().forEachRemaining(e -> {
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw new EventException("segments." + e.getKey() + ": expected string, got " + kind(e.getValue()));
      }
      out.put(e.getKey(), checkedValue("segments." + e.getKey(), e.getValue().asText()));
    });
    return out;
  }

  /** The type a first-seen feature value suggests; none for null (it says nothing). */
  static Optional<FeatureType> typeOf(JsonNode v) {
    if (v.isNumber()) {
      return Optional.of(FeatureType.NUMERIC);
    }
    if (v.isBoolean()) {
      return Optional.of(FeatureType.BOOLEAN);
    }
    return v.isTextual() ? Optional.of(FeatureType.CATEGORICAL) : Optional.empty();
  }

  /** A feature's value checked against the schema: Double, String, Boolean, or null for missing. */
  static Object feature(String name, JsonNode v, Schema schema, boolean strict, String model) {
    String path = "features." + name;
    if (v.isNull()) {
      return null;
    }
    if (!v.isValueNode()) {
      throw new EventException(path + ": expected a number, string or boolean, got " + kind(v));
    }
    Optional<Feature> f = schema.feature(name);
    if (f.isEmpty()) {
      throw new EventException(path + ": not in the schema of model '" + model + "'"
          + (strict ? " (the server runs with --strict)" : ""));
    }
    switch (f.get().type()) {
      case NUMERIC:
        if (!v.isNumber()) {
          throw new EventException(path + ": expected number, got " + kind(v));
        }
        return finite(path, v.asDouble());
      case BOOLEAN:
        if (!v.isBoolean()) {
          throw new EventException(path + ": expected boolean, got " + kind(v));
        }
        return v.asBoolean();
      default:
        if (v.isNumber() && !v.isIntegralNumber()) {
          throw new EventException(path + ": expected string (a category), got number");
        }
        return checkedValue(path, v.asText());
    }
  }

  private static double finite(String path, double x) {
    if (!Double.isFinite(x)) {
      throw new EventException(path + ": expected a finite number, got " + x);
    }
    return x;
  }

  private static String checkedValue(String path, String s) {
    if (s.length() > MAX_VALUE) {
      throw new EventException(path + ": longer than " + MAX_VALUE + " characters (" + s.length() + ")");
    }
    return s;
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
