package io.vigil.server.api;

import io.vigil.event.PredictionEvent;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Where a batch's accepted events go, durably, before the {@link IngestHandler} answers: the store (then counted by
 * the aggregator), or Kafka (counted by whichever instance consumes them).
 *
 * <pre>{@code
 * IngestDestination d = IngestDestination.storing((events, bodies) ->
 *     aggregator.store(() -> store.append(events, bodies))::count);
 * IngestDestination.Written w = d.write(events, bodies).count();
 * }</pre>
 */
public interface IngestDestination {

  /** What became of the written events: those to count now, and how many were duplicates. */
  record Written(List<PredictionEvent> counted, int duplicates) {}

  /**
   * Writes the events durably and returns how to count them, which the ingest writer's second thread does while
   * the next group is written.
   *
   * @param bodies each event's JSON as received
   */
  Counting write(List<PredictionEvent> events, List<byte[]> bodies);

  /** Counts written events (once); the answer follows. */
  @FunctionalInterface
  interface Counting {
    Written count();
  }

  /**
   * The store's destination: {@code store} writes and returns how to count the events not seen before (the ones
   * to count now; the others are duplicates).
   */
  static IngestDestination storing(
      BiFunction<List<PredictionEvent>, List<byte[]>, Supplier<List<PredictionEvent>>> store) {
    return (events, bodies) -> {
      Supplier<List<PredictionEvent>> fresh = store.apply(events, bodies);
      return () -> {
        List<PredictionEvent> counted = fresh.get();
        return new Written(counted, events.size() - counted.size());
      };
    };
  }

  /** Kafka's destination: the consumer counts the events (and recognises duplicates) when it reads them. */
  static IngestDestination forwarding(EventForwarder forwarder) {
    return (events, bodies) -> {
      forwarder.predictions(events, bodies);
      return () -> new Written(List.of(), 0);
    };
  }
}
