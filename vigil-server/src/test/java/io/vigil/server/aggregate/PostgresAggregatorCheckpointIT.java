package io.vigil.server.aggregate;

import io.vigil.server.storage.EventStore;
import io.vigil.server.storage.LocalPostgres;
import io.vigil.server.storage.PostgresEventStore;

/**
 * {@link AggregatorCheckpointTest}'s checks (exact counts over any mix of stored roll-ups and deltas, restart from
 * checkpoint plus log tail, retention) against a real PostgreSQL: one fresh database per test, reopened by the
 * same instance id for the restart.
 */
class PostgresAggregatorCheckpointIT extends AggregatorCheckpointTest {

  private String url;

  @Override
  EventStore open() {
    if (url == null) {
      url = LocalPostgres.shared().newDatabase();
    }
    return PostgresEventStore.open(url, "test-instance");
  }
}
