package io.vigil.cli;

import io.vigil.server.VigilServer;
import io.vigil.server.kafka.KafkaIngest;
import io.vigil.server.storage.PostgresLocation;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code vigil serve}'s scale-out options checked and turned into a {@link VigilServer.Deployment}; each error
 * names its option (exit code 2).
 */
final class Deployments {

  private static final Pattern HOST_PORT = Pattern.compile("[^\\s:,]+:\\d{1,5}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  private Deployments() {}

  static VigilServer.Deployment of(String store, String instance, String bootstrap, String topic, String group,
      String deadLetterTopic, Map<String, String> properties) {
    if (store != null) {
      try {
        PostgresLocation.parse(store);
      } catch (IllegalArgumentException e) {
        throw new UserInputException("--store " + e.getMessage() + " (postgresql://user:password@host:5432/database)");
      }
    }
    if (instance != null && !NAME.matcher(instance).matches()) {
      throw new UserInputException("--instance '" + instance + "': use letters, digits, '.', '_' and '-'");
    }
    String id = instance != null ? instance : hostName();
    KafkaIngest.Settings kafka = null;
    if (bootstrap == null) {
      if (topic != null) {
        throw new UserInputException("--kafka-topic needs --kafka-bootstrap");
      }
    } else {
      for (String server : bootstrap.split(",")) {
        if (!HOST_PORT.matcher(server.trim()).matches()) {
          throw new UserInputException("--kafka-bootstrap '" + server + "' is not HOST:PORT");
        }
      }
      if (store == null) {
        throw new UserInputException("--kafka-bootstrap needs a shared --store postgresql://...: Kafka offsets are"
            + " stored with the profiles");
      }
      if (topic == null) {
        throw new UserInputException("--kafka-bootstrap needs --kafka-topic");
      }
      String[] topics = topic.split(",", -1);
      if (topics.length > 3) {
        throw new UserInputException("--kafka-topic '" + topic + "': at most three topics, PREDICTIONS[,LABELS[,OUTCOMES]]");
      }
      for (String t : topics) {
        if (!NAME.matcher(t).matches()) {
          throw new UserInputException("--kafka-topic '" + t + "': use letters, digits, '.', '_' and '-'"
              + (t.isEmpty() ? " (an empty name in the list)" : ""));
        }
      }
      for (String[] named : new String[][] {{"--kafka-group", group}, {"--kafka-dead-letter-topic", deadLetterTopic}}) {
        if (named[1] != null && !NAME.matcher(named[1]).matches()) {
          throw new UserInputException(named[0] + " '" + named[1] + "': use letters, digits, '.', '_' and '-'");
        }
      }
      if (new java.util.HashSet<>(java.util.List.of(topics)).size() != topics.length) {
        throw new UserInputException("--kafka-topic '" + topic + "': predictions, labels and outcomes need topics of"
            + " their own");
      }
      String dead = deadLetterTopic != null ? deadLetterTopic : topics[0] + "-dead-letter";
      if (java.util.List.of(topics).contains(dead)) {
        throw new UserInputException("--kafka-dead-letter-topic must differ from the --kafka-topic topics");
      }
      kafka = new KafkaIngest.Settings(bootstrap, topics[0], topics.length > 1 ? topics[1] : null,
          topics.length > 2 ? topics[2] : null, group, dead, "vigil-" + id, Map.copyOf(properties));
    }
    return new VigilServer.Deployment(store, id, kafka);
  }

  private static String hostName() {
    try {
      String name = InetAddress.getLocalHost().getHostName();
      return NAME.matcher(name).matches() ? name : "vigil";
    } catch (UnknownHostException e) {
      return "vigil";
    }
  }
}
