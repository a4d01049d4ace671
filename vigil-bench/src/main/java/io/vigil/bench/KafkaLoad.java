package io.vigil.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka load generator: produces {@code events} prediction events for {@code models} models (key = model,
 * {@code features} numeric features, unique ids) to a topic (created with 4 partitions when missing). With
 * {@code --wait}, waits until Vigil instances have counted that many events (the sum of their
 * {@code vigil_predictions_total}) and prints events per second through Kafka.
 *
 * <pre>{@code
 * java -cp vigil-bench/target/vigil-bench.jar io.vigil.bench.KafkaLoad 127.0.0.1:9092 predictions 200000 8 20
 * java -cp vigil-bench/target/vigil-bench.jar io.vigil.bench.KafkaLoad --wait 200000 \
 *     http://127.0.0.1:8081,http://127.0.0.1:8082
 * }</pre>
 */
public final class KafkaLoad {

  /** One client for every poll: a new one per poll leaves its selector thread and sockets behind. */
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private KafkaLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("--wait")) {
      waitFor(Long.parseLong(args[1]), List.of(args[2].split(",")).stream().map(URI::create).toList());
      return;
    }
    if (args.length < 2) {
      System.err.println("usage: KafkaLoad BOOTSTRAP TOPIC [EVENTS] [MODELS] [FEATURES]\n"
          + "       KafkaLoad --wait EVENTS VIGIL_URL[,VIGIL_URL...]");
      System.exit(2);
    }
    String bootstrap = args[0];
    String topic = args[1];
    int events = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    int models = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    int features = args.length > 4 ? Integer.parseInt(args[4]) : 20;
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Set<String> topics = admin.listTopics().names().get();
      if (!topics.contains(topic)) {
        admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get();
      }
    }
    String run = Long.toString(System.currentTimeMillis(), 36);
    Random random = new Random(1);
    String[] values = new String[1024];   // made once: the generator must not be what limits the rate
    for (int v = 0; v < values.length; v++) {
      values[v] = String.format(Locale.ROOT, "%.4f", random.nextGaussian());
    }
    long t0 = System.nanoTime();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, "10", ProducerConfig.BATCH_SIZE_CONFIG, "262144"),
        new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < events; i++) {
        String model = "m" + (i % models);
        StringBuilder b = new StringBuilder(40 + features * 24).append("{\"id\": \"").append(run).append('-').append(i)
            .append("\", \"model\": \"").append(model).append("\", \"features\": {");
        for (int f = 0; f < features; f++) {
          b.append(f == 0 ? "" : ", ").append("\"f").append(f).append("\": ").append(values[random.nextInt(values.length)]);
        }
        b.append("}, \"prediction\": ").append(random.nextInt(10) < 3 ? 1 : 0)
            .append(", \"latency_ms\": ").append(random.nextInt(50)).append('}');
        producer.send(new ProducerRecord<>(topic, model, b.toString()));
      }
      producer.flush();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "produced %,d events in %.1f s (%,.0f events/s)%n", events, seconds, events / seconds);
  }

  /**
   * Waits until the instances have counted {@code events} in all and prints the rate from the first poll that sees
   * counted events to the last (so JVM start and joining the group are not in it).
   */
  private static void waitFor(long events, List<URI> instances) throws Exception {
    long first = 0;
    long base = 0;
    long counted;
    do {
      Thread.sleep(100);   // a poll of /metrics, not a test: the rate needs the moment the last event is counted
      counted = consumed(instances);
      if (first == 0 && counted > 0) {
        first = System.nanoTime();
        base = counted;
      }
    } while (counted < events);
    double seconds = (System.nanoTime() - first) / 1e9;
    System.out.printf(Locale.ROOT, "%d instance(s) counted %,d events (%,d measured) in %.1f s: %,.0f events/s"
        + " through Kafka%n", instances.size(), events, events - base, seconds, (events - base) / seconds);
  }

  /** The sum of {@code vigil_predictions_total} over the instances: what they have counted so far. */
  private static long consumed(List<URI> instances) throws Exception {
    double sum = 0;
    for (URI u : instances) {
      String body = HTTP.send(HttpRequest.newBuilder(u.resolve("/metrics")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      for (String line : body.split("\n")) {
        if (line.startsWith("vigil_predictions_total{")) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    }
    return (long) sum;
  }
}
