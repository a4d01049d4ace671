package io.vigil.server.api;

import io.vigil.event.LabelEvent;
import io.vigil.event.OutcomeEvent;
import io.vigil.event.PredictionEvent;
import java.util.List;

/**
 * Where HTTP ingest sends what it accepted when the server consumes Kafka (README, "Scaling out"): to the topics
 * it consumes, so every event takes one path and is counted once, when consumed. Each method returns once the
 * items are durable there, and throws {@link ForwardingException} when they may not be.
 *
 * <pre>{@code
 * forwarder.predictions(batch.accepted(), batch.bodies());   // then answer 200
 * }</pre>
 */
public interface EventForwarder {

  /** @param bodies each event's JSON as received, aligned with {@code events} */
  void predictions(List<PredictionEvent> events, List<byte[]> bodies);

  void labels(List<LabelEvent> labels, List<byte[]> bodies);

  void outcomes(List<OutcomeEvent> outcomes, List<byte[]> bodies);

  /** Whether labels go through here (a labels topic is consumed); if not, they are stored as without Kafka. */
  boolean takesLabels();

  /** Whether outcomes go through here (an outcomes topic is consumed); if not, they are stored as without Kafka. */
  boolean takesOutcomes();

  /** The items could not be made durable (answered 503: send the batch again). */
  final class ForwardingException extends RuntimeException {
    public ForwardingException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
