package io.vigil.server.kafka;

import io.vigil.event.PredictionEvent;
import io.vigil.server.ingest.MalformedBodyException;
import io.vigil.server.ingest.PredictionBatchParser;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One Kafka record to one event, through the HTTP ingest's parser. An event without an id gets one made from its
 * record's origin, and one without a timestamp gets the record's: reading the record again after a crash yields
 * the same event, which is what lets the store count it once.
 */
final class RecordParser {

  private RecordParser() {}

  /** Adds the record's event and JSON to the lists and returns null, or returns why the record is invalid. */
  static String parse(PredictionBatchParser parser, ConsumerRecord<byte[], byte[]> record, String origin,
      List<PredictionEvent> events, List<byte[]> bodies) {
    if (record.value() == null || record.value().length == 0) {
      return "the record has no value: expected one prediction event as JSON";
    }
    PredictionBatchParser.Batch batch;
    try {
      batch = parser.parseStored(record.value(), "kafka-" + origin, Instant.ofEpochMilli(record.timestamp()));
    } catch (MalformedBodyException e) {
      return e.getMessage();
    } catch (IOException e) {
      return "unreadable record: " + e.getMessage();
    }
    int n = batch.accepted().size() + batch.rejected().size();
    if (n != 1) {
      return "expected one event per record, got " + n;
    }
    if (!batch.rejected().isEmpty()) {
      return batch.rejected().get(0).error();
    }
    events.add(batch.accepted().get(0));
    bodies.add(batch.bodies().get(0));
    return null;
  }
}
