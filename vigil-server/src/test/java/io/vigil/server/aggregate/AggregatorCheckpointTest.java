package io.vigil.server.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.LabelEvent;
import io.vigil.event.PredictionEvent;
import io.vigil.profile.WindowProfile;
import io.vigil.schema.Feature;
import io.vigil.schema.FeatureType;
import io.vigil.schema.Schema;
import io.vigil.server.alert.ManualClock;
import io.vigil.server.config.VigilConfig;
import io.vigil.server.ingest.PredictionBatchParser;
import io.vigil.server.registry.ModelInfo;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.storage.EventStore;
import io.vigil.server.storage.LabelStore;
import io.vigil.server.storage.ProfileStore;
import io.vigil.server.storage.SqliteEventStore;
import io.vigil.server.storage.TrafficCounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints and roll-ups against a real store (SQLite here, PostgreSQL in {@code PostgresAggregatorCheckpointIT}): whatever mix of stored minutes, hours, days and in-memory
 * deltas answers a range, it counts exactly the events in it; a restart from the checkpoint plus the log tail
 * gives the same answers; retention drops what it should and nothing the checkpoint still needs.
 */
class AggregatorCheckpointTest {

  static final Instant NOW = Instant.parse("2026-06-30T12:34:56Z");
  static final Schema SCHEMA = new Schema(List.of(new Feature("amount", FeatureType.NUMERIC),
      new Feature("country", FeatureType.CATEGORICAL)));
  static final VigilConfig.Retention KEEP_ALL = new VigilConfig.Retention(Duration.ofDays(400), Duration.ofDays(400),
      Duration.ofDays(60));

  @TempDir
  Path dir;

  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  /** The store under test, opened again on the same data for the restart checks ({@code PostgresAggregatorCheckpointIT}). */
  EventStore open() {
    return SqliteEventStore.open(dir);
  }

  ModelRegistry registry() {
    ModelRegistry registry = new ModelRegistry(false);
    registry.register(new ModelInfo("m", ModelInfo.Task.BINARY_CLASSIFICATION, List.of("no", "yes"), Optional.of("yes"),
        SCHEMA, true));
    return registry;
  }

  static List<PredictionEvent> events(Random random, int n, Instant from, Instant to, String idPrefix) {
    List<PredictionEvent> out = new ArrayList<>();
    long span = to.toEpochMilli() - from.toEpochMilli();
    for (int i = 0; i < n; i++) {
      PredictionEvent.Builder b = PredictionEvent.builder("m").id(idPrefix + i).version(random.nextInt(4) == 0 ? "v2" : "v1")
          .timestamp(Instant.ofEpochMilli(from.toEpochMilli() + (long) (random.nextDouble() * span)))
          .feature("amount", random.nextGaussian() * 10).feature("country", random.nextBoolean() ? "DE" : "FR")
          .prediction(random.nextBoolean() ? "yes" : "no").latencyMs(random.nextInt(50));
      if (random.nextInt(10) == 0) {
        b.error("timeout");
      }
      out.add(b.build(NOW));
    }
    return out;
  }

  static long count(List<PredictionEvent> events, String version, Instant from, Instant to) {
    return events.stream().filter(e -> e.version().equals(version) && !e.timestamp().isBefore(from)
        && e.timestamp().isBefore(to)).count();
  }

  static long errors(List<PredictionEvent> events, String version, Instant from, Instant to) {
    return events.stream().filter(e -> e.version().equals(version) && !e.timestamp().isBefore(from)
        && e.timestamp().isBefore(to) && e.status() == PredictionEvent.Status.ERROR).count();
  }

  /** Random minute-aligned ranges of up to two days (longer ones are answered at hour detail). */
  void assertRangesExact(Aggregator aggregator, List<PredictionEvent> all, Random random) {
    assertRangesExact(aggregator, all, random, false);
  }

  /** {@code performanceView}: asks {@link Aggregator#performanceWindow}, which decodes and caches less. */
  void assertRangesExact(Aggregator aggregator, List<PredictionEvent> all, Random random, boolean performanceView) {
    long start = NOW.minus(Duration.ofDays(5)).toEpochMilli() / 60_000;
    for (int i = 0; i < 200; i++) {
      long from = start + random.nextInt(5 * 1440);
      long to = from + 1 + random.nextInt(i % 3 == 0 ? 2 * 1440 : 300);
      Instant f = Instant.ofEpochSecond(from * 60);
      Instant t = Instant.ofEpochSecond(to * 60);
      for (String version : List.of("v1", "v2")) {
        long expected = count(all, version, f, t);
        Optional<WindowProfile> w = performanceView ? aggregator.performanceWindow("m", version, f, t)
            : aggregator.window("m", version, f, t);
        assertThat(w.map(WindowProfile::count).orElse(0L)).as("%s %s..%s", version, f, t).isEqualTo(expected);
        assertThat(w.map(WindowProfile::errors).orElse(0L)).isEqualTo(errors(all, version, f, t));
      }
    }
  }

  @Test
  void checkpointedAndFreshEventsAddUpInEveryRangeAndAfterARestart() {
    Random random = new Random(42);
    List<PredictionEvent> all = new ArrayList<>();
    long position;
    try (EventStore store = open()) {
      ModelRegistry registry = registry();
      TrafficCounts traffic = new TrafficCounts();
      Aggregator aggregator = new Aggregator(registry, store, traffic, clock, KEEP_ALL);
      Instant from = NOW.minus(Duration.ofDays(5));
      for (int round = 0; round < 3; round++) {
        List<PredictionEvent> batch = events(random, 4000, from, NOW, "r" + round + "-");
        aggregator.ingest(() -> store.append(batch));
        all.addAll(batch);
        if (round < 2) {
          assertThat(aggregator.checkpoint()).isPositive();   // the last round stays in memory only
        }
      }
      // a late event for a day already rolled up
      List<PredictionEvent> late = events(random, 50, from, from.plus(Duration.ofHours(3)), "late-");
      aggregator.ingest(() -> store.append(late));
      all.addAll(late);
      // performance views first: they are cached apart, and the checkpoint below must replace the ones it changes
      assertRangesExact(aggregator, all, new Random(1), true);
      // retried ids are not counted twice
      aggregator.ingest(() -> store.append(late));
      assertThat(traffic.versions("m").values().stream().mapToLong(TrafficCounts.Traffic::count).sum())
          .isEqualTo(all.size());
      aggregator.checkpoint();
      position = store.checkpoint().position();
      assertThat(position).isEqualTo(store.lastPosition());
      assertRangesExact(aggregator, all, new Random(1), true);
      assertRangesExact(aggregator, all, new Random(2));
      assertRangesExact(aggregator, all, new Random(2), true);
      // more events after the last checkpoint: a crash now loses no acknowledged event
      List<PredictionEvent> tail = events(random, 700, from, NOW, "tail-");
      aggregator.ingest(() -> store.append(tail));
      all.addAll(tail);
    }
    try (EventStore store = open()) {
      ModelRegistry registry = registry();
      TrafficCounts traffic = new TrafficCounts();
      Aggregator restarted = new Aggregator(registry, store, traffic, clock, KEEP_ALL);
      ProfileStore.Checkpoint checkpoint = store.checkpoint();
      assertThat(checkpoint.position()).isEqualTo(position);
      traffic.restore(checkpoint.totals());
      PredictionBatchParser parser = new PredictionBatchParser(registry, clock);
      long replayed = store.replayAfter(checkpoint.position(), stored -> {
        try {
          restarted.add(parser.parseStored(stored.body(), stored.id(), Instant.ofEpochMilli(stored.timestampMillis()))
              .accepted());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      assertThat(replayed).isEqualTo(700);
      assertThat(restarted.versions("m")).containsExactly("v1", "v2");
      assertThat(traffic.versions("m").get("v1").count() + traffic.versions("m").get("v2").count()).isEqualTo(all.size());
      assertRangesExact(restarted, all, new Random(3));
    }
  }

  @Test
  void aBatchStoredOnOneThreadAndCountedOnAnotherHoldsTheCheckpointBackUntilCounted() throws Exception {
    Random random = new Random(7);
    try (EventStore store = open()) {
      TrafficCounts traffic = new TrafficCounts();
      Aggregator aggregator = new Aggregator(registry(), store, traffic, clock, KEEP_ALL);
      List<PredictionEvent> batch = events(random, 300, NOW.minus(Duration.ofHours(2)), NOW, "x-");
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
      try {
        Aggregator.Stored stored = pool.submit(() -> aggregator.store(() -> store.append(batch))).get();
        java.util.concurrent.Future<Integer> checkpoint = pool.submit(aggregator::checkpoint);
        // the batch is in the log but not counted: a checkpoint now would record its position without its counts
        org.awaitility.Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
            .until(() -> !checkpoint.isDone());
        assertThat(stored.count()).hasSize(300);   // this thread counts what another stored
        assertThat(checkpoint.get(10, java.util.concurrent.TimeUnit.SECONDS)).isPositive();
        assertThat(store.checkpoint().position()).isEqualTo(store.lastPosition());
        assertThat(stored.count()).as("counted once").hasSize(300);
        assertThat(traffic.versions("m").values().stream().mapToLong(TrafficCounts.Traffic::count).sum())
            .isEqualTo(300);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aThirtyDayRangeMergesAboutAHundredProfiles() {
    try (EventStore store = open()) {
      Aggregator aggregator = new Aggregator(registry(), store, new TrafficCounts(), clock, KEEP_ALL);
      Instant from = NOW.minus(Duration.ofDays(30));
      List<PredictionEvent> all = events(new Random(5), 20_000, from, NOW, "e");
      aggregator.ingest(() -> store.append(all));
      aggregator.checkpoint();
      Aggregator.Merged m = aggregator.merge("m", "v1", from, NOW);
      assertThat(m.objects()).isLessThanOrEqualTo(30 + 2 * 23).isGreaterThan(20);
      // widened to whole hours: every event of the 30 days is in it
      assertThat(m.profile().count()).isEqualTo(count(all, "v1", Instant.EPOCH, NOW.plusSeconds(3600)));
    }
  }

  @Test
  void retentionDropsOldMinutesAndEventsButKeepsRollUps() {
    VigilConfig.Retention short3 = new VigilConfig.Retention(Duration.ofDays(2), Duration.ofDays(20), Duration.ofDays(1));
    try (EventStore store = open()) {
      Aggregator aggregator = new Aggregator(registry(), store, new TrafficCounts(), clock, short3);
      Instant from = NOW.minus(Duration.ofDays(25));
      List<PredictionEvent> all = events(new Random(9), 5000, from, NOW, "e");
      aggregator.ingest(() -> store.append(all));
      byte[] label = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      store.appendLabels(List.of(
          new io.vigil.server.storage.LabelStore.LabelRow("m", "e1", 0, NOW.minus(Duration.ofDays(3)).toEpochMilli(), label),
          new io.vigil.server.storage.LabelStore.LabelRow("m", "e2", 0, NOW.minus(Duration.ofHours(1)).toEpochMilli(), label)));
      aggregator.checkpoint();
      aggregator.retain();
      long[] labels = {0};
      store.replayLabelsAfter(0, l -> labels[0]++);
      assertThat(labels[0]).as("labels received before the events' retention are gone").isEqualTo(1);
      long[] kept = {0};
      store.events("m", "v1", 0, Long.MAX_VALUE, b -> kept[0]++);
      assertThat(kept[0]).isEqualTo(count(all, "v1", NOW.minus(Duration.ofDays(2)), NOW.plusSeconds(1)));
      assertThat(store.buckets("m", "v1", ProfileStore.Resolution.MINUTE, 0, NOW.minus(Duration.ofDays(1)).toEpochMilli()))
          .isEmpty();
      assertThat(store.buckets("m", "v1", ProfileStore.Resolution.DAY, 0, NOW.minus(Duration.ofDays(21)).toEpochMilli()))
          .isEmpty();
      // ten days ago, minutes are gone: a 5-minute range is answered by its whole hour
      Instant tenDays = Instant.parse("2026-06-20T10:30:00Z");
      assertThat(aggregator.window("m", "v1", tenDays, tenDays.plusSeconds(300)).orElseThrow().count())
          .isEqualTo(count(all, "v1", Instant.parse("2026-06-20T10:00:00Z"), Instant.parse("2026-06-20T11:00:00Z")));
      // the last day keeps minute detail
      Instant recent = Instant.parse("2026-06-30T10:30:00Z");
      assertThat(aggregator.window("m", "v1", recent, recent.plusSeconds(300)).map(WindowProfile::count).orElse(0L))
          .isEqualTo(count(all, "v1", recent, recent.plusSeconds(300)));
    }
  }
  private static void label(Aggregator aggregator, EventStore store, Clock time, String... ids) {
    List<LabelEvent> labels = new ArrayList<>();
    List<LabelStore.LabelRow> rows = new ArrayList<>();
    for (String id : ids) {
      labels.add(new LabelEvent(id, "m", "yes", time.instant()));
      rows.add(new LabelStore.LabelRow("m", id, time.millis(), time.millis(),
          ("{\"id\": \"" + id + "\", \"model\": \"m\", \"label\": \"yes\"}").getBytes(StandardCharsets.UTF_8)));
    }
    aggregator.labels(labels, () -> store.appendLabels(rows));
  }

  private static PredictionEvent prediction(String id, Instant at) {
    return PredictionEvent.builder("m").id(id).version("v1").timestamp(at).feature("amount", 1.0)
        .feature("country", "DE").prediction("yes").build(at);
  }

  /**
   * A label is orphaned when its wait ends before its prediction comes: counted once, by its newest label, kept
   * across a restart, and not confused with a joined label whose prediction retention deleted later.
   */
  @Test
  void labelsWhoseWaitEndsUnjoinedAreCountedOrphanedOnce() {
    ManualClock time = new ManualClock(NOW);
    VigilConfig.Retention wait24h = new VigilConfig.Retention(Duration.ofDays(7), Duration.ofDays(400),
        Duration.ofDays(3), Duration.ofHours(24));
    try (EventStore store = open()) {
      Aggregator aggregator = new Aggregator(registry(), store, new TrafficCounts(), time, wait24h);
      aggregator.ingest(() -> store.append(List.of(prediction("p0", NOW.minus(Duration.ofHours(1))))));
      label(aggregator, store, time, "p0", "ghost-a", "ghost-b", "ghost-c");
      assertThat(aggregator.waitingLabels()).isEqualTo(3);
      aggregator.checkpoint();
      assertThat(store.orphans("m", 0, Long.MAX_VALUE)).as("all still within their wait").isZero();

      // ghost-b's prediction comes within the wait; ghost-c is labeled again two hours later
      aggregator.ingest(() -> store.append(List.of(prediction("ghost-b", NOW))));
      time.advance(Duration.ofHours(2));
      label(aggregator, store, time, "ghost-c");
      time.advance(Duration.ofHours(23));   // ghost-a waited 25 h, ghost-c's newer label 23 h
      aggregator.checkpoint();
      assertThat(store.orphans("m", 0, Long.MAX_VALUE)).isEqualTo(1);
      assertThat(aggregator.waitingLabels()).isEqualTo(1);

      time.advance(Duration.ofHours(2));
      aggregator.checkpoint();
      aggregator.checkpoint();
      assertThat(store.orphans("m", 0, Long.MAX_VALUE)).as("ghost-a and ghost-c, each once").isEqualTo(2);
      assertThat(aggregator.waitingLabels()).isZero();

      // retention deletes every prediction, p0's included: its label joined, so it is no orphan
      store.deleteEventsBefore(time.millis(), store.lastPosition());
      assertThat(store.orphans("m", 0, Long.MAX_VALUE)).isEqualTo(2);
    }
    try (EventStore store = open()) {
      assertThat(store.orphans("m", 0, Long.MAX_VALUE)).as("after a restart").isEqualTo(2);
      assertThat(store.orphans("m", 0, NOW.toEpochMilli())).as("received in the range asked").isZero();
    }
  }
}
