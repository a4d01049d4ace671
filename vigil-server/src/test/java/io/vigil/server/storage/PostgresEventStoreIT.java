package io.vigil.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.event.PredictionEvent;
import io.vigil.profile.WindowProfile;
import io.vigil.schema.Feature;
import io.vigil.schema.FeatureType;
import io.vigil.schema.Schema;
import io.vigil.server.aggregate.Aggregator;
import io.vigil.server.config.VigilConfig;
import io.vigil.server.registry.ModelInfo;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.storage.ProfileStore.SourcePartition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What several instances sharing one PostgreSQL need beyond the single-store checks: partial profiles merged at
 * query time, each instance's own log and checkpoint, Kafka records counted once however often they are read,
 * offsets committed with the checkpoint or not at all, and one retention job at a time.
 */
class PostgresEventStoreIT {

  static final Instant NOW = Instant.parse("2026-06-30T12:34:56Z");
  static final Schema SCHEMA = new Schema(List.of(new Feature("amount", FeatureType.NUMERIC)));
  static final VigilConfig.Retention KEEP_ALL = new VigilConfig.Retention(Duration.ofDays(400), Duration.ofDays(400),
      Duration.ofDays(60));

  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  String url;

  @BeforeEach
  void database() {
    url = LocalPostgres.shared().newDatabase();
  }

  static ModelRegistry registry() {
    ModelRegistry registry = new ModelRegistry(false);
    registry.register(new ModelInfo("m", ModelInfo.Task.REGRESSION, List.of(), Optional.empty(), SCHEMA, true));
    return registry;
  }

  static List<PredictionEvent> events(Random random, int n, String prefix) {
    List<PredictionEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(PredictionEvent.builder("m").id(prefix + i).version("v1")
          .timestamp(NOW.minusSeconds(random.nextInt(3 * 86_400))).feature("amount", random.nextGaussian())
          .build(NOW));
    }
    return out;
  }

  static long count(Aggregator aggregator) {
    return aggregator.window("m", "v1", NOW.minus(Duration.ofDays(4)), NOW.plusSeconds(60))
        .map(WindowProfile::count).orElse(0L);
  }

  @Test
  void everyInstanceAnswersWithThePartialsOfAll() {
    Random random = new Random(7);
    try (PostgresEventStore a = PostgresEventStore.open(url, "a"); PostgresEventStore b = PostgresEventStore.open(url, "b")) {
      Aggregator onA = new Aggregator(registry(), a, new TrafficCounts(), clock, KEEP_ALL);
      Aggregator onB = new Aggregator(registry(), b, new TrafficCounts(), clock, KEEP_ALL);
      List<PredictionEvent> first = events(random, 3000, "a-");
      List<PredictionEvent> second = events(random, 2000, "b-");
      onA.ingest(() -> a.append(first));
      onB.ingest(() -> b.append(second));
      assertThat(count(onA)).as("before any checkpoint each knows its own").isEqualTo(3000);
      onA.checkpoint();
      onB.checkpoint();
      assertThat(count(onA)).isEqualTo(5000);
      assertThat(count(onB)).isEqualTo(5000);
      // both checkpoint again into the same buckets: each merges into its own part, never into the other's
      List<PredictionEvent> more = events(random, 500, "a2-");
      onA.ingest(() -> a.append(more));
      onA.checkpoint();
      assertThat(count(onB)).isEqualTo(5500);
      ProfileStore.Key day = new ProfileStore.Key("m", "v1", ProfileStore.Resolution.DAY,
          ProfileStore.Resolution.DAY.floor(first.get(0).timestamp().toEpochMilli()));
      long own = io.vigil.profile.ProfileCodec.decodeWindow(a.ownProfile(day).orElseThrow()).count();
      long all = io.vigil.profile.ProfileCodec.decodeWindow(a.profile(day).orElseThrow()).count();
      assertThat(own).isLessThan(all);
    }
    // a third instance started later sees everything checkpointed
    try (PostgresEventStore c = PostgresEventStore.open(url, "c")) {
      assertThat(count(new Aggregator(registry(), c, new TrafficCounts(), clock, KEEP_ALL))).isEqualTo(5500);
    }
  }

  @Test
  void eachInstanceReplaysOnlyItsOwnLogAfterItsOwnCheckpoint() {
    Random random = new Random(8);
    try (PostgresEventStore a = PostgresEventStore.open(url, "a"); PostgresEventStore b = PostgresEventStore.open(url, "b")) {
      Aggregator onA = new Aggregator(registry(), a, new TrafficCounts(), clock, KEEP_ALL);
      onA.ingest(() -> a.append(events(random, 100, "a-")));
      onA.checkpoint();
      a.append(events(random, 30, "a-late-"));
      b.append(events(random, 70, "b-"));
      assertThat(a.checkpoint().position()).isPositive();
      assertThat(b.checkpoint()).isEqualTo(ProfileStore.Checkpoint.NONE);
      List<String> replayed = new ArrayList<>();
      a.replayAfter(a.checkpoint().position(), e -> replayed.add(e.id()));
      assertThat(replayed).hasSize(30).allMatch(id -> id.startsWith("a-late-"));
      replayed.clear();
      b.replayAfter(0, e -> replayed.add(e.id()));
      assertThat(replayed).hasSize(70).allMatch(id -> id.startsWith("b-"));
    }
  }

  @Test
  void instancesStartedTogetherOnAnEmptyDatabaseBothMigrateAndOpen() throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      List<java.util.concurrent.Future<PostgresEventStore>> opened = new ArrayList<>();
      for (String id : List.of("a", "b", "c")) {
        opened.add(pool.submit(() -> PostgresEventStore.open(url, id)));
      }
      for (java.util.concurrent.Future<PostgresEventStore> f : opened) {
        try (PostgresEventStore store = f.get()) {
          assertThat(store.checkpoint()).isEqualTo(ProfileStore.Checkpoint.NONE);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSecondLiveInstanceWithTheSameIdIsRefused() {
    try (PostgresEventStore a = PostgresEventStore.open(url, "a")) {
      assertThatThrownBy(() -> PostgresEventStore.open(url, "a")).isInstanceOf(StoreException.class)
          .hasMessageContaining("another running Vigil instance uses the id 'a'");
    }
    PostgresEventStore.open(url, "a").close();   // free again once the first has closed
  }

  @Test
  void aRecordReadAgainIsCountedAgainButAnotherRecordWithTheSameIdIsNot() {
    try (PostgresEventStore a = PostgresEventStore.open(url, "a"); PostgresEventStore b = PostgresEventStore.open(url, "b")) {
      List<PredictionEvent> e = events(new Random(1), 3, "k-");
      List<byte[]> bodies = e.stream().map(EventCodec::encode).toList();
      List<String> origins = List.of("t/0/10", "t/0/11", "t/0/12");
      assertThat(a.appendConsumed(e, bodies, origins)).hasSize(3);
      // instance a died before its checkpoint; b took the partition over and reads the same records
      assertThat(b.appendConsumed(e, bodies, origins)).hasSize(3);
      // the producer sent k-0 again as a new record: a duplicate
      assertThat(b.appendConsumed(e.subList(0, 1), bodies.subList(0, 1), List.of("t/0/13"))).isEmpty();
      // and over HTTP
      assertThat(b.append(e.subList(1, 2))).isEmpty();
      // Kafka's events are in no instance's replay log
      assertThat(a.replayAfter(0, x -> { })).isZero();
      assertThat(b.replayAfter(0, x -> { })).isZero();
    }
  }

  @Test
  void offsetsAreStoredWithTheCheckpointOrNotAtAll() {
    try (PostgresEventStore a = PostgresEventStore.open(url, "a")) {
      SourcePartition p0 = new SourcePartition("t", 0);
      SourcePartition p1 = new SourcePartition("t", 1);
      a.writeCheckpoint(new ProfileStore.Checkpoint(0, 0, List.of(), List.of()), Map.of(), Map.of(p0, 100L, p1, 7L));
      assertThat(a.offsets("t")).isEqualTo(Map.of(0, 100L, 1, 7L));
      assertThat(a.offsets("other")).isEmpty();
      // a checkpoint that fails (a NOT NULL column) stores none of its offsets
      ProfileStore.Checkpoint broken = new ProfileStore.Checkpoint(5, 0,
          List.of(new ProfileStore.Totals(null, "v1", 1, 0, 0, 0)), List.of());
      assertThatThrownBy(() -> a.writeCheckpoint(broken, Map.of(), Map.of(p0, 200L)))
          .isInstanceOf(StoreException.class);
      assertThat(a.offsets("t")).isEqualTo(Map.of(0, 100L, 1, 7L));
      assertThat(a.checkpoint().position()).isZero();
    }
  }

  @Test
  void retentionRunsOnOneInstanceAtATime() {
    try (PostgresEventStore a = PostgresEventStore.open(url, "a"); PostgresEventStore b = PostgresEventStore.open(url, "b")) {
      AtomicBoolean ranOnB = new AtomicBoolean();
      boolean ranOnA = a.exclusively("retention", () -> assertThat(b.exclusively("retention", () -> ranOnB.set(true)))
          .as("b while a holds the job").isFalse());
      assertThat(ranOnA).isTrue();
      assertThat(ranOnB).isFalse();
      assertThat(b.exclusively("retention", () -> ranOnB.set(true))).isTrue();
      assertThat(ranOnB).isTrue();
      assertThat(a.exclusively("roll-up", () -> assertThat(b.exclusively("retention", () -> { })).isTrue())).isTrue();
    }
  }
}
