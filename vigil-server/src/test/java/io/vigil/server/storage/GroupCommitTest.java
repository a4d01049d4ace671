package io.vigil.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vigil.event.PredictionEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent appends share transactions (group commit) yet each caller gets exactly its own new events back:
 * across 16 threads sending overlapping ids, every id is stored and reported new exactly once. And {@link
 * GroupCommit} itself: batches queued while a group is written make up the next group, each caller gets its own
 * result, and a failed group fails each of its callers, not the next group.
 */
class GroupCommitTest {

  @TempDir
  Path dir;

  @Test
  void concurrentBatchesAreEachCountedOnceWhateverTheGrouping() throws Exception {
    int threads = 16;
    int batches = 40;
    try (SqliteEventStore store = SqliteEventStore.open(dir)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          List<String> fresh = new ArrayList<>();
          for (int b = 0; b < batches; b++) {
            List<PredictionEvent> events = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
              // ids overlap between neighbouring threads: each must be new for exactly one of them
              String id = "e-" + ((thread / 2) * 100_000 + b * 25 + i);
              events.add(PredictionEvent.builder("m").id(id).feature("x", 1.0).build(Instant.EPOCH));
            }
            store.append(events).forEach(e -> fresh.add(e.id()));
          }
          return fresh;
        }));
      }
      Set<String> all = new HashSet<>();
      long reported = 0;
      for (Future<List<String>> f : results) {
        List<String> fresh = f.get();
        reported += fresh.size();
        all.addAll(fresh);
      }
      pool.shutdown();
      long[] rows = {0};
      store.events("m", "default", Long.MIN_VALUE, Long.MAX_VALUE, b -> rows[0]++);
      assertThat(all).hasSize(threads / 2 * batches * 25);
      assertThat(rows[0]).as("rows stored").isEqualTo(all.size());
      assertThat(reported).isEqualTo(all.size());
    }
  }

  @Test
  void batchesQueuedDuringAWriteFormTheNextGroupAndEachCallerGetsItsOwnResult() throws Exception {
    CountDownLatch firstWriting = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<List<Integer>> groups = Collections.synchronizedList(new ArrayList<>());
    GroupCommit<Integer, Integer> commits = new GroupCommit<>(group -> {
      groups.add(List.copyOf(group));
      if (groups.size() == 1) {
        firstWriting.countDown();
        awaitQuietly(release);
      }
      return group.stream().map(b -> b * 10).toList();
    });
    ExecutorService pool = Executors.newFixedThreadPool(5);
    try {
      Future<Integer> first = pool.submit(() -> commits.submit(0));
      firstWriting.await();
      List<Future<Integer>> rest = new ArrayList<>();
      for (int b = 1; b <= 4; b++) {
        int batch = b;
        rest.add(pool.submit(() -> commits.submit(batch)));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> commits.queued() == 4);
      release.countDown();
      assertThat(first.get()).isZero();
      for (int b = 1; b <= 4; b++) {
        assertThat(rest.get(b - 1).get()).as("batch %d", b).isEqualTo(b * 10);
      }
      assertThat(groups).hasSize(2);
      assertThat(groups.get(0)).containsExactly(0);
      assertThat(groups.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedGroupFailsEachOfItsCallersAndTheNextGroupIsWritten() throws Exception {
    CountDownLatch firstWriting = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> written = Collections.synchronizedList(new ArrayList<>());
    GroupCommit<Integer, Integer> commits = new GroupCommit<>(group -> {
      if (group.contains(0)) {
        firstWriting.countDown();
        awaitQuietly(release);
      }
      if (group.contains(-1)) {
        throw new StoreException("disk full", null);
      }
      written.addAll(group);
      return group;
    });
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<Integer> first = pool.submit(() -> commits.submit(0));
      firstWriting.await();
      Future<Integer> bad = pool.submit(() -> commits.submit(-1));
      Future<Integer> beside = pool.submit(() -> commits.submit(7));
      await().atMost(Duration.ofSeconds(10)).until(() -> commits.queued() == 2);
      release.countDown();
      assertThat(first.get()).isZero();
      for (Future<Integer> f : List.of(bad, beside)) {
        assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class).cause()
            .isInstanceOf(StoreException.class).hasMessage("disk full");
      }
      assertThat(commits.submit(8)).as("the next group, written by this thread").isEqualTo(8);
      assertThat(written).containsExactly(0, 8);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
