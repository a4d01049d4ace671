package io.vigil.server.storage;

import io.vigil.event.PredictionEvent;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where accepted events and declared models live. {@link #append} returns only once the events are durable, and is idempotent by event id: a
 * 2xx answer to the client is sent after it (SPEC section 1, "no accepted event is lost"). Everything the server
 * aggregates can be rebuilt by {@link #replay}.
 *
 * <pre>{@code
 * try (EventStore store = SqliteEventStore.open(dataDir)) {
 *   store.append(events);                    // durable when it returns
 *   store.replay(event -> counts.add(...));  // after a restart
 * }
 * }</pre>
 *
 * <p>Implementations: {@link SqliteEventStore} (embedded, the default); PostgreSQL follows in the scale-out work.
 */
public interface EventStore extends AutoCloseable {

  /**
   * Stores the events durably, in order, skipping any whose (model, id) is already stored (a retried batch, or
   * the same id twice in one batch); returns the events that were new, which are the ones to count.
   */
  List<PredictionEvent> append(List<PredictionEvent> events);

  /** Feeds every stored event, oldest first, to {@code sink}; returns how many. */
  long replay(Consumer<byte[]> sink);

  /** Stores (or replaces) a declared model's definition, as JSON. */
  void saveModel(String name, String definitionJson);

  /** Feeds every declared model's JSON definition to {@code sink}. */
  void loadModels(java.util.function.BiConsumer<String, String> sink);

  @Override
  void close();
}
