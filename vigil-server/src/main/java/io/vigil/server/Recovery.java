package io.vigil.server;

import io.vigil.event.PredictionEvent;
import io.vigil.server.api.Json;
import io.vigil.server.api.ModelRoutes;
import io.vigil.server.aggregate.Aggregator;
import io.vigil.server.ingest.LabelBatchParser;
import io.vigil.server.ingest.PredictionBatchParser;
import io.vigil.server.registry.ModelInfo;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.storage.EventStore;
import io.vigil.server.storage.ProfileStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the server's state from the store at start-up: declared models first (stored, then {@code vigil.yaml}'s), then every logged event through
 * the same parser as ingest (which also re-infers the schemas of models registered on first sight). After a crash
 * this makes the counts equal to what was acknowledged, since every acknowledged event is in the log.
 *
 * <pre>{@code
 * Recovery.run(store, registry, parser, events -> counts.add(events));
 * }</pre>
 */
final class Recovery {

  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private Recovery() {}

  /**
   * Registers the stored models this instance does not know yet: those other instances sharing the store declared
   * or learned from their traffic (saved with their checkpoints), so that any instance answers for every model.
   * Returns how many it registered.
   */
  /**
   * With a shared store: learns the models other instances registered every {@code every}, on a daemon thread
   * (shut it down to stop).
   */
  static java.util.concurrent.ScheduledExecutorService adoptModelsEvery(EventStore store, ModelRegistry registry,
      java.time.Duration every) {
    java.util.concurrent.ScheduledExecutorService scheduler =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "vigil-shared-models");
          t.setDaemon(true);
          return t;
        });
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        adoptModels(store, registry);
      } catch (RuntimeException e) {
        LOG.warn("cannot read the models other instances registered: {}", e.getMessage());
      }
    }, every.toMillis(), every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    return scheduler;
  }

  static int adoptModels(EventStore store, ModelRegistry registry) {
    int[] adopted = {0};
    store.loadModels((name, json, declared) -> {
      if (registry.find(name).isEmpty()) {
        try {
          ModelInfo m = ModelRoutes.parse(name, Json.MAPPER.readTree(json));
          registry.register(declared ? m : m.asInferred());
          adopted[0]++;
        } catch (IOException | IllegalArgumentException e) {
          LOG.warn("stored definition of model {} is unreadable and was skipped: {}", name, e.getMessage());
        }
      }
    });
    return adopted[0];
  }

  static void run(EventStore store, ModelRegistry registry, List<ModelInfo> configured, PredictionBatchParser parser,
      Aggregator aggregator, LabelBatchParser labels, Consumer<ProfileStore.Checkpoint> restore,
      Consumer<List<PredictionEvent>> sink) {
    store.loadModels((name, json, declared) -> {
      try {
        ModelInfo m = ModelRoutes.parse(name, Json.MAPPER.readTree(json));
        registry.register(declared ? m : m.asInferred());
      } catch (IOException | IllegalArgumentException e) {
        LOG.warn("stored definition of model {} is unreadable and was skipped: {}", name, e.getMessage());
      }
    });
    configured.forEach(registry::register);   // vigil.yaml is the declared truth at start-up
    long[] skipped = {0};
    ProfileStore.Checkpoint checkpoint = store.checkpoint();
    restore.accept(checkpoint);
    aggregator.restoreWaiting(store.labels(checkpoint.pendingLabels()));
    long replayed = store.replayAfter(checkpoint.position(), stored -> {
      try {
        PredictionBatchParser.Batch b = parser.parseStored(stored.body(), stored.id(),
            java.time.Instant.ofEpochMilli(stored.timestampMillis()));
        sink.accept(b.accepted());
        skipped[0] += b.rejected().size();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (IllegalArgumentException e) {
        skipped[0]++;
      }
    });
    if (replayed > 0) {
      LOG.info("replayed {} events logged after the checkpoint at position {}", replayed, checkpoint.position());
    }
    if (skipped[0] > 0) {
      LOG.warn("{} stored events no longer fit their model's schema (changed since) and were not counted", skipped[0]);
    }
    long[] unreadable = {0};
    io.vigil.server.ingest.OutcomeBatchParser outcomes = new io.vigil.server.ingest.OutcomeBatchParser(registry,
        java.time.Clock.systemUTC());
    long relabeled = store.replayLabelsAfter(checkpoint.labelPosition(), stored -> {
      try {
        if (stored.outcome()) {
          outcomes.parseStored(stored.body(), java.time.Instant.ofEpochMilli(stored.timestampMillis())).accepted()
              .forEach(aggregator::replayOutcome);
          return;
        }
        LabelBatchParser.Batch b = labels.parseStored(stored.body(), java.time.Instant.ofEpochMilli(stored.timestampMillis()));
        if (b.accepted().isEmpty()) {
          unreadable[0]++;
        } else {
          aggregator.join(b.accepted(), new long[] {stored.seq()}, stored.receivedMillis());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    if (relabeled > 0) {
      LOG.info("replayed {} labels and outcomes logged after the checkpoint", relabeled);
    }
    if (unreadable[0] > 0) {
      LOG.warn("{} stored labels no longer fit their model (changed since) and were not counted", unreadable[0]);
    }
  }
}
