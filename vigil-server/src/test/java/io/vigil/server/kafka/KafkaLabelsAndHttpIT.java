package io.vigil.server.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.VigilServer;
import io.vigil.server.api.Json;
import io.vigil.server.config.VigilConfig;
import io.vigil.server.storage.LocalPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With Kafka configured, every event takes one path: HTTP ingest validates as always, then writes the accepted
 * events, labels and outcomes to the topics the server consumes, and answers once the broker acknowledged them;
 * the consumer counts them once. Labels and outcomes also come straight from their topics. All on a real broker
 * and a real PostgreSQL.
 */
class KafkaLabelsAndHttpIT {

  private static final String MODELS = """
      models:
        fraud: {task: binary_classification, classes: [ok, fraud], positive_class: fraud,
                features: [{name: x, type: numeric}]}
      """;

  @TempDir
  Path dir;

  private final Instant start = Instant.now();

  private VigilServer serve(LocalKafka kafka, String url, Map<String, String> properties) {
    KafkaIngest.Settings settings = new KafkaIngest.Settings(kafka.bootstrap(), "predictions", "labels", "outcomes",
        "vigil", "vigil-dead-letter", "vigil-solo", properties);
    return VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 1 << 20, dir.resolve("data"), 4,
        VigilConfig.parse(MODELS, "vigil.yaml"), new VigilServer.Deployment(url, "solo", settings)));
  }

  private static long count(String url, String sql) throws Exception {
    try (Connection c = LocalPostgres.shared().connect(url); ResultSet r = c.createStatement().executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void httpIngestGoesThroughKafkaAndLabelsAndOutcomesAreCountedOnce() throws Exception {
    String url = LocalPostgres.shared().newDatabase();
    try (LocalKafka kafka = LocalKafka.start(dir)) {
      for (String topic : List.of("predictions", "labels", "outcomes")) {
        kafka.createTopic(topic, 2);
      }
      try (VigilServer server = serve(kafka, url, Map.of()); KafkaProducer<String, String> producer =
          new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrap(), "acks", "all"),
              new org.apache.kafka.common.serialization.StringSerializer(),
              new org.apache.kafka.common.serialization.StringSerializer())) {
        Api api = new Api(server.port(), start);
        Random random = new Random(42);
        List<String> events = new ArrayList<>();
        boolean[] predictedFraud = new boolean[200];
        for (int i = 0; i < 200; i++) {
          double score = random.nextDouble();
          predictedFraud[i] = score >= 0.5;
          events.add("{" + (i < 100 ? "\"id\": \"p-" + i + "\", " : "") + "\"model\": \"fraud\", \"features\": {\"x\": "
              + random.nextGaussian() + "}, \"prediction\": \"" + (predictedFraud[i] ? "fraud" : "ok")
              + "\", \"scores\": {\"fraud\": " + score + ", \"ok\": " + (1 - score) + "}}");
        }
        events.add(3, "{\"model\": \"fraud\", \"features\": {\"x\": \"high\"}}");
        events.add(7, "{\"features\": {\"x\": 1}}");
        HttpResponse<String> posted = api.post("/api/v1/predictions", "[" + String.join(",", events) + "]");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        JsonNode answer = Json.MAPPER.readTree(posted.body());
        assertThat(answer.path("accepted").asInt()).isEqualTo(200);
        assertThat(answer.path("rejected")).hasSize(2);
        assertThat(answer.path("rejected").get(0).path("index").asInt()).isEqualTo(3);
        assertThat(answer.path("rejected").get(0).path("error").asText()).startsWith("features.x");
        assertThat(answer.path("rejected").get(1).path("index").asInt()).isEqualTo(7);
        assertThat(answer.path("rejected").get(1).path("error").asText()).startsWith("model");
        List<String> generated = new ArrayList<>();
        answer.path("ids").forEach(id -> {
          if (!id.asText().startsWith("p-")) {
            generated.add(id.asText());
          }
        });
        assertThat(generated).hasSize(100);

        // counted once, when consumed: every event came through Kafka (with an origin), none through the HTTP log
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
            .until(() -> api.total(List.of("fraud")) == 200);
        assertThat(count(url, "SELECT count(*) FROM events WHERE origin IS NOT NULL")).isEqualTo(200);
        assertThat(count(url, "SELECT count(*) FROM events WHERE instance IS NOT NULL")).isZero();
        assertThat(count(url, "SELECT count(*) FROM events WHERE event_id IN ('" + String.join("','", generated) + "')"))
            .as("the consumer read the ids the HTTP answer gave").isEqualTo(100);
        // a retried batch (ids given) is acknowledged again and counted once
        assertThat(api.post("/api/v1/predictions", "[" + String.join(",", events.subList(0, 50)) + "]").statusCode())
            .isEqualTo(200);

        // labels: half over HTTP (written to the labels topic), half straight into it, one invalid
        int correct = 0;
        StringBuilder http = new StringBuilder("[");
        for (int i = 0; i < 100; i++) {
          boolean fraud = random.nextInt(4) == 0;
          correct += fraud == predictedFraud[i] ? 1 : 0;
          String label = "{\"id\": \"p-" + i + "\", \"model\": \"fraud\", \"label\": \"" + (fraud ? "fraud" : "ok") + "\"}";
          if (i < 50) {
            http.append(i == 0 ? "" : ",").append(label);
          } else {
            producer.send(new ProducerRecord<>("labels", "fraud", label));
          }
        }
        producer.send(new ProducerRecord<>("labels", "fraud", "{\"id\": \"p-1\", \"model\": \"fraud\", \"label\": \"maybe\"}"));
        // outcomes: ten clicks over HTTP, one for a prediction that does not exist straight into the topic
        StringBuilder clicks = new StringBuilder("[");
        for (int i = 0; i < 10; i++) {
          clicks.append(i == 0 ? "" : ",").append("{\"id\": \"p-").append(i).append("\", \"model\": \"fraud\", \"name\": \"click\"}");
        }
        producer.send(new ProducerRecord<>("outcomes", "fraud", "{\"id\": \"nobody\", \"model\": \"fraud\", \"name\": \"click\"}"));
        producer.flush();
        assertThat(api.post("/api/v1/labels", http.append("]").toString()).statusCode()).isEqualTo(200);
        assertThat(api.post("/api/v1/outcomes", clicks.append("]").toString()).statusCode()).isEqualTo(200);

        String window = "?from=" + start.minus(Duration.ofHours(1)).toEpochMilli() + "&to="
            + start.plus(Duration.ofHours(1)).toEpochMilli();
        double accuracy = correct / 100.0;
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
          JsonNode performance = api.json("/api/v1/models/fraud/performance" + window);
          assertThat(performance.path("labeled").asLong()).isEqualTo(100);
          assertThat(performance.path("realized").path("accuracy").asDouble()).isCloseTo(accuracy, within(1e-12));
          assertThat(performance.path("outcomes").path("click").path("count").asLong()).isEqualTo(10);
        });
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
            .until(() -> Pattern.compile("vigil_ingest_rejected_total\\{reason=\"dead_letter\"} 2(\\.0)?\\n")
                .matcher(api.metrics()).find());
        // and nothing is counted twice while the consumer and the checkpoints go on
        Awaitility.await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1))
            .untilAsserted(() -> {
              assertThat(api.total(List.of("fraud"))).isEqualTo(200);
              JsonNode performance = api.json("/api/v1/models/fraud/performance" + window);
              assertThat(performance.path("labeled").asLong()).isEqualTo(100);
              assertThat(performance.path("outcomes").path("click").path("count").asLong()).isEqualTo(10);
            });
      }
    }
    assertThat(count(url, "SELECT count(*) FROM labels WHERE origin IS NOT NULL AND kind = 'l'")).isEqualTo(100);
  }

  @Test
  void aBrokerThatIsDownIsAnswered503() throws Exception {
    String url = LocalPostgres.shared().newDatabase();
    LocalKafka kafka = LocalKafka.start(dir);
    kafka.createTopic("predictions", 1);
    Map<String, String> quick = Map.of("max.block.ms", "3000", "request.timeout.ms", "2000", "delivery.timeout.ms",
        "5000", "default.api.timeout.ms", "5000");
    try (VigilServer server = serve(kafka, url, quick)) {
      Api api = new Api(server.port(), start);
      assertThat(api.post("/api/v1/predictions", "[{\"model\": \"fraud\", \"features\": {\"x\": 1}}]").statusCode())
          .isEqualTo(200);
      kafka.close();
      HttpResponse<String> down = api.post("/api/v1/predictions", "[{\"model\": \"fraud\", \"features\": {\"x\": 2}}]");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.headers().firstValue("Retry-After")).contains("5");
      assertThat(Json.MAPPER.readTree(down.body()).path("error").asText())
          .contains("Kafka did not acknowledge the batch on topic predictions").contains("send the batch again");
    }
  }
}
