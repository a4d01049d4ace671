package io.vigil.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Ground truth for an earlier prediction, joined to it by (model, id) (SPEC section 3). A repeated label for the
 * same id replaces the earlier one.
 *
 * <pre>{@code
 * LabelEvent l = new LabelEvent("r-1", "fraud", "fraud", Instant.now());
 * }</pre>
 *
 * @param label a class label ({@code String}, {@code Long}, {@code Boolean}) or a {@code Double} (regression)
 */
public record LabelEvent(String id, String model, Object label, Instant timestamp) {
  public LabelEvent {
    PredictionEvent.requireName(id, "id");
    PredictionEvent.requireName(model, "model");
    Objects.requireNonNull(label, "label: required");
    Objects.requireNonNull(timestamp, "timestamp");
  }
}
