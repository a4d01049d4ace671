package io.vigil.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.PredictionEvent;
import io.vigil.schema.FeatureType;
import io.vigil.schema.Schema;
import io.vigil.server.registry.ModelInfo;
import io.vigil.server.registry.ModelRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a batch of prediction events (a JSON array, or NDJSON: objects one after another) and validates each one
 * against its model's schema (SPEC sections 3 and 4). Valid events are accepted even when others in the batch are
 * rejected; each rejection names the event's index and the field.
 *
 * <pre>{@code
 * PredictionBatchParser parser = new PredictionBatchParser(registry, Clock.systemUTC());
 * PredictionBatchParser.Batch b = parser.parse(request.getInputStream());
 * b.accepted();   // events to store
 * b.rejected();   // [Rejection[index=3, error="features.amount: expected number, got string"]]
 * }</pre>
 *
 * <p>The body is parsed as a stream, one event at a time. A body that is not JSON at all, or breaks the limits
 * below, is refused whole with {@link MalformedBodyException} (its position is in the message), and nothing of it
 * is accepted. Limits: nesting depth {@value #MAX_DEPTH}, one string at most {@value #MAX_STRING} characters, a
 * number at most 1000 digits. {@code NaN} and {@code Infinity} are read (they are not JSON, but Python's
 * {@code json} writes them) so that the event carrying them gets a precise per-event rejection. Unknown top-level
 * fields are ignored.
 */
public final class PredictionBatchParser {

  static final int MAX_DEPTH = JsonBatch.MAX_DEPTH;
  static final int MAX_STRING = JsonBatch.MAX_STRING;

  /** One refused event: its 0-based position in the batch and what is wrong, naming the field. */
  public record Rejection(int index, String error) {}

  /** What a batch yielded. */
  /**
   * @param bodies the JSON text of each accepted event as the client sent it, aligned with {@code accepted}: what
   *     the log stores (no re-encoding), read back by {@link #parseStored}
   */
  public record Batch(List<PredictionEvent> accepted, List<Rejection> rejected, List<byte[]> bodies) {}

  private final ModelRegistry registry;
  private final Clock clock;
  private final Redaction redaction;
  private final StreamedEvent streamed;
  /** Whether plain events are read without a tree (tests turn it off to compare). */
  private final boolean stream;

  public PredictionBatchParser(ModelRegistry registry, Clock clock) {
    this(registry, clock, Redaction.NONE);
  }

  /** @param redaction features dropped or hashed at ingest, before validation and storage */
  public PredictionBatchParser(ModelRegistry registry, Clock clock, Redaction redaction) {
    this(registry, clock, redaction, true);
  }

  PredictionBatchParser(ModelRegistry registry, Clock clock, Redaction redaction, boolean stream) {
    this.registry = registry;
    this.clock = clock;
    this.redaction = redaction;
    this.streamed = new StreamedEvent(registry);
    this.stream = stream;
  }

  /** @throws MalformedBodyException when the body is not a JSON array or a sequence of JSON values */
  public Batch parse(InputStream body) throws IOException {
    return parse(body.readAllBytes());
  }

  /** @throws MalformedBodyException when the body is not a JSON array or a sequence of JSON values */
  public Batch parse(byte[] body) throws IOException {
    return parse(body, null, null, true);
  }

  /**
   * Reads events that arrived by another way than HTTP (a Kafka record a model server wrote): redacted like a
   * request body, with {@code id} and {@code timestamp} for events that carry none.
   */
  public Batch parseReceived(byte[] body, String id, Instant timestamp) throws IOException {
    return parse(body, id, timestamp, true);
  }

  /**
   * Reads one event back from the log: {@code body} as it was received, with the id and time it was given then
   * (an event sent without them got a new id and its receive time).
   */
  public Batch parseStored(byte[] body, String id, Instant timestamp) throws IOException {
    return parse(body, id, timestamp, false);   // redacted when it was received: never twice
  }

  private Batch parse(byte[] body, String defaultId, Instant defaultTime, boolean redact) throws IOException {
    List<PredictionEvent> accepted = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    List<byte[]> bodies = new ArrayList<>();
    Instant now = defaultTime != null ? defaultTime : clock.instant();
    JsonBatch.Streamed streamed = redact && redaction != Redaction.NONE || !stream ? null : p -> {
      PredictionEvent e = this.streamed.read(p, defaultId, now);
      if (e == null) {
        return null;
      }
      accepted.add(e);
      return bodies::add;
    };
    JsonBatch.read(body, streamed, (node, index, text) -> {
      boolean redacted = redact && redaction.apply(node);
      if (accept(node, index, accepted, rejected, defaultId, now)) {
        bodies.add(redacted ? JsonBatch.bytes(node) : text);
      }
    });
    return new Batch(accepted, rejected, bodies);
  }

  private boolean accept(JsonNode node, int index, List<PredictionEvent> accepted, List<Rejection> rejected,
      String defaultId, Instant now) {
    try {
      accepted.add(event(node, defaultId, now));
      return true;
    } catch (EventException | IllegalArgumentException e) {
      rejected.add(new Rejection(index, e.getMessage()));
      return false;
    }
  }

  private PredictionEvent event(JsonNode n, String defaultId, Instant now) {
    if (!n.isObject()) {
      throw new EventException("expected a JSON object, got " + EventFields.kind(n));
    }
    String model = EventFields.name(n, "model", true).orElseThrow();
    PredictionEvent.Builder b = PredictionEvent.builder(model);
    Optional<String> id = EventFields.name(n, "id", false);
    if (id.isPresent()) {
      b.id(id.get());
    } else if (defaultId != null) {
      b.id(defaultId);
    }
    EventFields.name(n, "version", false).ifPresent(b::version);
    b.timestamp(EventFields.timestamp(n, "timestamp").orElse(now));
    String status = EventFields.name(n, "status", false).orElse("ok");
    if (status.equals("error")) {
      b.error(EventFields.name(n, "error", false).orElse("error"));
    } else if (!status.equals("ok")) {
      throw new EventException("status: expected \"ok\" or \"error\", got \"" + status + "\"");
    }
    features(b, model, n.get("features"), status.equals("error"));
    EventFields.prediction(n.get("prediction")).ifPresent(b::prediction);
    EventFields.scores(n.get("scores")).forEach(b::score);
    EventFields.unitInterval(n, "confidence").ifPresent(b::confidence);
    EventFields.nonNegative(n, "latency_ms").ifPresent(b::latencyMs);
    EventFields.name(n, "consumer", false).ifPresent(b::consumer);
    EventFields.segments(n.get("segments")).forEach(b::segment);
    return b.build(now);
  }

  /** Reads the features into {@code b}, checked against the model's schema (extended by new ones unless strict). */
  private void features(PredictionEvent.Builder b, String model, JsonNode node, boolean error) {
    if (node == null || node.isNull()) {
      if (error) {
        return;
      }
      throw new EventException("features: required unless status is \"error\"");
    }
    if (!node.isObject()) {
      throw new EventException("features: expected an object, got " + EventFields.kind(node));
    }
    Schema schema = registry.find(model).map(ModelInfo::schema).orElse(null);
    if (schema == null || !covers(schema, node)) {   // a new model or feature: the registry learns it (or refuses)
      Map<String, FeatureType> seen = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> EventFields.typeOf(e.getValue()).ifPresent(t -> seen.put(e.getKey(), t)));
      schema = registry.schemaFor(model, seen).orElseThrow(() ->
          new EventException("model: unknown model '" + model + "' (the server runs with --strict)"));
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      b.feature(e.getKey(), EventFields.feature(e.getKey(), e.getValue(), schema, registry.strict(), model));
    }
  }

  /**
   * Whether the schema already has every feature the event gives a value: then the registry has nothing to learn,
   * and the usual event skips its update (one lock per event on the model's entry, which the parsing threads
   * contended for).
   */
  private static boolean covers(Schema schema, JsonNode features) {
    Iterator<Map.Entry<String, JsonNode>> fields = features.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      if (schema.feature(e.getKey()).isEmpty() && EventFields.typeOf(e.getValue()).isPresent()) {
        return false;
      }
    }
    return true;
  }
}
