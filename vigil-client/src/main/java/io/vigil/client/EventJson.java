package io.vigil.client;

import java.time.Instant;
import java.util.List;

/**
 * SPEC section 3's wire format for batches: a JSON array of prediction or label objects.
 *
 * <pre>{@code
 * String body = EventJson.predictions(batch);
 * // [{"id":"…","model":"fraud","version":"v3","timestamp":"2026-11-22T10:00:00Z","features":{…},
 * //   "prediction":"fraud","scores":{…},"confidence":0.91,"latency_ms":12.5,"status":"ok","error":null}]
 * }</pre>
 */
final class EventJson {
  private EventJson() {}

  static String predictions(List<PredictionEvent> events) {
    StringBuilder out = new StringBuilder(256 * events.size() + 2);
    out.append('[');
    for (int i = 0; i < events.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      appendPrediction(out, events.get(i));
    }
    return out.append(']').toString();
  }

  static String labels(List<LabelEvent> events) {
    StringBuilder out = new StringBuilder(96 * events.size() + 2);
    out.append('[');
    for (int i = 0; i < events.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      LabelEvent label = events.get(i);
      out.append("{\"id\":");
      Json.appendString(out, label.id().toString());
      out.append(",\"model\":");
      Json.appendString(out, label.model());
      out.append(",\"label\":");
      Json.appendValue(out, label.label());
      out.append(",\"timestamp\":");
      Json.appendString(out, Instant.ofEpochMilli(label.timestampMillis()).toString());
      out.append('}');
    }
    return out.append(']').toString();
  }

  static void appendPrediction(StringBuilder out, PredictionEvent event) {
    out.append("{\"id\":");
    Json.appendString(out, event.id().toString());
    out.append(",\"model\":");
    Json.appendString(out, event.model());
    out.append(",\"version\":");
    Json.appendString(out, event.version());
    out.append(",\"timestamp\":");
    Json.appendString(out, Instant.ofEpochMilli(event.timestampMillis()).toString());
    out.append(",\"features\":");
    Json.appendValue(out, event.features());
    out.append(",\"prediction\":");
    Json.appendValue(out, event.prediction());
    out.append(",\"scores\":");
    Json.appendValue(out, event.scores());
    out.append(",\"confidence\":");
    Json.appendDouble(out, event.confidence());
    out.append(",\"latency_ms\":");
    Json.appendDouble(out, event.latencyMs());
    out.append(",\"status\":");
    Json.appendString(out, event.status());
    out.append(",\"error\":");
    Json.appendValue(out, event.error());
    out.append('}');
  }
}
