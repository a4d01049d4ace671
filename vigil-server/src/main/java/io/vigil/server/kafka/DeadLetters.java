package io.vigil.server.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The dead-letter topic: an invalid record is copied there with its key and value unchanged, the reason in the
 * {@code vigil-error} header and where it came from ({@code topic/partition/offset}) in {@code vigil-origin}.
 */
final class DeadLetters implements AutoCloseable {

  static final String ERROR_HEADER = "vigil-error";
  static final String ORIGIN_HEADER = "vigil-origin";

  private final String topic;
  private final KafkaProducer<byte[], byte[]> producer;
  private final List<Future<RecordMetadata>> unacknowledged = new ArrayList<>();

  DeadLetters(KafkaIngest.Settings settings) {
    this.topic = settings.deadLetterTopic();
    Properties p = KafkaForwarder.producerProperties(settings, "-dead-letters");
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  void send(ConsumerRecord<byte[], byte[]> record, String origin, String error) {
    ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(topic, null, record.key(), record.value());
    out.headers().add(ERROR_HEADER, error.getBytes(StandardCharsets.UTF_8));
    out.headers().add(ORIGIN_HEADER, origin.getBytes(StandardCharsets.UTF_8));
    unacknowledged.add(producer.send(out));
  }

  /** Returns once every record sent is acknowledged (or throws when one failed). */
  void flush() {
    if (unacknowledged.isEmpty()) {
      return;
    }
    producer.flush();
    try {
      for (Future<RecordMetadata> f : unacknowledged) {
        f.get();
      }
      unacknowledged.clear();
    } catch (ExecutionException e) {
      unacknowledged.clear();   // the poll's records are read again, and sent again
      throw new KafkaException("cannot write to the dead-letter topic " + topic + ": " + e.getCause().getMessage(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while writing to the dead-letter topic " + topic, e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
