package io.vigil.server.storage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Checkpointed profiles beside the event log: per model, version and minute, hour or day bucket, the encoded
 * {@link io.vigil.profile.WindowProfile} of every event up to a log position. After a crash the server loads the
 * checkpoint and replays only the events after its position. Also what retention and reference-from-window need.
 *
 * <pre>{@code
 * ProfileStore.Checkpoint c = store.checkpoint();
 * store.replayAfter(c.position(), stored -> aggregator.add(parse(stored)));
 * store.writeCheckpoint(new Checkpoint(position, labelPosition, totals, pending), Map.of(key, ProfileCodec.encode(hour)));
 * }</pre>
 */
public interface ProfileStore {

  /** Bucket widths of the roll-ups. */
  enum Resolution {
    MINUTE("m", Duration.ofMinutes(1)), HOUR("h", Duration.ofHours(1)), DAY("d", Duration.ofDays(1));

    private final String code;
    private final long millis;

    Resolution(String code, Duration width) {
      this.code = code;
      this.millis = width.toMillis();
    }

    /** The column value in the store. */
    public String code() {
      return code;
    }

    public long millis() {
      return millis;
    }

    /** Start of the bucket holding {@code epochMillis}. */
    public long floor(long epochMillis) {
      return Math.floorDiv(epochMillis, millis) * millis;
    }

    /** Start of the first bucket at or after {@code epochMillis}. */
    public long ceil(long epochMillis) {
      return -Math.floorDiv(-epochMillis, millis) * millis;
    }
  }

  /** One stored profile's address; {@code bucket} is the bucket's start in epoch milliseconds. */
  record Key(String model, String version, Resolution resolution, long bucket) {}

  /** All-time traffic of a model version: predictions, errors, labels counted, the newest prediction's time. */
  record Totals(String model, String version, long count, long errors, long lastMillis, long labels) {}

  /**
   * What the last checkpoint holds: profiles up to event log {@code position} and label log {@code labelPosition},
   * the totals at that moment, and the labels then still waiting for their prediction.
   */
  record Checkpoint(long position, long labelPosition, List<Totals> totals, List<Long> pendingLabels) {
    public static final Checkpoint NONE = new Checkpoint(0, 0, List.of(), List.of());
  }

  Checkpoint checkpoint();

  /** The newest log position (0 for an empty log). */
  long lastPosition();

  /** A logged event: its id and time as given at ingest, and its JSON as received. */
  record StoredEvent(String id, long timestampMillis, byte[] body) {}

  /** Feeds the stored events after {@code position}, oldest first; returns how many. */
  long replayAfter(long position, Consumer<StoredEvent> sink);

  /** One stored profile. */
  Optional<byte[]> profile(Key key);

  /** Buckets with a stored profile of this resolution in [fromBucket, toBucket), ascending. */
  List<Long> buckets(String model, String version, Resolution resolution, long fromBucket, long toBucket);

  /** Model versions with any stored profile: {@code sink(model, version)}. */
  void series(BiConsumer<String, String> sink);

  /**
   * Replaces the given profiles, the totals and the checkpoint position in one transaction: either all of it is
   * stored or none.
   */
  void writeCheckpoint(Checkpoint checkpoint, Map<Key, byte[]> profiles);

  /** A Kafka topic partition whose consumed position a checkpoint records. */
  record SourcePartition(String topic, int partition) {}

  /**
   * As {@link #writeCheckpoint(Checkpoint, Map)}, and in the same transaction the next offset to read of each
   * consumed partition, so the stored position of a partition never runs ahead of (or behind) the profiles that
   * count its records. Only stores that support Kafka ingest accept offsets.
   */
  default void writeCheckpoint(Checkpoint checkpoint, Map<Key, byte[]> profiles, Map<SourcePartition, Long> offsets) {
    if (!offsets.isEmpty()) {
      throw new UnsupportedOperationException(getClass().getSimpleName() + " does not record Kafka offsets");
    }
    writeCheckpoint(checkpoint, profiles);
  }

  /** The stored next offsets of the partitions of {@code topic} (none stored: absent). */
  default Map<Integer, Long> offsets(String topic) {
    return Map.of();
  }

  /**
   * Whether other instances write profiles to this store too. A shared store answers {@link #profile} with the
   * merge of every instance's part, which changes under this instance, so the aggregator caches nothing, and
   * checkpoints merge into {@link #ownProfile}.
   */
  default boolean shared() {
    return false;
  }

  /** This instance's own part of a profile (the whole profile when the store is not {@link #shared}). */
  default Optional<byte[]> ownProfile(Key key) {
    return profile(key);
  }

  /**
   * Runs a maintenance job (retention) on at most one of the instances sharing the store at a time; returns
   * false, without running it, when another instance is running it now.
   */
  default boolean exclusively(String job, Runnable work) {
    work.run();
    return true;
  }

  /** Deletes profiles of this resolution whose bucket starts before {@code bucket}; returns how many. */
  int deleteProfilesBefore(Resolution resolution, long bucket);

  /**
   * Deletes events older than {@code timestampMillis} that are also at or before {@code position} (so never one a
   * checkpoint does not include yet); returns how many.
   */
  int deleteEventsBefore(long timestampMillis, long position);

  /**
   * Shadow pairs: events of version {@code a} in [fromMillis, toMillis) whose id version {@code b} also scored,
   * as {@code sink(bodyA, bodyB)}, at most {@code limit}; returns how many.
   */
  long pairs(String model, String a, String b, long fromMillis, long toMillis, int limit,
      BiConsumer<byte[], byte[]> sink);

  /** Feeds the stored events of a model version with a timestamp in [fromMillis, toMillis), oldest first. */
  long events(String model, String version, long fromMillis, long toMillis, Consumer<byte[]> sink);
}
