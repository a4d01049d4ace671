package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code vigil serve}'s store and Kafka options: a bad one exits with 2 and one line naming it. */
class ServeScaleOutBadInputTest {

  private static void assertUsageError(CommandRun run, String... fragments) {
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err()).contains(fragments).doesNotContain("\tat ");
  }

  @Test
  void storeMustBeAPostgresqlUrl() {
    assertUsageError(CommandRun.of("serve", "--store", "mysql://db/vigil"), "--store", "postgresql://");
  }

  @Test
  void storeMustNameAHostAndADatabase() {
    assertUsageError(CommandRun.of("serve", "--store", "postgresql://db.internal"), "--store", "names no database");
  }

  @Test
  void anUnreachableStoreIsAStartUpErrorNamingTheOption() {
    assertUsageError(CommandRun.of("serve", "--port", "0", "--store", "postgresql://vigil:secret@127.0.0.1:1/vigil"),
        "--store", "127.0.0.1:1");
    assertThat(CommandRun.of("serve", "--port", "0", "--store", "postgresql://vigil:secret@127.0.0.1:1/vigil").err())
        .doesNotContain("secret");
  }

  @Test
  void instanceIdsAreSimpleNames() {
    assertUsageError(CommandRun.of("serve", "--instance", "a b"), "--instance 'a b'");
  }

  @Test
  void kafkaTopicNeedsABootstrapServer() {
    assertUsageError(CommandRun.of("serve", "--kafka-topic", "predictions"), "--kafka-topic needs --kafka-bootstrap");
  }

  @Test
  void kafkaNeedsASharedStore() {
    assertUsageError(CommandRun.of("serve", "--kafka-bootstrap", "127.0.0.1:9092", "--kafka-topic", "predictions"),
        "--kafka-bootstrap needs a shared --store");
  }

  @Test
  void kafkaBootstrapIsHostAndPort() {
    assertUsageError(CommandRun.of("serve", "--store", "postgresql://db/vigil", "--kafka-bootstrap", "broker",
        "--kafka-topic", "predictions"), "--kafka-bootstrap 'broker' is not HOST:PORT");
  }

  @Test
  void kafkaNeedsATopic() {
    assertUsageError(CommandRun.of("serve", "--store", "postgresql://db/vigil", "--kafka-bootstrap", "broker:9092"),
        "--kafka-bootstrap needs --kafka-topic");
  }

  @Test
  void deadLettersGoToAnotherTopic() {
    assertUsageError(CommandRun.of("serve", "--store", "postgresql://db/vigil", "--kafka-bootstrap", "broker:9092",
        "--kafka-topic", "p", "--kafka-dead-letter-topic", "p"), "--kafka-dead-letter-topic must differ");
  }

  @Test
  void topicListsNameUpToThreeDistinctTopics() {
    String[] base = {"serve", "--store", "postgresql://db/vigil", "--kafka-bootstrap", "broker:9092", "--kafka-topic"};
    assertUsageError(CommandRun.of(concat(base, "p,l,o,x")), "at most three topics, PREDICTIONS[,LABELS[,OUTCOMES]]");
    assertUsageError(CommandRun.of(concat(base, "p,,o")), "--kafka-topic '': use letters");
    assertUsageError(CommandRun.of(concat(base, "p,l,l")), "need topics of their own");
    assertUsageError(CommandRun.of(concat(base, "p,p-dead-letter")), "--kafka-dead-letter-topic must differ");
  }

  private static String[] concat(String[] head, String last) {
    String[] out = java.util.Arrays.copyOf(head, head.length + 1);
    out[head.length] = last;
    return out;
  }
}
