package io.vigil.server.storage;

import io.vigil.event.PredictionEvent;
import java.util.List;

/**
 * Where accepted events and declared models live. {@link #append} returns only once the events are durable, and is idempotent by event id: a
 * 2xx answer to the client is sent after it (SPEC section 1, "no accepted event is lost"). Everything the server
 * aggregates can be rebuilt from the last checkpoint and {@link #replayAfter}.
 *
 * <pre>{@code
 * try (EventStore store = SqliteEventStore.open(dataDir)) {
 *   store.append(events);                    // durable when it returns
 *   store.replayAfter(store.checkpoint().position(), body -> ...);  // after a restart
 * }
 * }</pre>
 *
 * <p>Implementations: {@link SqliteEventStore} (embedded, the default) and {@link PostgresEventStore}
 * (shared by several instances, with Kafka ingest).
 */
public interface EventStore extends ProfileStore, LabelStore, AutoCloseable {

  /**
   * Stores the events durably, in order, skipping any whose (model, version, id) is already stored (a retried
   * batch, or the same id twice in one batch); returns the events that were new, which are the ones to count.
   * {@code bodies} are the events' JSON as received, aligned with {@code events}.
   */
  List<PredictionEvent> append(List<PredictionEvent> events, List<byte[]> bodies);

  /** As {@link #append(List, List)}, with each event encoded as JSON by {@link EventCodec}. */
  default List<PredictionEvent> append(List<PredictionEvent> events) {
    List<byte[]> bodies = new java.util.ArrayList<>(events.size());
    events.forEach(e -> bodies.add(EventCodec.encode(e)));
    return append(events, bodies);
  }

  /**
   * Stores events read from Kafka, {@code origins} naming each one's record ({@code topic/partition/offset}), and
   * returns those to count: the new ones, and those already stored from the same record (consumed again after a
   * crash, by this instance or one that took its partition over, so not in any checkpoint). An event whose id was
   * stored from another record or over HTTP is a duplicate and not counted. Kafka is these events' log: they are
   * not replayed by {@link #replayAfter}.
   */
  default List<PredictionEvent> appendConsumed(List<PredictionEvent> events, List<byte[]> bodies, List<String> origins) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support Kafka ingest");
  }

  /** Stores (or replaces) a declared model's definition, as JSON. */
  default void saveModel(String name, String definitionJson) {
    saveModel(name, definitionJson, true);
  }

  /** Stores (or replaces) a model's definition, as JSON; {@code declared} false for one inferred from traffic. */
  void saveModel(String name, String definitionJson, boolean declared);

  /** A stored model definition. */
  interface ModelSink {
    void accept(String name, String definitionJson, boolean declared);
  }

  /** Feeds every stored model's JSON definition to {@code sink}. */
  void loadModels(ModelSink sink);

  @Override
  void close();
}
