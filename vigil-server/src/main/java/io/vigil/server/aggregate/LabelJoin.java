package io.vigil.server.aggregate;

import io.vigil.event.LabelEvent;
import io.vigil.event.OutcomeEvent;
import io.vigil.event.PredictionEvent;
import io.vigil.profile.Target;
import io.vigil.profile.WindowProfile;
import io.vigil.server.ingest.LabelBatchParser;
import io.vigil.server.ingest.PredictionBatchParser;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.storage.EventStore;
import io.vigil.server.storage.LabelStore.StoredLabel;
import io.vigil.server.storage.LabelStore.StoredPrediction;
import io.vigil.server.storage.StoreException;
import io.vigil.server.storage.TrafficCounts;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Aggregator}'s joins: labels and outcomes counted in the minute and version of the predictions they
 * belong to, found by (model, id) in the stored events. A label whose prediction is not stored yet waits for it
 * for {@code retention.label_wait}; when the wait ends unjoined, the label is an orphan, marked so in the store.
 *
 * <p>Not a lock holder: the aggregator calls {@link #join} and {@link #outcomes} under the read side of its ingest
 * gate, and {@link #pending} and {@link #markOrphans} from its synchronized checkpoint under the write side.
 */
final class LabelJoin {

  private static final Logger LOG = LoggerFactory.getLogger(LabelJoin.class);

  /** Where a join counts: the deltas' minute profile of a model version at a time (epoch milliseconds). */
  @FunctionalInterface
  interface Deltas {
    WindowProfile minute(String model, String version, long millis);
  }

  /** A label waiting for its prediction. */
  private record Waiting(long seq, LabelEvent label, long receivedMillis) {}

  private final EventStore store;
  private final TrafficCounts traffic;
  private final Clock clock;
  private final Duration wait;
  private final ModelRegistry registry;
  private final Deltas deltas;
  /** Read stored predictions and labels back. */
  private final PredictionBatchParser predictions;
  private final LabelBatchParser labelReader;
  /** Labels whose prediction has not arrived, by {@code model \0 id}. */
  private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
  /** Log positions of labels whose wait ended unjoined, not yet marked orphaned in the store. */
  private final List<Long> orphans = new ArrayList<>();

  LabelJoin(ModelRegistry registry, EventStore store, TrafficCounts traffic, Clock clock, Duration wait,
      Deltas deltas) {
    this.store = store;
    this.traffic = traffic;
    this.clock = clock;
    this.wait = wait;
    this.registry = registry;
    this.deltas = deltas;
    this.predictions = new PredictionBatchParser(registry, clock);
    this.labelReader = new LabelBatchParser(registry, clock);
  }

  /** A prediction arrived: the label that waited for it, taken out of the waiting ones, else null. */
  LabelEvent arrived(String model, String id) {
    Waiting w = waiting.isEmpty() ? null : waiting.remove(key(model, id));
    return w == null ? null : w.label();
  }

  /**
   * Counts each label (at log position {@code seqs[i]}) in the bucket and version of its prediction; a label
   * replacing an earlier one takes that one out first; one whose prediction is not stored waits.
   *
   * @return how many (label, prediction) pairs were counted now
   */
  int join(List<LabelEvent> labels, long[] seqs, long receivedMillis) {
    Map<String, List<String>> idsByModel = new LinkedHashMap<>();
    labels.forEach(l -> idsByModel.computeIfAbsent(l.model(), m -> new ArrayList<>()).add(l.id()));
    long first = Arrays.stream(seqs).min().orElse(0);
    Map<String, Map<String, List<StoredPrediction>>> found = new HashMap<>();
    Map<String, Optional<LabelEvent>> previous = new HashMap<>();   // by model \0 id: the label a new one replaces
    idsByModel.forEach((model, ids) -> {
      found.put(model, store.predictions(model, ids));
      store.previousLabels(model, ids, first).forEach((id, stored) -> previous.put(key(model, id), readLabel(stored)));
    });
    int counted = 0;
    for (int i = 0; i < labels.size(); i++) {
      LabelEvent l = labels.get(i);
      String lk = key(l.model(), l.id());
      Optional<LabelEvent> replaced = previous.getOrDefault(lk, Optional.empty());
      previous.put(lk, Optional.of(l));   // a later label of this batch replaces this one
      List<StoredPrediction> scored = found.get(l.model()).getOrDefault(l.id(), List.of());
      if (scored.isEmpty()) {
        waiting.put(lk, new Waiting(seqs[i], l, receivedMillis));
        continue;
      }
      waiting.remove(lk);
      for (StoredPrediction sp : scored) {
        PredictionEvent p = readPrediction(sp).orElse(null);
        Target t = p == null ? null : registry.target(p.model(), p.prediction());
        if (t == null) {
          continue;
        }
        WindowProfile minute = deltas.minute(p.model(), p.version(), p.timestamp().toEpochMilli());
        synchronized (minute) {
          replaced.ifPresent(old -> minute.unlabel(p, old));
          if (minute.label(p, l, t)) {
            counted++;
            if (replaced.isEmpty()) {
              traffic.labeled(p.model(), p.version());
            }
          }
        }
      }
    }
    return counted;
  }

  /** See {@link Aggregator#outcomes}. */
  Aggregator.OutcomeResult outcomes(List<OutcomeEvent> outcomes, Function<List<OutcomeEvent>, long[]> append) {
    Map<String, List<String>> idsByModel = new LinkedHashMap<>();
    outcomes.forEach(o -> idsByModel.computeIfAbsent(o.model(), m -> new ArrayList<>()).add(o.id()));
    Map<String, Map<String, List<StoredPrediction>>> found = new HashMap<>();
    idsByModel.forEach((model, ids) -> found.put(model, store.predictions(model, ids)));
    List<Integer> missing = new ArrayList<>();
    List<OutcomeEvent> kept = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      OutcomeEvent o = outcomes.get(i);
      if (found.get(o.model()).getOrDefault(o.id(), List.of()).isEmpty()) {
        missing.add(i);
      } else {
        kept.add(o);
      }
    }
    long[] seqs = kept.isEmpty() ? new long[0] : append.apply(kept);
    int counted = 0;
    for (int i = 0; i < kept.size(); i++) {
      if (seqs[i] != 0) {
        countOutcome(kept.get(i), found.get(kept.get(i).model()).get(kept.get(i).id()));
        counted++;
      }
    }
    return new Aggregator.OutcomeResult(missing, counted, kept.size() - counted);
  }

  /** Counts an outcome read back from the log (recovery). */
  void replayOutcome(OutcomeEvent o) {
    countOutcome(o, store.predictions(o.model(), List.of(o.id())).getOrDefault(o.id(), List.of()));
  }

  private void countOutcome(OutcomeEvent o, List<StoredPrediction> scored) {
    for (StoredPrediction sp : scored) {
      WindowProfile minute = deltas.minute(o.model(), sp.version(), sp.timestampMillis());
      synchronized (minute) {
        minute.outcome(o.name(), o.value());
      }
    }
  }

  /** Restores the labels that were waiting at the checkpoint (before the events after it are replayed). */
  void restoreWaiting(List<StoredLabel> stored) {
    for (StoredLabel s : stored) {
      readLabel(s).ifPresent(l -> waiting.put(key(l.model(), l.id()), new Waiting(s.seq(), l, s.receivedMillis())));
    }
  }

  /** Labels waiting for their prediction now. */
  int waiting() {
    return waiting.size();
  }

  /**
   * Log positions of the labels still waiting for their prediction, for the checkpoint. Those past their wait are
   * let go and become orphans, to be marked in the store by {@link #markOrphans}.
   */
  List<Long> pending() {
    long expired = clock.millis() - wait.toMillis();
    waiting.values().removeIf(w -> w.receivedMillis() < expired && orphans.add(w.seq()));
    return waiting.values().stream().map(Waiting::seq).sorted().collect(Collectors.toList());
  }

  /**
   * Marks the labels let go since the last call orphaned, before the checkpoint that drops them from the pending
   * list is written. If the server stops in between, the old checkpoint still lists them, so they wait again
   * after the restart and are marked then (marking twice changes nothing). If the store refuses, they are kept
   * here for the next checkpoint.
   */
  void markOrphans() {
    if (orphans.isEmpty()) {
      return;
    }
    try {
      store.markOrphaned(orphans);
      orphans.clear();
    } catch (StoreException e) {
      LOG.warn("could not mark {} labels orphaned, will try again at the next checkpoint: {}", orphans.size(),
          e.getMessage());
    }
  }

  private Optional<PredictionEvent> readPrediction(StoredPrediction sp) {
    try {
      List<PredictionEvent> e = predictions.parseStored(sp.body(), sp.id(), Instant.ofEpochMilli(sp.timestampMillis()))
          .accepted();
      return e.isEmpty() ? Optional.empty() : Optional.of(e.get(0));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private Optional<LabelEvent> readLabel(StoredLabel stored) {
    try {
      List<LabelEvent> l = labelReader.parseStored(stored.body(), Instant.ofEpochMilli(stored.timestampMillis()))
          .accepted();
      return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String key(String model, String id) {
    return model + '\u0000' + id;
  }
}
