package io.vigil.server.kafka;

import io.vigil.event.PredictionEvent;
import io.vigil.server.ingest.MalformedBodyException;
import io.vigil.server.ingest.PredictionBatchParser;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One Kafka record to one event, label or outcome, through the HTTP ingest's parsers. An event without an id gets
 * one made from its record's origin, and anything without a timestamp gets the record's: reading the record again
 * after a crash yields the same item, which is what lets the store count it once.
 */
final class RecordParser {

  private RecordParser() {}

  /**
   * Header of records Vigil wrote itself (HTTP ingest through Kafka), whose features were redacted then. Records
   * without it come from model servers and are redacted as they are read, like an HTTP body.
   */
  static final String REDACTED = "vigil-redacted";
  static final byte[] YES = {'1'};

  /** A batch parser's reading of a record's value. */
  interface Read<B> {
    B apply(byte[] value, Instant recordTime) throws IOException;
  }

  /** What a record held: one valid item and its JSON, or why it is invalid. */
  record Parsed<T>(T item, byte[] body, String error) {}

  /** Adds the record's event and JSON to the lists and returns null, or returns why the record is invalid. */
  static String parse(PredictionBatchParser parser, ConsumerRecord<byte[], byte[]> record, String origin,
      List<PredictionEvent> events, List<byte[]> bodies) {
    boolean redacted = record.headers().lastHeader(REDACTED) != null;
    Parsed<PredictionEvent> p = one(record, (value, time) -> redacted
            ? parser.parseStored(value, "kafka-" + origin, time) : parser.parseReceived(value, "kafka-" + origin, time),
        PredictionBatchParser.Batch::accepted, PredictionBatchParser.Batch::rejected, PredictionBatchParser.Batch::bodies);
    if (p.error() == null) {
      events.add(p.item());
      bodies.add(p.body());
    }
    return p.error();
  }

  /** The single item of a record, read by {@code read} and taken apart by the three accessors of its batch. */
  static <B, T> Parsed<T> one(ConsumerRecord<byte[], byte[]> record, Read<B> read,
      java.util.function.Function<B, List<T>> accepted,
      java.util.function.Function<B, List<PredictionBatchParser.Rejection>> rejected,
      java.util.function.Function<B, List<byte[]>> bodies) {
    if (record.value() == null || record.value().length == 0) {
      return new Parsed<>(null, null, "the record has no value: expected one JSON object");
    }
    B batch;
    try {
      batch = read.apply(record.value(), Instant.ofEpochMilli(record.timestamp()));
    } catch (MalformedBodyException e) {
      return new Parsed<>(null, null, e.getMessage());
    } catch (IOException e) {
      return new Parsed<>(null, null, "unreadable record: " + e.getMessage());
    }
    int n = accepted.apply(batch).size() + rejected.apply(batch).size();
    if (n != 1) {
      return new Parsed<>(null, null, "expected one event per record, got " + n);
    }
    if (!rejected.apply(batch).isEmpty()) {
      return new Parsed<>(null, null, rejected.apply(batch).get(0).error());
    }
    return new Parsed<>(accepted.apply(batch).get(0), bodies.apply(batch).get(0), null);
  }
}
