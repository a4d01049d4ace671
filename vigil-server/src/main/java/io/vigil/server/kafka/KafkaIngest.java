package io.vigil.server.kafka;

import io.vigil.event.PredictionEvent;
import io.vigil.server.aggregate.Aggregator;
import io.vigil.server.exposition.ServerMetrics;
import io.vigil.server.ingest.LabelBatchParser;
import io.vigil.server.ingest.OutcomeBatchParser;
import io.vigil.server.ingest.PredictionBatchParser;
import io.vigil.server.storage.EventStore;
import io.vigil.server.storage.ProfileStore.SourcePartition;
import io.vigil.server.storage.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes prediction events from a Kafka topic (SPEC section 3's JSON, one event per record, key = model), and
 * labels and outcomes from topics of their own where configured ({@link FeedbackRecords}), in a consumer group, so
 * several instances share their partitions.
 *
 * <pre>{@code
 * KafkaIngest kafka = KafkaIngest.start(new KafkaIngest.Settings("broker:9092", "predictions", "vigil",
 *     "predictions-dead-letter", "vigil-a", Map.of()), store, aggregator, parsers, metrics);
 * ...
 * kafka.close();   // leaves the group after a checkpoint of what it consumed
 * }</pre>
 *
 * <p><b>Exactly-once effect.</b> Offsets are never committed to Kafka: the next offset of each partition is
 * written by {@link Aggregator#checkpoint()} in the same store transaction as the profiles that count the records
 * before it, and an instance assigned a partition seeks to that stored offset. Records consumed after the last
 * checkpoint are read again by whoever owns the partition next; the store recognises them by their origin
 * ({@link EventStore#appendConsumed}) and counts them once. Before a partition is given up in a rebalance, its
 * records are checkpointed.
 *
 * <p><b>Invalid records</b> go to the dead-letter topic with the reason in the {@code vigil-error} header (and the
 * origin in {@code vigil-origin}), are counted as {@code vigil_ingest_rejected_total{reason="dead_letter"}}, and
 * their offsets advance like any other.
 *
 * <p><b>Back-pressure.</b> One thread polls, parses and stores a poll's records before it polls again, so a slow
 * store slows consumption (the lag grows in Kafka, not in memory); a failing store is retried from the same
 * offsets.
 */
public final class KafkaIngest implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaIngest.class);
  private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
  private static final Duration REPORT_EVERY = Duration.ofMinutes(1);

  /**
   * @param topic the predictions topic
   * @param labelsTopic the labels topic, or null for none (labels then come over HTTP only)
   * @param outcomesTopic the outcomes topic, or null for none
   * @param deadLetterTopic where invalid records of all three go
   * @param properties extra Kafka client settings (security, timeouts), passed to the consumer and the producers
   */
  public record Settings(String bootstrap, String topic, String labelsTopic, String outcomesTopic, String group,
      String deadLetterTopic, String clientId, Map<String, String> properties) {

    /** Predictions only. */
    public Settings(String bootstrap, String topic, String group, String deadLetterTopic, String clientId,
        Map<String, String> properties) {
      this(bootstrap, topic, null, null, group, deadLetterTopic, clientId, properties);
    }

    /** The topics consumed: predictions, then labels and outcomes where configured. */
    public List<String> topics() {
      List<String> out = new ArrayList<>(List.of(topic));
      if (labelsTopic != null) {
        out.add(labelsTopic);
      }
      if (outcomesTopic != null) {
        out.add(outcomesTopic);
      }
      return List.copyOf(out);
    }
  }

  /** The HTTP ingest's parsers, which check records as they check request bodies. */
  public record Parsers(PredictionBatchParser predictions, LabelBatchParser labels, OutcomeBatchParser outcomes) {}

  private final Settings settings;
  private final EventStore store;
  private final Aggregator aggregator;
  private final PredictionBatchParser parser;
  private final ServerMetrics metrics;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final DeadLetters deadLetters;
  private final FeedbackRecords feedback;
  /** Next offset of each owned partition that the deltas include: updated inside the ingest gate. */
  private final Map<SourcePartition, Long> positions = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;
  private final IngestTimes times = new IngestTimes();

  private KafkaIngest(Settings settings, EventStore store, Aggregator aggregator, Parsers parsers,
      ServerMetrics metrics) {
    this.settings = settings;
    this.store = store;
    this.aggregator = aggregator;
    this.parser = parsers.predictions();
    this.metrics = metrics;
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");   // no stored offset: from the beginning
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");        // what one poll may hold in memory
    p.putAll(settings.properties());
    this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.deadLetters = new DeadLetters(settings);
    this.feedback = new FeedbackRecords(store, aggregator, parsers.labels(), parsers.outcomes(), deadLetters);
    aggregator.checkpointAlso(() -> Map.copyOf(positions));
    this.thread = new Thread(this::run, "vigil-kafka-" + settings.topic());
  }

  /** Subscribes and starts consuming on a thread of its own. */
  public static KafkaIngest start(Settings settings, EventStore store, Aggregator aggregator, Parsers parsers,
      ServerMetrics metrics) {
    KafkaIngest ingest = new KafkaIngest(settings, store, aggregator, parsers, metrics);
    ingest.thread.start();
    return ingest;
  }

  private void run() {
    try {
      consumer.subscribe(settings.topics(), new Rebalance());
      long nextReport = System.nanoTime() + REPORT_EVERY.toNanos();
      while (running) {
        if (System.nanoTime() > nextReport) {
          report();
          nextReport = System.nanoTime() + REPORT_EVERY.toNanos();
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        for (TopicPartition tp : records.partitions()) {
          if (!handle(tp, records.records(tp))) {
            rewind(records, tp);
            sleep(RETRY_AFTER);
            break;
          }
        }
      }
    } catch (WakeupException e) {
      // close() woke the poll up
    } catch (RuntimeException e) {
      LOG.error("Kafka ingest from {} stopped", settings.topics(), e);
    } finally {
      report();
      try {
        consumer.close();   // leaves the group; the revocation checkpoints what was consumed
      } finally {
        deadLetters.close();
      }
    }
  }

  /** Stores and counts one partition's records of a poll; false when the store failed (nothing was counted). */
  private boolean handle(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> records) {
    long next = records.get(records.size() - 1).offset() + 1;
    Runnable advance = () -> positions.put(new SourcePartition(tp.topic(), tp.partition()), next);
    try {
      int dead = tp.topic().equals(settings.topic()) ? predictions(records, advance)
          : tp.topic().equals(settings.labelsTopic()) ? feedback.labels(records, advance)
          : feedback.outcomes(records, advance);
      metrics.rejected("dead_letter", dead);
      return true;
    } catch (StoreException | org.apache.kafka.common.KafkaException e) {
      LOG.warn("could not store records {}..{} of {}; retrying in {}: {}", records.get(0).offset(), next - 1, tp,
          RETRY_AFTER, e.getMessage());
      return false;
    }
  }

  /** Stores and counts prediction events, {@code advance} in the same step; returns how many were dead-lettered. */
  private int predictions(List<ConsumerRecord<byte[], byte[]>> records, Runnable advance) {
    List<PredictionEvent> events = new ArrayList<>(records.size());
    List<byte[]> bodies = new ArrayList<>(records.size());
    List<String> origins = new ArrayList<>(records.size());
    int dead = 0;
    long t0 = System.nanoTime();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      String origin = FeedbackRecords.origin(r);
      String error = RecordParser.parse(parser, r, origin, events, bodies);
      if (error == null) {
        origins.add(origin);
      } else {
        deadLetters.send(r, origin, error);
        dead++;
      }
    }
    deadLetters.flush();   // durable before the offsets past them are
    long t1 = System.nanoTime();
    long[] storing = {0};
    List<PredictionEvent> fresh = aggregator.ingest(() -> {
      long s0 = System.nanoTime();
      List<PredictionEvent> stored = events.isEmpty() ? List.of() : store.appendConsumed(events, bodies, origins);
      storing[0] = System.nanoTime() - s0;
      advance.run();
      return stored;
    });
    times.add(records.size(), t1 - t0, storing[0], System.nanoTime() - t1);
    metrics.accepted(fresh);
    return dead;
  }

  private void report() {
    String line = times.report();
    if (line != null) {
      LOG.info("Kafka ingest from {}: {}", settings.topics(), line);
    }
  }

  /** Sets every partition of a poll back to its first record, so the failed part is read again. */
  private void rewind(ConsumerRecords<byte[], byte[]> records, TopicPartition failed) {
    for (TopicPartition tp : records.partitions()) {
      SourcePartition sp = new SourcePartition(tp.topic(), tp.partition());
      Long handled = positions.get(sp);
      long first = records.records(tp).get(0).offset();
      consumer.seek(tp, tp.equals(failed) || handled == null || handled <= first ? first : handled);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Seeks assigned partitions to their stored offsets; checkpoints before partitions are given up. */
  private final class Rebalance implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      Map<String, Map<Integer, Long>> stored = new java.util.TreeMap<>();
      for (TopicPartition tp : partitions) {
        Long offset = stored.computeIfAbsent(tp.topic(), this::storedOffsets).get(tp.partition());
        if (offset != null) {
          consumer.seek(tp, offset);
        }
      }
      LOG.info("assigned {} (stored offsets {})", partitions, stored);
    }

    /**
     * The stored offsets, read again until the store answers: consuming a partition from anywhere else would count
     * records twice or skip them. While this waits, the group may give the partitions to another instance.
     */
    private Map<Integer, Long> storedOffsets(String topic) {
      while (true) {
        try {
          return store.offsets(topic);
        } catch (StoreException e) {
          LOG.warn("cannot read the stored offsets of {}; retrying in {}: {}", topic, RETRY_AFTER,
              e.getMessage());
          sleep(RETRY_AFTER);
        }
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      try {
        aggregator.checkpoint();   // what was consumed of them is stored with their offsets before another owner starts
      } catch (RuntimeException e) {
        LOG.error("checkpoint before giving up {} failed: their records since the last checkpoint may be counted"
            + " twice", partitions, e);
      }
      forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      LOG.warn("lost {} without a checkpoint (this instance was out of the group too long); records consumed since"
          + " the last checkpoint are read again by their new owner", partitions);
      forget(partitions);
    }

    private void forget(Collection<TopicPartition> partitions) {
      partitions.forEach(tp -> positions.remove(new SourcePartition(tp.topic(), tp.partition())));
    }
  }

  /** Stops consuming and leaves the group (after a checkpoint of the partitions it gives up). */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(60).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
