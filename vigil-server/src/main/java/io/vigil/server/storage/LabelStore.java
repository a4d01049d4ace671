package io.vigil.server.storage;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The label log beside the event log: every accepted label, durable before the answer, replayed after the
 * checkpoint's label position at start-up, and the lookups the join needs (the predictions of an id, the label a
 * new one replaces).
 *
 * <pre>{@code
 * long[] seqs = store.appendLabels(rows);                 // durable when it returns
 * store.predictions("fraud", List.of("r-1"));              // {r-1=[StoredPrediction[version=v3, ...]]}
 * store.previousLabel("fraud", "r-1", seqs[0]);            // the label it replaces, if any
 * }</pre>
 */
public interface LabelStore {

  /** A label to store: its JSON as received. */
  record LabelRow(String model, String id, long timestampMillis, long receivedMillis, byte[] body) {}

  /** A stored label (or, with {@code outcome} true, a business outcome) with its log position. */
  record StoredLabel(long seq, String model, String id, long timestampMillis, long receivedMillis, byte[] body,
      boolean outcome) {}

  /** An outcome to store: its name and JSON as received. */
  record OutcomeRow(String model, String id, String name, long timestampMillis, long receivedMillis, byte[] body) {}

  /** A stored prediction an id joins to. */
  record StoredPrediction(String version, String id, long timestampMillis, byte[] body) {}

  /** Stores the labels durably in one transaction; returns their log positions, in order. */
  long[] appendLabels(List<LabelRow> rows);

  /**
   * Stores outcomes durably in one transaction, in the same log as the labels; returns their log positions, 0 for
   * one whose (model, id, name) is already stored (a retry).
   */
  long[] appendOutcomes(List<OutcomeRow> rows);

  /**
   * Stores labels read from Kafka, {@code origins} naming each one's record ({@code topic/partition/offset}), in
   * no instance's log (Kafka is their log); returns their log positions. A record consumed again after a crash
   * gets its own earlier position back, so the join counts it as the same label.
   */
  default long[] appendConsumedLabels(List<LabelRow> rows, List<String> origins) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support Kafka ingest");
  }

  /**
   * Stores outcomes read from Kafka as {@link #appendConsumedLabels} stores labels; 0 for one whose (model, id,
   * name) was stored from another record or over HTTP (a repeat), its earlier position for a record consumed again.
   */
  default long[] appendConsumedOutcomes(List<OutcomeRow> rows, List<String> origins) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support Kafka ingest");
  }

  /** The stored predictions of these ids of a model (one per version that scored it). */
  Map<String, List<StoredPrediction>> predictions(String model, Collection<String> ids);

  /** The newest label of (model, id) before log position {@code seq}. */
  Optional<StoredLabel> previousLabel(String model, String id, long seq);

  /** For each of these ids, the newest label of (model, id) before log position {@code seq}, where there is one. */
  Map<String, StoredLabel> previousLabels(String model, Collection<String> ids, long seq);

  /** The newest label log position (0 when empty). */
  long lastLabelPosition();

  /** Feeds the labels and outcomes after {@code position}, oldest first; returns how many. */
  long replayLabelsAfter(long position, Consumer<StoredLabel> sink);

  /** The labels at these positions (those still waiting for their prediction at a checkpoint). */
  List<StoredLabel> labels(Collection<Long> seqs);

  /**
   * Marks the labels at these positions orphaned: their wait for a prediction ended before one came. Marking a
   * label twice changes nothing.
   */
  void markOrphaned(Collection<Long> seqs);

  /**
   * Labels of a model received in [fromMillis, toMillis) that are marked orphaned and are still the newest label
   * for their id.
   */
  long orphans(String model, long fromMillis, long toMillis);

  /** Deletes labels received before {@code receivedMillis} (with the events they joined); returns how many. */
  int deleteLabelsBefore(long receivedMillis, long position);
}
