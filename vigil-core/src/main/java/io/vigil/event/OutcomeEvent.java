package io.vigil.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A business outcome of a prediction, such as a click (SPEC section 3).
 *
 * <pre>{@code
 * OutcomeEvent o = new OutcomeEvent("r-1", "fraud", "click", 1.0, Instant.now());
 * }</pre>
 */
public record OutcomeEvent(String id, String model, String name, double value, Instant timestamp) {
  public OutcomeEvent {
    PredictionEvent.requireName(id, "id");
    PredictionEvent.requireName(model, "model");
    PredictionEvent.requireName(name, "name");
    Objects.requireNonNull(timestamp, "timestamp");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value: expected a finite number, got " + value);
    }
  }
}
