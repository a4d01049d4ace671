package io.vigil.server.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.storage.LocalPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale-out proof with real engines: two {@code vigil serve} processes in one consumer group read a 4-partition
 * topic of a real Kafka broker into one real PostgreSQL. 100,000 events are produced; one instance is killed with
 * SIGKILL mid-stream (its uncheckpointed counts die with it), the other takes its partitions over, and the totals
 * it answers are exact. After the killed instance is back, both answer the same exact totals per model: nothing
 * lost, nothing counted twice; and with the same reference, the same drift.
 */
class ScaleOutIT {

  private static final int EVENTS = 100_000;
  private static final int MODELS = 8;

  @TempDir
  Path dir;

  private final Instant start = Instant.now();
  private final long[] expectedCount = new long[MODELS];
  private final long[] expectedErrors = new long[MODELS];
  private VigilProcesses vigil;
  private LocalKafka kafka;
  private String store;

  @AfterEach
  void stop() throws InterruptedException {
    if (vigil != null) {
      vigil.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private VigilProcesses.Instance start(String id) throws IOException {
    return vigil.start(id, List.of("--config", dir.resolve("vigil.yaml").toString(), "--store", store,
        "--kafka-bootstrap", kafka.bootstrap(), "--kafka-topic", "predictions", "--kafka-group", "vigil",
        "--kafka-property", "session.timeout.ms=6000", "--kafka-property", "heartbeat.interval.ms=1000"));
  }

  private void produce(KafkaProducer<String, String> producer, Random random, int from, int to) {
    for (int i = from; i < to; i++) {
      int model = random.nextInt(MODELS);
      boolean error = random.nextInt(20) == 0;
      expectedCount[model]++;
      expectedErrors[model] += error ? 1 : 0;
      long at = start.minusSeconds(random.nextInt(3600)).toEpochMilli();
      String event = error
          ? "{\"id\": \"e-" + i + "\", \"model\": \"m" + model + "\", \"timestamp\": " + at
              + ", \"status\": \"error\", \"error\": \"timeout\"}"
          : "{\"id\": \"e-" + i + "\", \"model\": \"m" + model + "\", \"timestamp\": " + at
              + ", \"features\": {\"x\": " + random.nextGaussian() + "}, \"latency_ms\": " + random.nextInt(200) + "}";
      producer.send(new ProducerRecord<>("predictions", "m" + model, event));
    }
    producer.flush();
  }

  private static List<String> models() {
    return IntStream.range(0, MODELS).mapToObj(m -> "m" + m).toList();
  }

  /** Every model's count and errors as this instance answers them exactly equal what was produced. */
  private void assertExact(String instance, Api api) throws IOException, InterruptedException {
    for (int m = 0; m < MODELS; m++) {
      JsonNode total = api.stats("m" + m);
      assertThat(total).as("instance %s has no stats of m%d", instance, m).isNotNull();
      assertThat(total.path("count").asLong()).as("instance %s, m%d count", instance, m).isEqualTo(expectedCount[m]);
      assertThat(total.path("errors").asLong()).as("instance %s, m%d errors", instance, m)
          .isEqualTo(expectedErrors[m]);
    }
  }

  /** Which instance last stored each partition's offset, by partition. */
  private List<String> offsetOwners() throws java.sql.SQLException {
    List<String> owners = new ArrayList<>();
    try (java.sql.Connection c = LocalPostgres.shared().connect(store);
        java.sql.ResultSet r = c.createStatement().executeQuery(
            "SELECT instance FROM kafka_offsets WHERE topic = 'predictions' ORDER BY partition")) {
      while (r.next()) {
        owners.add(r.getString(1));
      }
    }
    return owners;
  }

  @Test
  void twoInstancesCountEveryEventOnceThroughAKill() throws Exception {
    store = LocalPostgres.shared().newDatabase();
    kafka = LocalKafka.start(dir);
    vigil = new VigilProcesses(dir, start);
    kafka.createTopic("predictions", 4);
    StringBuilder yaml = new StringBuilder("models:\n");
    models().forEach(m -> yaml.append("  ").append(m).append(": {task: regression, features: [{name: x, type: numeric}]}\n"));
    Files.writeString(dir.resolve("vigil.yaml"), yaml);

    VigilProcesses.Instance a = start("a");
    VigilProcesses.Instance b = start("b");
    Random random = new Random(2026);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(), ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, "5"), new StringSerializer(), new StringSerializer())) {
      produce(producer, random, 0, EVENTS / 2);
      // both instances are consuming: each counts part of the stream
      Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
          .until(() -> a.api().total(models()) >= 5_000 && b.api().total(models()) >= 5_000);
      a.process().destroyForcibly();   // SIGKILL mid-stream: its counts since its last checkpoint are gone
      assertThat(a.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
      produce(producer, random, EVENTS / 2, EVENTS);
    }
    assertThat(IntStream.range(0, MODELS).mapToLong(m -> expectedCount[m]).sum()).isEqualTo(EVENTS);

    // b takes a's partitions over (after the group's session timeout) and reads on from a's stored offsets
    Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertExact("b", b.api()));
    // ... and its checkpoints now record the offsets of all four partitions, a's included
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .until(() -> offsetOwners(), owners -> owners.equals(List.of("b", "b", "b", "b")));

    // a comes back under its id; both answer the same exact totals (each merges the other's checkpointed part)
    VigilProcesses.Instance back = start("a");
    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      assertExact("a (restarted)", back.api());
      assertExact("b", b.api());
    });
    // and stay exact while both keep checkpointing (a count taken twice would show up here)
    Awaitility.await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> {
          assertExact("a (restarted)", back.api());
          assertExact("b", b.api());
        });
    for (String m : models()) {
      assertThat(back.api().stats(m).path("count")).isEqualTo(b.api().stats(m).path("count"));
    }

    // drift: references live in each instance's data folder, so each gets the same one; both then compare it with
    // the same merged traffic (the reference is shifted by half a standard deviation: drift on both)
    StringBuilder csv = new StringBuilder("x\n");
    Random shifted = new Random(5);
    for (int i = 0; i < 2000; i++) {
      csv.append(0.5 + shifted.nextGaussian()).append('\n');
    }
    for (String m : List.of("m0", "m1")) {
      assertThat(back.api().putReference(m, csv.toString())).isEqualTo(200);
      assertThat(b.api().putReference(m, csv.toString())).isEqualTo(200);
      JsonNode onA = back.api().drift(m);
      JsonNode onB = b.api().drift(m);
      assertThat(onA.path("current").path("rows").asLong()).isEqualTo(onB.path("current").path("rows").asLong())
          .isEqualTo(expectedCount[Integer.parseInt(m.substring(1))]);
      JsonNode x = onA.path("features").get(0);
      JsonNode y = onB.path("features").get(0);
      // each statistic is within its documented error of the exact one, so the two within the sum of both
      assertThat(x.path("statistic").asDouble()).isCloseTo(y.path("statistic").asDouble(),
          org.assertj.core.data.Offset.offset(x.path("statistic_error").asDouble() + y.path("statistic_error").asDouble()
              + 1e-12));
      assertThat(x.path("drifted").asBoolean()).isTrue();
      assertThat(y.path("drifted").asBoolean()).isTrue();
    }
  }
}
