package io.vigil.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.OutcomeEvent;
import io.vigil.server.registry.ModelRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Reads a batch of business outcomes (SPEC section 3: {@code {"id", "model", "name", "value", "timestamp"}}, a
 * JSON array or NDJSON): a known model, a name, a finite number ({@code value} defaults to 1, a count such as a
 * click). Each rejection names the outcome's index and the field.
 *
 * <pre>{@code
 * OutcomeBatchParser.Batch b = new OutcomeBatchParser(registry, clock).parse(body);
 * }</pre>
 */
public final class OutcomeBatchParser {

  /** What a batch yielded; {@code bodies} aligned with {@code accepted}, {@code indexes} their places in the body. */
  public record Batch(List<OutcomeEvent> accepted, List<PredictionBatchParser.Rejection> rejected, List<byte[]> bodies,
      List<Integer> indexes) {}

  private final ModelRegistry registry;
  private final Clock clock;

  public OutcomeBatchParser(ModelRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  public Batch parse(byte[] body) throws IOException {
    return parse(body, null);
  }

  /** Reads an outcome back from the log, with the time it was given then. */
  public Batch parseStored(byte[] body, Instant timestamp) throws IOException {
    return parse(body, timestamp);
  }

  private Batch parse(byte[] body, Instant defaultTime) throws IOException {
    Instant now = defaultTime != null ? defaultTime : clock.instant();
    JsonBatch.Parsed<OutcomeEvent> p = JsonBatch.each(body, n -> outcome(n, now));
    return new Batch(p.accepted(), p.rejected(), p.bodies(), p.indexes());
  }

  private OutcomeEvent outcome(JsonNode n, Instant now) {
    if (!n.isObject()) {
      throw new EventException("expected a JSON object, got " + EventFields.kind(n));
    }
    String model = EventFields.name(n, "model", true).orElseThrow();
    String id = EventFields.name(n, "id", true).orElseThrow();
    String name = EventFields.name(n, "name", true).orElseThrow();
    if (registry.find(model).isEmpty()) {
      throw new EventException("model: unknown model '" + model + "' (outcomes join predictions of a known model)");
    }
    JsonNode v = n.get("value");
    double value = 1;
    if (v != null && !v.isNull()) {
      if (!v.isNumber()) {
        throw new EventException("value: expected a number, got " + EventFields.kind(v));
      }
      value = v.asDouble();
      if (!Double.isFinite(value)) {
        throw new EventException("value: expected a finite number, got " + value);
      }
    }
    return new OutcomeEvent(id, model, name, value, EventFields.timestamp(n, "timestamp").orElse(now));
  }
}
