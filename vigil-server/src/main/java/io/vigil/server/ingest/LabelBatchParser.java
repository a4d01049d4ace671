package io.vigil.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.LabelEvent;
import io.vigil.server.registry.ModelInfo;
import io.vigil.server.registry.ModelRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Reads a batch of labels (SPEC section 3: {@code {"id", "model", "label", "timestamp"}}, a JSON array or NDJSON)
 * and checks each against its model: the model must exist, a regression's label must be a finite number, a
 * classifier's label one of its declared classes (any value when it declared none). Each rejection names the
 * label's index and the field.
 *
 * <pre>{@code
 * LabelBatchParser.Batch b = new LabelBatchParser(registry, clock).parse(body);
 * b.accepted();   // labels to store, with b.bodies() their JSON as sent
 * }</pre>
 */
public final class LabelBatchParser {

  /** What a batch yielded; {@code bodies} aligned with {@code accepted}. */
  public record Batch(List<LabelEvent> accepted, List<PredictionBatchParser.Rejection> rejected, List<byte[]> bodies) {}

  private final ModelRegistry registry;
  private final Clock clock;

  public LabelBatchParser(ModelRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  public Batch parse(byte[] body) throws IOException {
    return parse(body, null);
  }

  /** Reads a label back from the log, with the time it was given then. */
  public Batch parseStored(byte[] body, Instant timestamp) throws IOException {
    return parse(body, timestamp);
  }

  private Batch parse(byte[] body, Instant defaultTime) throws IOException {
    Instant now = defaultTime != null ? defaultTime : clock.instant();
    JsonBatch.Parsed<LabelEvent> p = JsonBatch.each(body, n -> label(n, now));
    return new Batch(p.accepted(), p.rejected(), p.bodies());
  }

  private LabelEvent label(JsonNode n, Instant now) {
    if (!n.isObject()) {
      throw new EventException("expected a JSON object, got " + EventFields.kind(n));
    }
    String model = EventFields.name(n, "model", true).orElseThrow();
    String id = EventFields.name(n, "id", true).orElseThrow();
    ModelInfo info = registry.find(model).orElseThrow(() ->
        new EventException("model: unknown model '" + model + "' (labels join predictions of a known model)"));
    JsonNode v = n.get("label");
    if (v == null || v.isNull()) {
      throw new EventException("label: required");
    }
    Object label = EventFields.value(v, "label");
    if (info.task() == ModelInfo.Task.REGRESSION) {
      if (!(label instanceof Number)) {
        throw new EventException("label: model '" + model + "' is a regression; expected a number, got "
            + EventFields.kind(v));
      }
      label = ((Number) label).doubleValue();
    } else if (!info.classes().isEmpty() && !info.classes().contains(String.valueOf(label))) {
      throw new EventException("label: '" + label + "' is not one of the classes " + info.classes() + " of model '"
          + model + "'");
    }
    Instant timestamp = EventFields.timestamp(n, "timestamp").orElse(now);
    return new LabelEvent(id, model, label, timestamp);
  }
}
