package io.vigil.server.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.VigilServer;
import io.vigil.server.config.VigilConfig;
import io.vigil.server.storage.LocalPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One Vigil server consuming a real Kafka broker into a real PostgreSQL: every valid record is counted, invalid
 * ones land in the dead-letter topic with their reason and are counted as rejected, and a restart resumes at the
 * stored offsets (nothing counted twice, nothing skipped).
 */
class KafkaIngestIT {

  @TempDir
  static Path dir;
  static LocalKafka kafka;

  final Instant start = Instant.now();

  @BeforeAll
  static void broker() throws Exception {
    LocalPostgres.shared();   // skips (or fails under CI) before a broker is started for nothing
    kafka = LocalKafka.start(dir);
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  VigilServer serve(String url) {
    KafkaIngest.Settings settings = new KafkaIngest.Settings(kafka.bootstrap(), "predictions", "vigil",
        "predictions-dead-letter", "vigil-solo", Map.of());
    return VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 1 << 20, dir.resolve("data"), 4,
        VigilConfig.DEFAULTS, new VigilServer.Deployment(url, "solo", settings)));
  }

  static KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
        ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
  }

  static String event(Random random, String model, String id, Instant at) {
    return "{\"id\": \"" + id + "\", \"model\": \"" + model + "\", \"timestamp\": " + at.toEpochMilli()
        + ", \"features\": {\"x\": " + random.nextGaussian() + "}, \"latency_ms\": " + random.nextInt(100) + "}";
  }

  void produce(KafkaProducer<String, String> producer, Random random, int from, int to) throws Exception {
    for (int i = from; i < to; i++) {
      String model = "m" + (i % 3);
      producer.send(new ProducerRecord<>("predictions", model, event(random, model, "e-" + i,
          start.minusSeconds(random.nextInt(3000)))));
    }
    producer.flush();
  }

  @Test
  void countsEveryValidRecordOnceAndDeadLettersTheRest() throws Exception {
    kafka.createTopic("predictions", 2);
    String url = LocalPostgres.shared().newDatabase();
    Random random = new Random(11);
    Api api;
    try (VigilServer server = serve(url); KafkaProducer<String, String> producer = producer()) {
      api = new Api(server.port(), start);
      produce(producer, random, 0, 1000);
      producer.send(new ProducerRecord<>("predictions", "m0", "this is not json"));
      producer.send(new ProducerRecord<>("predictions", "m0", "{\"features\": {\"x\": 1}}"));
      producer.send(new ProducerRecord<>("predictions", "m1", "[" + event(random, "m1", "two-1", start) + ","
          + event(random, "m1", "two-2", start) + "]"));
      producer.send(new ProducerRecord<>("predictions", "m2", event(random, "m2", "e-5", start)));   // an id again
      producer.flush();
      Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> api.total(List.of("m0", "m1", "m2")), n -> n == 1000);
      Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
          .until(() -> java.util.regex.Pattern.compile("vigil_ingest_rejected_total\\{reason=\"dead_letter\"} 3(\\.0)?\\n")
              .matcher(api.metrics()).find());
    }
    List<ConsumerRecord<byte[], byte[]>> dead = deadLetters(3);
    assertThat(dead).extracting(r -> new String(r.headers().lastHeader("vigil-error").value(), StandardCharsets.UTF_8))
        .satisfiesExactlyInAnyOrder(
            e -> assertThat(e).startsWith("malformed JSON"),
            e -> assertThat(e).contains("model"),
            e -> assertThat(e).isEqualTo("expected one event per record, got 2"));
    assertThat(dead).allSatisfy(r -> assertThat(new String(r.headers().lastHeader("vigil-origin").value(),
        StandardCharsets.UTF_8)).matches("predictions/[01]/\\d+"));

    // a restart resumes at the stored offsets: the first 1000 are not counted again, the next 500 are counted
    try (VigilServer server = serve(url); KafkaProducer<String, String> producer = producer()) {
      Api again = new Api(server.port(), start);
      produce(producer, random, 1000, 1500);
      Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> again.total(List.of("m0", "m1", "m2")), n -> n == 1500);
      // and stays there (a double count would show up once the rest of the log is read)
      Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
          .until(() -> again.total(List.of("m0", "m1", "m2")) == 1500);
    }
  }

  @Test
  void redactsRecordsFromModelServersAndFromHttpOnceEach() throws Exception {
    kafka.createTopic("redacted", 1);
    String url = LocalPostgres.shared().newDatabase();
    VigilConfig config = VigilConfig.parse("redaction:\n  drop: [email]\n  hash: [user_id]\n"
        + "  key: \"0123456789abcdef-test-only\"\n", "vigil.yaml");
    KafkaIngest.Settings settings = new KafkaIngest.Settings(kafka.bootstrap(), "redacted", "vigil-redacted",
        "redacted-dead-letter", "vigil-redacted", Map.of());
    String event = "{\"id\": \"ID\", \"model\": \"r\", \"features\": {\"x\": 1.5, \"email\": \"alice@example.com\","
        + " \"user_id\": \"customer-42\"}, \"prediction\": \"yes\", \"scores\": {\"yes\": 0.6, \"no\": 0.4}}";
    try (VigilServer server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 1 << 20,
        dir.resolve("redacted"), 4, config, new VigilServer.Deployment(url, "solo-redacted", settings)));
        KafkaProducer<String, String> producer = producer()) {
      Api api = new Api(server.port(), start);
      producer.send(new ProducerRecord<>("redacted", "r", event.replace("ID", "from-kafka")));   // a model server's
      producer.flush();
      assertThat(api.post("/api/v1/predictions", "[" + event.replace("ID", "from-http") + "]").statusCode())
          .isEqualTo(200);   // forwarded to the topic by the server
      Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> api.total(List.of("r")), n -> n == 2);
      com.fasterxml.jackson.databind.JsonNode review = api.json("/api/v1/models/r/review?from=-1h&limit=10");
      List<String> users = new ArrayList<>();
      review.findValues("user_id").forEach(v -> users.add(v.asText()));
      assertThat(users).hasSize(2).allMatch(u -> u.matches("h:[0-9a-f]{16}"));
      assertThat(users.get(0)).as("hashed once on either path").isEqualTo(users.get(1));
      assertThat(review.toString()).doesNotContain("alice@example.com", "customer-42", "email");
    }
    List<String> stored = new ArrayList<>();
    try (java.sql.Connection c = LocalPostgres.shared().connect(url);
        java.sql.ResultSet rows = c.createStatement().executeQuery("SELECT body FROM events")) {
      while (rows.next()) {
        stored.add(new String(rows.getBytes(1), StandardCharsets.UTF_8));
      }
    }
    assertThat(stored).hasSize(2).allSatisfy(body -> assertThat(body).contains("\"user_id\":\"h:")
        .doesNotContain("alice@example.com", "customer-42"));
  }

  static List<ConsumerRecord<byte[], byte[]>> deadLetters(int expected) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(), ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-check",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("predictions-dead-letter"));
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(500)).forEach(out::add);
        return out.size() >= expected;
      });
    }
    return out;
  }
}
