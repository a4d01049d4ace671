package io.vigil.server.storage;

import io.vigil.event.PredictionEvent;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where accepted events and declared models live. {@link #append} returns only once the events are durable: a
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

  /** Stores the events durably, in order; returns the log position of the last one. */
  long append(List<PredictionEvent> events);

  /** Feeds every stored event, oldest first, to {@code sink}; returns how many. */
  long replay(Consumer<byte[]> sink);

  /** Stores (or replaces) a declared model's definition, as JSON. */
  void saveModel(String name, String definitionJson);

  /** Feeds every declared model's JSON definition to {@code sink}. */
  void loadModels(java.util.function.BiConsumer<String, String> sink);

  @Override
  void close();
}
