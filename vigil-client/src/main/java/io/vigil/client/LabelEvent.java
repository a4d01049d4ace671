package io.vigil.client;

import java.util.UUID;

/**
 * The ground truth for an earlier prediction (SPEC section 3): joined to it by (model, id) on the server.
 *
 * <pre>{@code
 * UUID id = monitor.record(features, "fraud", scores, latency);
 * // ... days later, when the chargeback arrives:
 * monitor.label(id, "ok");
 * }</pre>
 *
 * @param label the true class or value
 * @param timestampMillis epoch milliseconds when the label was recorded
 */
public record LabelEvent(UUID id, String model, Object label, long timestampMillis) {

  /** Same decision as {@link PredictionEvent#sampled}: a label is sent exactly when its prediction was. */
  public boolean sampled(double rate) {
    return Sampling.keeps(id, rate);
  }
}
