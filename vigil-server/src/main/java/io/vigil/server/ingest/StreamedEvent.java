package io.vigil.server.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vigil.event.PredictionEvent;
import io.vigil.schema.Feature;
import io.vigil.schema.Schema;
import io.vigil.server.registry.ModelInfo;
import io.vigil.server.registry.ModelRegistry;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the usual prediction event straight from the parser's tokens, without building a JSON tree first (the tree
 * was 44 % of parsing a batch). Only events that are valid and plain are read this way: strings where names are
 * expected, a model whose schema already has every feature, no repeated field, no redaction. Anything else, every
 * event that might be rejected included, is read to its end and handed back ({@code null}), and the tree reader,
 * which holds every rule and every error message, reads it again: so both readers give the same answer for every
 * event, which {@code StreamedEventTest} checks against the tree reader.
 *
 * <pre>{@code
 * PredictionEvent e = streamed.read(parser, defaultId, now);   // parser at the event's START_OBJECT
 * if (e == null) { ... read the event's bytes again as a tree ... }
 * }</pre>
 */
final class StreamedEvent {

  private static final int ID = 1;
  private static final int MODEL = 1 << 1;
  private static final int VERSION = 1 << 2;
  private static final int TIMESTAMP = 1 << 3;
  private static final int STATUS = 1 << 4;
  private static final int ERROR = 1 << 5;
  private static final int FEATURES = 1 << 6;
  private static final int PREDICTION = 1 << 7;
  private static final int SCORES = 1 << 8;
  private static final int CONFIDENCE = 1 << 9;
  private static final int LATENCY = 1 << 10;
  private static final int CONSUMER = 1 << 11;
  private static final int SEGMENTS = 1 << 12;
  /** A feature's JSON null: the feature is missing in this event. */
  private static final Object NULL = new Object();

  private final ModelRegistry registry;

  StreamedEvent(ModelRegistry registry) {
    this.registry = registry;
  }

  /** What one event held, before it is checked. */
  private static final class Fields {
    int seen;
    boolean plain = true;
    String id;
    String model;
    String version;
    String status;
    String error;
    String consumer;
    String timestampText;
    long timestampMillis = Long.MIN_VALUE;
    Object prediction;
    Double confidence;
    Double latency;
    String[] names = new String[32];
    Object[] values = new Object[32];
    int features = -1;   // -1: no features object
    Map<String, Double> scores;
    Map<String, String> segments;
  }

  /**
   * Reads the event whose START_OBJECT the parser is at, to its END_OBJECT. Returns the event, or null when the
   * tree reader must decide.
   */
  PredictionEvent read(JsonParser p, String defaultId, Instant now) throws IOException {
    Fields f = new Fields();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      int bit = bit(name);
      if ((f.seen & bit) != 0) {   // a repeated field: the tree keeps the last one
        f.plain = false;
      }
      f.seen |= bit;
      if (f.plain) {
        field(p, name, v, f);
      }
      JsonBatch.skip(p);   // what field() did not read
    }
    return f.plain ? event(f, defaultId, now) : null;
  }

  private static int bit(String name) {
    return switch (name) {
      case "id" -> ID;
      case "model" -> MODEL;
      case "version" -> VERSION;
      case "timestamp" -> TIMESTAMP;
      case "status" -> STATUS;
      case "error" -> ERROR;
      case "features" -> FEATURES;
      case "prediction" -> PREDICTION;
      case "scores" -> SCORES;
      case "confidence" -> CONFIDENCE;
      case "latency_ms" -> LATENCY;
      case "consumer" -> CONSUMER;
      case "segments" -> SEGMENTS;
      default -> 0;
    };
  }

  private static void field(JsonParser p, String name, JsonToken v, Fields f) throws IOException {
    switch (name) {
      case "id" -> f.id = text(p, v, f);
      case "model" -> f.model = text(p, v, f);
      case "version" -> f.version = text(p, v, f);
      case "status" -> f.status = text(p, v, f);
      case "error" -> f.error = text(p, v, f);
      case "consumer" -> f.consumer = text(p, v, f);
      case "timestamp" -> {
        if (v == JsonToken.VALUE_STRING) {
          f.timestampText = p.getText();
        } else if (v == JsonToken.VALUE_NUMBER_INT && fitsLong(p)) {
          f.timestampMillis = p.getLongValue();
        } else if (v != JsonToken.VALUE_NULL) {
          f.plain = false;
        }
      }
      case "features" -> {
        if (v == JsonToken.START_OBJECT) {
          features(p, f);
        } else if (v != JsonToken.VALUE_NULL) {
          f.plain = false;
        }
      }
      case "prediction" -> f.prediction = prediction(p, v, f);
      case "scores" -> f.scores = entries(p, v, f, StreamedEvent::score);
      case "confidence" -> f.confidence = number(p, v, f);
      case "latency_ms" -> f.latency = number(p, v, f);
      case "segments" -> f.segments = entries(p, v, f, StreamedEvent::segment);
      default -> { }   // unknown fields are ignored, as by the tree reader
    }
  }

  private static String text(JsonParser p, JsonToken v, Fields f) throws IOException {
    if (v == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (v != JsonToken.VALUE_NULL) {
      f.plain = false;
    }
    return null;
  }

  private static boolean fitsLong(JsonParser p) throws IOException {
    JsonParser.NumberType t = p.getNumberType();
    return t == JsonParser.NumberType.INT || t == JsonParser.NumberType.LONG;
  }

  private static Double number(JsonParser p, JsonToken v, Fields f) throws IOException {
    if (v == JsonToken.VALUE_NUMBER_FLOAT || v == JsonToken.VALUE_NUMBER_INT && fitsLong(p)) {
      double x = v == JsonToken.VALUE_NUMBER_INT ? (double) p.getLongValue() : p.getDoubleValue();
      if (Double.isFinite(x)) {
        return x;
      }
    }
    if (v != JsonToken.VALUE_NULL) {
      f.plain = false;
    }
    return null;
  }

  private static Object prediction(JsonParser p, JsonToken v, Fields f) throws IOException {
    switch (v) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case VALUE_NUMBER_INT:
        if (fitsLong(p)) {
          return p.getLongValue();
        }
        f.plain = false;
        return null;
      default:
        return number(p, v, f);
    }
  }

  private static void features(JsonParser p, Fields f) throws IOException {
    int n = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      Object value = switch (v) {
        case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
        case VALUE_NUMBER_INT -> fitsLong(p) ? (Object) p.getLongValue() : null;
        case VALUE_STRING -> p.getText();
        case VALUE_TRUE -> Boolean.TRUE;
        case VALUE_FALSE -> Boolean.FALSE;
        case VALUE_NULL -> NULL;
        default -> null;
      };
      if (value == null) {
        f.plain = false;
        JsonBatch.skip(p);
        continue;
      }
      if (n == f.names.length) {
        f.names = java.util.Arrays.copyOf(f.names, n * 2);
        f.values = java.util.Arrays.copyOf(f.values, n * 2);
      }
      f.names[n] = name;
      f.values[n++] = value;
    }
    f.features = n;
  }

  /** Reads one value of an object at the parser (its token is current); null when the tree reader must decide. */
  @FunctionalInterface
  private interface Entry<V> {
    V read(JsonParser p, JsonToken t, Fields f) throws IOException;
  }

  /**
   * An object of names to values (scores, segments), each read by {@code entry}: null for a JSON null (none given),
   * and not plain for anything but an object or for a value {@code entry} refuses.
   */
  private static <V> Map<String, V> entries(JsonParser p, JsonToken v, Fields f, Entry<V> entry) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      f.plain &= v == JsonToken.VALUE_NULL;
      return null;
    }
    Map<String, V> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      V value = entry.read(p, p.nextToken(), f);
      if (value == null) {
        f.plain = false;
        JsonBatch.skip(p);
      } else {
        out.put(name, value);
      }
    }
    return out;
  }

  private static Double score(JsonParser p, JsonToken t, Fields f) throws IOException {
    Double x = t == JsonToken.VALUE_NULL ? null : number(p, t, f);
    return x != null && x >= 0 && x <= 1 ? x : null;
  }

  private static String segment(JsonParser p, JsonToken t, Fields f) throws IOException {
    return t == JsonToken.VALUE_STRING && p.getTextLength() <= EventFields.MAX_VALUE ? p.getText() : null;
  }

  private static boolean name(String s) {
    return s == null || !s.isBlank() && s.length() <= EventFields.MAX_NAME;
  }

  /** The event, when every field passes the rules the tree reader applies; else null. */
  private PredictionEvent event(Fields f, String defaultId, Instant now) {
    if (f.model == null || !name(f.model) || !name(f.id) || !name(f.version) || !name(f.consumer)
        || !name(f.status)) {
      return null;
    }
    boolean error = "error".equals(f.status);
    if (f.status != null && !error && !f.status.equals("ok") || error && !name(f.error)) {
      return null;
    }
    Instant time = time(f);
    if (time == null && (f.timestampText != null || f.timestampMillis != Long.MIN_VALUE)) {
      return null;
    }
    if (f.prediction instanceof String s && s.length() > EventFields.MAX_VALUE) {
      return null;
    }
    PredictionEvent.Builder b = PredictionEvent.builder(f.model);
    if (f.id != null) {
      b.id(f.id);
    } else if (defaultId != null) {
      b.id(defaultId);
    }
    if (f.version != null) {
      b.version(f.version);
    }
    b.timestamp(time != null ? time : now);
    if (error) {
      b.error(f.error != null ? f.error : "error");
    }
    if (f.features < 0 ? !error : !features(b, f)) {
      return null;
    }
    if (f.prediction != null) {
      b.prediction(f.prediction);
    }
    if (f.scores != null) {
      f.scores.forEach(b::score);
    }
    if (f.confidence != null) {
      if (!(f.confidence >= 0 && f.confidence <= 1)) {
        return null;
      }
      b.confidence(f.confidence);
    }
    if (f.latency != null) {
      if (!(f.latency >= 0)) {
        return null;
      }
      b.latencyMs(f.latency);
    }
    if (f.consumer != null) {
      b.consumer(f.consumer);
    }
    if (f.segments != null) {
      f.segments.forEach(b::segment);
    }
    try {
      PredictionEvent e = b.build(now);
      return e.features().size() == Math.max(0, f.features) ? e : null;   // a repeated feature name: the tree's
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Instant time(Fields f) {
    Instant t;
    if (f.timestampText != null) {
      try {
        t = OffsetDateTime.parse(f.timestampText).toInstant();
      } catch (DateTimeException e) {
        return null;
      }
    } else if (f.timestampMillis != Long.MIN_VALUE) {
      t = Instant.ofEpochMilli(f.timestampMillis);
    } else {
      return null;
    }
    return EventFields.plausible(t) ? t : null;
  }

  /** The features, when the model's schema has each one with this type. */
  private boolean features(PredictionEvent.Builder b, Fields f) {
    Optional<ModelInfo> model = registry.find(f.model);
    if (model.isEmpty()) {
      return false;   // the registry learns a new model (or refuses it) in the tree reader
    }
    Schema schema = model.get().schema();
    for (int i = 0; i < f.features; i++) {
      Object v = f.values[i];
      if (v == NULL) {
        b.feature(f.names[i], null);
        continue;
      }
      Optional<Feature> feature = schema.feature(f.names[i]);
      if (feature.isEmpty()) {
        return false;
      }
      Object checked = switch (feature.get().type()) {
        case NUMERIC -> v instanceof Double d ? (Double.isFinite(d) ? d : null)
            : v instanceof Long l ? (Object) (double) l : null;
        case BOOLEAN -> v instanceof Boolean ? v : null;
        default -> v instanceof String s && s.length() <= EventFields.MAX_VALUE ? s : null;
      };
      if (checked == null) {
        return false;
      }
      b.feature(f.names[i], checked);
    }
    return true;
  }
}
