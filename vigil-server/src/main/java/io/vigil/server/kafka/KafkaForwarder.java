package io.vigil.server.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.event.LabelEvent;
import io.vigil.event.OutcomeEvent;
import io.vigil.event.PredictionEvent;
import io.vigil.server.api.EventForwarder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * HTTP ingest with Kafka configured: each accepted event's JSON goes to the topic this server consumes (key =
 * model, {@code acks=all}, idempotent producer), and the HTTP answer waits until the broker acknowledged them
 * all: Kafka makes them durable, and the consumer counts them once. The id and receive time the HTTP answer
 * reports are written into the JSON first (when the client sent none), so the consumer reads the same event. The
 * JSON was redacted when the request was parsed; the {@code vigil-redacted} header tells the consumer so (records
 * model servers write to the topic themselves are redacted when consumed, and a hashed value must not be hashed
 * twice).
 *
 * <pre>{@code
 * try (KafkaForwarder forwarder = new KafkaForwarder(settings)) {
 *   forwarder.predictions(batch.accepted(), batch.bodies());
 * }
 * }</pre>
 */
public final class KafkaForwarder implements EventForwarder, AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KafkaIngest.Settings settings;
  private final KafkaProducer<byte[], byte[]> producer;

  public KafkaForwarder(KafkaIngest.Settings settings) {
    this.settings = settings;
    Properties p = producerProperties(settings, "-http");
    p.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "2");
    // a broker that is down answers the HTTP request within seconds, not the client defaults' minutes
    p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    p.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    p.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** What every producer of Vigil's sets: the brokers, a client id, {@code acks=all}, and the user's settings. */
  static Properties producerProperties(KafkaIngest.Settings settings, String clientSuffix) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, settings.clientId() + clientSuffix);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.properties().forEach((k, v) -> {
      if (ProducerConfig.configNames().contains(k)) {
        p.put(k, v);
      }
    });
    return p;
  }

  @Override
  public void predictions(List<PredictionEvent> events, List<byte[]> bodies) {
    send(settings.topic(), events, bodies, PredictionEvent::model, PredictionEvent::id, PredictionEvent::timestamp);
  }

  @Override
  public void labels(List<LabelEvent> labels, List<byte[]> bodies) {
    send(settings.labelsTopic(), labels, bodies, LabelEvent::model, l -> null, LabelEvent::timestamp);
  }

  @Override
  public void outcomes(List<OutcomeEvent> outcomes, List<byte[]> bodies) {
    send(settings.outcomesTopic(), outcomes, bodies, OutcomeEvent::model, o -> null, OutcomeEvent::timestamp);
  }

  /** Writes each item's JSON, its id (where given) and time filled in, keyed by its model. */
  private <T> void send(String topic, List<T> items, List<byte[]> bodies, Function<T, String> model,
      Function<T, String> id, Function<T, Instant> timestamp) {
    List<String> keys = new ArrayList<>(items.size());
    List<byte[]> values = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      T item = items.get(i);
      keys.add(model.apply(item));
      values.add(fixed(bodies.get(i), id.apply(item), timestamp.apply(item)));
    }
    send(topic, keys, values);
  }

  @Override
  public boolean takesLabels() {
    return settings.labelsTopic() != null;
  }

  @Override
  public boolean takesOutcomes() {
    return settings.outcomesTopic() != null;
  }

  /** The JSON with the id and time the server gave it written in, where the client sent none. */
  static byte[] fixed(byte[] body, String id, Instant timestamp) {
    try {
      JsonNode node = JSON.readTree(body);
      if (!(node instanceof ObjectNode o)) {
        return body;
      }
      boolean changed = false;
      if (id != null && !o.hasNonNull("id")) {
        o.put("id", id);
        changed = true;
      }
      if (!o.hasNonNull("timestamp")) {
        o.put("timestamp", timestamp.toEpochMilli());
        changed = true;
      }
      return changed ? JSON.writeValueAsBytes(o) : body;
    } catch (IOException e) {
      throw new IllegalStateException("an accepted event is not JSON: " + e.getMessage(), e);   // parsed before
    }
  }

  private void send(String topic, List<String> keys, List<byte[]> values) {
    if (topic == null) {
      throw new IllegalStateException("no Kafka topic is configured for this kind of record");
    }
    List<Future<RecordMetadata>> sent = new ArrayList<>(values.size());
    try {
      for (int i = 0; i < values.size(); i++) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, keys.get(i).getBytes(StandardCharsets.UTF_8),
            values.get(i));
        record.headers().add(RecordParser.REDACTED, RecordParser.YES);   // parsed and redacted here: not again
        sent.add(producer.send(record));
      }
      for (Future<RecordMetadata> f : sent) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw unavailable(topic, e.getCause());
    } catch (KafkaException e) {
      throw unavailable(topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(topic, e);
    }
  }

  private ForwardingException unavailable(String topic, Throwable cause) {
    return new ForwardingException("Kafka did not acknowledge the batch on topic " + topic + " (" + settings.bootstrap()
        + "): " + cause.getMessage() + "; some of its events may have been written: send the batch again (events"
        + " with an id are counted once)", cause);
  }

  @Override
  public void close() {
    producer.close();
  }
}
