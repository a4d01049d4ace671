package io.vigil.server.kafka;

import io.vigil.event.LabelEvent;
import io.vigil.event.OutcomeEvent;
import io.vigil.server.aggregate.Aggregator;
import io.vigil.server.ingest.LabelBatchParser;
import io.vigil.server.ingest.OutcomeBatchParser;
import io.vigil.server.storage.EventStore;
import io.vigil.server.storage.LabelStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The records of the labels and outcomes topics (one JSON object per record, as {@code POST /api/v1/labels} and
 * {@code /outcomes} take them): each is checked as over HTTP, invalid ones go to the dead-letter topic, and the
 * valid ones of a poll are stored with their origin and counted in one step with the partition's next offset
 * ({@code advance}, run inside the aggregator's ingest gate), as prediction events are.
 *
 * <p>An outcome whose prediction is not stored is dead-lettered with the reason, as HTTP refuses it: outcomes
 * follow their prediction (replay the dead-letter topic once the predictions are in). A label whose prediction is
 * not there yet waits for it, as over HTTP.
 */
final class FeedbackRecords {

  private final EventStore store;
  private final Aggregator aggregator;
  private final LabelBatchParser labels;
  private final OutcomeBatchParser outcomes;
  private final DeadLetters deadLetters;

  FeedbackRecords(EventStore store, Aggregator aggregator, LabelBatchParser labels, OutcomeBatchParser outcomes,
      DeadLetters deadLetters) {
    this.store = store;
    this.aggregator = aggregator;
    this.labels = labels;
    this.outcomes = outcomes;
    this.deadLetters = deadLetters;
  }

  /** Stores and counts a poll's labels of one partition; returns how many records were dead-lettered. */
  int labels(List<ConsumerRecord<byte[], byte[]>> records, Runnable advance) {
    List<LabelEvent> accepted = new ArrayList<>();
    List<LabelStore.LabelRow> rows = new ArrayList<>();
    List<String> origins = new ArrayList<>();
    int dead = 0;
    long received = System.currentTimeMillis();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      String origin = origin(r);
      RecordParser.Parsed<LabelEvent> p = RecordParser.one(r, labels::parseStored, LabelBatchParser.Batch::accepted,
          LabelBatchParser.Batch::rejected, LabelBatchParser.Batch::bodies);
      if (p.error() != null) {
        deadLetters.send(r, origin, p.error());
        dead++;
        continue;
      }
      LabelEvent l = p.item();
      accepted.add(l);
      rows.add(new LabelStore.LabelRow(l.model(), l.id(), l.timestamp().toEpochMilli(), received, p.body()));
      origins.add(origin);
    }
    deadLetters.flush();   // durable before the offsets past them are
    aggregator.labels(accepted, () -> {
      long[] seqs = rows.isEmpty() ? new long[0] : store.appendConsumedLabels(rows, origins);
      advance.run();
      return seqs;
    });
    return dead;
  }

  /** Stores and counts a poll's outcomes of one partition; returns how many records were dead-lettered. */
  int outcomes(List<ConsumerRecord<byte[], byte[]>> records, Runnable advance) {
    List<OutcomeEvent> parsed = new ArrayList<>();
    List<byte[]> bodies = new ArrayList<>();
    List<ConsumerRecord<byte[], byte[]>> sources = new ArrayList<>();
    int dead = 0;
    for (ConsumerRecord<byte[], byte[]> r : records) {
      RecordParser.Parsed<OutcomeEvent> p = RecordParser.one(r, outcomes::parseStored,
          OutcomeBatchParser.Batch::accepted, OutcomeBatchParser.Batch::rejected, OutcomeBatchParser.Batch::bodies);
      if (p.error() != null) {
        deadLetters.send(r, origin(r), p.error());
        dead++;
      } else {
        parsed.add(p.item());
        bodies.add(p.body());
        sources.add(r);
      }
    }
    Map<String, Map<String, ?>> scored = new HashMap<>();
    Map<String, List<String>> idsByModel = new LinkedHashMap<>();
    parsed.forEach(o -> idsByModel.computeIfAbsent(o.model(), m -> new ArrayList<>()).add(o.id()));
    idsByModel.forEach((model, ids) -> scored.put(model, store.predictions(model, ids)));
    List<OutcomeEvent> kept = new ArrayList<>();
    Map<OutcomeEvent, Integer> index = new java.util.IdentityHashMap<>();   // equal outcomes are still two records
    for (int i = 0; i < parsed.size(); i++) {
      OutcomeEvent o = parsed.get(i);
      if (!scored.get(o.model()).containsKey(o.id())) {
        deadLetters.send(sources.get(i), origin(sources.get(i)), "id: no prediction '" + o.id() + "' of model '"
            + o.model() + "' is stored (outcomes follow their prediction)");
        dead++;
      } else {
        index.put(o, i);
        kept.add(o);
      }
    }
    deadLetters.flush();
    long received = System.currentTimeMillis();
    boolean[] advanced = {false};
    if (!kept.isEmpty()) {
      aggregator.outcomes(kept, stored -> {
        List<LabelStore.OutcomeRow> rows = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        for (OutcomeEvent o : stored) {
          int i = index.get(o);
          rows.add(new LabelStore.OutcomeRow(o.model(), o.id(), o.name(), o.timestamp().toEpochMilli(), received,
              bodies.get(i)));
          origins.add(origin(sources.get(i)));
        }
        long[] seqs = store.appendConsumedOutcomes(rows, origins);
        advance.run();
        advanced[0] = true;
        return seqs;
      });
    }
    if (!advanced[0]) {   // nothing to store: the offsets move on alone
      aggregator.ingest(() -> {
        advance.run();
        return List.of();
      });
    }
    return dead;
  }

  static String origin(ConsumerRecord<?, ?> r) {
    return r.topic() + "/" + r.partition() + "/" + r.offset();
  }
}
