package io.vigil.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.PredictionEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent appends share transactions (group commit) yet each caller gets exactly its own new events back:
 * across 16 threads sending overlapping ids, every id is stored and reported new exactly once.
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
}
