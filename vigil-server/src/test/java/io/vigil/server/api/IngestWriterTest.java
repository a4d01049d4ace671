package io.vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.PredictionEvent;
import io.vigil.server.storage.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IngestWriterTest {

  private record Outcome(IngestDestination.Written written, RuntimeException failure) {}

  private static List<PredictionEvent> events(String... ids) {
    List<PredictionEvent> out = new ArrayList<>();
    for (String id : ids) {
      out.add(PredictionEvent.builder("fraud").id(id).feature("amount", 1.0).build(Instant.EPOCH));
    }
    return out;
  }

  private static String[] ids(String prefix, int n) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = prefix + i;
    }
    return out;
  }

  private static List<byte[]> bodies(List<PredictionEvent> events) {
    return events.stream().map(e -> ("{\"id\": \"" + e.id() + "\"}").getBytes()).toList();
  }

  private static CompletableFuture<Outcome> submit(IngestWriter writer, List<PredictionEvent> events) {
    CompletableFuture<Outcome> f = new CompletableFuture<>();
    writer.submit(events, bodies(events), (w, e) -> f.complete(new Outcome(w, e)));
    return f;
  }

  /** A store that keeps ids, holds its first write until released, and records each group's size. */
  private static final class HeldStore implements IngestDestination {
    final Set<String> stored = new HashSet<>();
    final List<Integer> groups = new ArrayList<>();
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public synchronized IngestDestination.Counting write(List<PredictionEvent> events, List<byte[]> bodies) {
      assertThat(bodies).hasSameSizeAs(events);
      groups.add(events.size());
      entered.countDown();
      try {
        assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      List<PredictionEvent> fresh = new ArrayList<>();
      for (PredictionEvent e : events) {
        if (stored.add(e.id())) {
          fresh.add(e);
        }
      }
      IngestDestination.Written written = new IngestDestination.Written(fresh, events.size() - fresh.size());
      return () -> written;
    }
  }

  @Test
  void batchesQueuedDuringAWriteGoInOneGroupAndEachGetsItsOwnDuplicates() throws Exception {
    HeldStore store = new HeldStore();
    try (IngestWriter writer = new IngestWriter(store)) {
      CompletableFuture<Outcome> first = submit(writer, events("a", "b"));
      assertThat(store.entered.await(10, TimeUnit.SECONDS)).isTrue();
      // while the first group is being written, three batches queue; two repeat ids already stored
      CompletableFuture<Outcome> repeat = submit(writer, events("a", "c"));
      CompletableFuture<Outcome> fresh = submit(writer, events("d", "e", "f"));
      CompletableFuture<Outcome> inside = submit(writer, events("g", "g"));
      store.release.countDown();

      assertThat(first.get(10, TimeUnit.SECONDS).written().counted()).extracting(PredictionEvent::id)
          .containsExactly("a", "b");
      Outcome r = repeat.get(10, TimeUnit.SECONDS);
      assertThat(r.written().counted()).extracting(PredictionEvent::id).containsExactly("c");
      assertThat(r.written().duplicates()).isEqualTo(1);
      Outcome f = fresh.get(10, TimeUnit.SECONDS);
      assertThat(f.written().counted()).extracting(PredictionEvent::id).containsExactly("d", "e", "f");
      assertThat(f.written().duplicates()).isZero();
      Outcome i = inside.get(10, TimeUnit.SECONDS);
      assertThat(i.written().counted()).extracting(PredictionEvent::id).containsExactly("g");
      assertThat(i.written().duplicates()).isEqualTo(1);
      assertThat(store.groups).containsExactly(2, 7);   // one write for the three queued batches
    }
  }

  @Test
  void aDestinationThatCountsNothingNowReportsNoDuplicates() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger writes = new AtomicInteger();
    IngestDestination kafka = (events, bodies) -> {
      writes.incrementAndGet();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return () -> new IngestDestination.Written(List.of(), 0);
    };
    try (IngestWriter writer = new IngestWriter(kafka)) {
      CompletableFuture<Outcome> a = submit(writer, events("a"));
      CompletableFuture<Outcome> b = submit(writer, events("b", "c"));
      release.countDown();
      for (CompletableFuture<Outcome> o : List.of(a, b)) {
        assertThat(o.get(10, TimeUnit.SECONDS).failure()).isNull();
        assertThat(o.get().written().counted()).isEmpty();
        assertThat(o.get().written().duplicates()).isZero();
      }
    }
  }

  @Test
  void aFailedWriteFailsEveryBatchOfItsGroupAndTheNextGroupStillWrites() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    IngestDestination failingOnce = (events, bodies) -> {
      if (calls.incrementAndGet() == 1) {
        throw new StoreException("disk full", null);
      }
      return () -> new IngestDestination.Written(events, 0);
    };
    try (IngestWriter writer = new IngestWriter(failingOnce)) {
      Outcome failed = submit(writer, events("a")).get(10, TimeUnit.SECONDS);
      assertThat(failed.written()).isNull();
      assertThat(failed.failure()).isInstanceOf(StoreException.class).hasMessage("disk full");
      Outcome next = submit(writer, events("b")).get(10, TimeUnit.SECONDS);
      assertThat(next.written().counted()).extracting(PredictionEvent::id).containsExactly("b");
    }
  }

  @Test
  void closeWritesWhatIsQueuedAndLaterBatchesAreRefused() throws Exception {
    HeldStore store = new HeldStore();
    IngestWriter writer = new IngestWriter(store);
    CompletableFuture<Outcome> first = submit(writer, events("a"));
    assertThat(store.entered.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Outcome> queued = submit(writer, events("b"));
    CompletableFuture<Void> closed = CompletableFuture.runAsync(writer::close);
    store.release.countDown();
    closed.get(10, TimeUnit.SECONDS);
    assertThat(first.get().written().counted()).hasSize(1);
    assertThat(queued.getNow(null)).as("written before close returned").isNotNull();
    assertThat(queued.get().written().counted()).extracting(PredictionEvent::id).containsExactly("b");

    Outcome late = submit(writer, events("c")).get(10, TimeUnit.SECONDS);
    assertThat(late.failure()).isInstanceOf(IngestWriter.ShuttingDownException.class)
        .hasMessageContaining("shutting down");
    assertThat(store.stored).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void aLargeGroupIsCountedWhileTheNextIsWrittenAndAFailedCountFailsOnlyItsGroup() throws Exception {
    CountDownLatch counting = new CountDownLatch(1);
    CountDownLatch releaseCount = new CountDownLatch(1);
    List<String> writes = java.util.Collections.synchronizedList(new ArrayList<>());
    IngestDestination store = (events, bodies) -> {
      writes.add(events.get(0).id());
      return () -> {
        if (events.get(0).id().equals("a0")) {
          counting.countDown();
          try {
            assertThat(releaseCount.await(10, TimeUnit.SECONDS)).isTrue();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          throw new IllegalStateException("counting failed");
        }
        return new IngestDestination.Written(events, 0);
      };
    };
    try (IngestWriter writer = new IngestWriter(store)) {
      CompletableFuture<Outcome> a = submit(writer, events(ids("a", IngestWriter.HAND_OVER_EVENTS)));
      assertThat(counting.await(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Outcome> b = submit(writer, events(ids("b", IngestWriter.HAND_OVER_EVENTS)));
      // "a" is still being counted, yet "b" is written: the two threads overlap
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(writes).containsExactly("a0", "b0"));
      assertThat(b.isDone()).as("answered only once counted, after the group before it").isFalse();
      // a small group is counted and answered by the writer itself, even while a large one is being counted
      assertThat(submit(writer, events("c")).get(10, TimeUnit.SECONDS).written().counted())
          .extracting(PredictionEvent::id).containsExactly("c");
      releaseCount.countDown();
      assertThat(a.get(10, TimeUnit.SECONDS).failure()).hasMessage("counting failed");
      assertThat(b.get(10, TimeUnit.SECONDS).written().counted()).hasSize(IngestWriter.HAND_OVER_EVENTS);
    }
  }
}
