package io.vigil.server.aggregate;

import io.vigil.profile.WindowProfile;
import io.vigil.server.api.ModelRoutes;
import io.vigil.server.registry.ModelInfo;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.storage.EventStore;
import io.vigil.server.storage.ProfileStore;
import io.vigil.server.storage.TrafficCounts;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;

/**
 * Writes the aggregator's checkpoints: the deltas merged into the stored profiles, with the log positions they
 * include (events, labels, and the offsets of other logs such as Kafka's), the traffic totals and the labels still
 * waiting, in one transaction. Under the write side of the ingest gate it reads the positions and swaps the deltas,
 * so a checkpoint never splits a batch; the merge and the write run outside it, while ingest goes on. If they fail,
 * the swapped deltas go back for the next checkpoint.
 *
 * <pre>{@code
 * Checkpoints c = new Checkpoints(gate, view, store, registry, traffic, labels);
 * int written = c.write();   // stored profiles written; 0 when nothing was counted since the last one
 * }</pre>
 */
final class Checkpoints {

  private final StampedLock gate;
  private final ProfileView view;
  private final EventStore store;
  private final ModelRegistry registry;
  private final TrafficCounts traffic;
  private final LabelJoin labels;
  /** Model definitions as last stored, by name and whether declared. */
  private final Map<String, String> savedSchemas = new HashMap<>();
  /** Positions of other logs (Kafka offsets) that the deltas include, read with them under the gate. */
  private volatile Supplier<Map<ProfileStore.SourcePartition, Long>> sourcePositions = Map::of;
  private Map<ProfileStore.SourcePartition, Long> writtenPositions = Map.of();

  Checkpoints(StampedLock gate, ProfileView view, EventStore store, ModelRegistry registry, TrafficCounts traffic,
      LabelJoin labels) {
    this.gate = gate;
    this.view = view;
    this.store = store;
    this.registry = registry;
    this.traffic = traffic;
    this.labels = labels;
  }

  /** See {@link Aggregator#checkpointAlso}. */
  void alsoRecord(Supplier<Map<ProfileStore.SourcePartition, Long>> positions) {
    this.sourcePositions = positions;
  }

  /** Writes a checkpoint and returns the number of stored profiles written; see {@link Aggregator#checkpoint}. */
  synchronized int write() {
    Map<String, NavigableMap<Long, WindowProfile>> swapped;
    ProfileStore.Checkpoint checkpoint;
    Map<ProfileStore.SourcePartition, Long> positions;
    long stamp = gate.writeLock();
    try {
      checkpoint = new ProfileStore.Checkpoint(store.lastPosition(), store.lastLabelPosition(), traffic.snapshot(),
          labels.pending());
      labels.markOrphans();
      positions = Map.copyOf(sourcePositions.get());
      swapped = view.swap();
      if (swapped == null) {
        ProfileStore.Checkpoint last = store.checkpoint();
        if (checkpoint.position() > last.position() || checkpoint.labelPosition() > last.labelPosition()
            || !positions.equals(writtenPositions)) {
          saveSchemas();
          store.writeCheckpoint(checkpoint, Map.of(), positions);
          writtenPositions = positions;
        }
        return 0;
      }
    } finally {
      gate.unlockWrite(stamp);
    }
    saveSchemas();
    try {
      ProfileView.RolledUp rolledUp = view.rollUp(swapped);
      view.commit(rolledUp, () -> store.writeCheckpoint(checkpoint, rolledUp.bytes(), positions));
      writtenPositions = positions;
      return rolledUp.bytes().size();
    } catch (RuntimeException e) {
      long again = gate.writeLock();
      try {
        view.restore(swapped);
      } finally {
        gate.unlockWrite(again);
      }
      throw e;
    }
  }

  /**
   * Stores the schemas as traffic extended them (or taught them, for models registered on first sight): the events
   * that did are not replayed once a checkpoint holds them. Only changed definitions are written.
   */
  private void saveSchemas() {
    synchronized (registry) {
      for (ModelInfo m : registry.all()) {
        String definition = ModelRoutes.definition(m);
        if (!definition.equals(savedSchemas.put(m.name() + (m.declared() ? "+" : "-"), definition))) {
          store.saveModel(m.name(), definition, m.declared());
        }
      }
    }
  }
}
