package io.vigil.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Notifier} must do, against a real receiver the implementation's test starts: deliver a firing
 * and its resolution, in order, each saying the rule, the model and the status; and throw (so the dispatcher
 * retries and counts) when the receiver cannot be reached. Each notifier's test supplies the factories.
 */
abstract class NotifierContract {

  /** A notifier pointed at the live receiver. */
  protected abstract Notifier notifier() throws Exception;

  /** What the receiver has got so far, one text per message, oldest first. */
  protected abstract List<String> received() throws Exception;

  /** A notifier pointed where nothing listens; null for a notifier that cannot fail that way. */
  protected abstract Notifier unreachable() throws Exception;

  @Test
  void deliversFiringThenResolution() throws Exception {
    Notifier n = notifier();
    n.send(Notifications.firing());
    n.send(Notifications.resolved());
    Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> received().size() >= 2);
    List<String> got = received();
    assertThat(got).hasSize(2);
    assertThat(got.get(0)).contains("high-errors").contains("fraud").doesNotContainIgnoringCase("resolve");
    assertThat(got.get(0).toLowerCase()).containsAnyOf("firing", "trigger");
    assertThat(got.get(1)).contains("high-errors").contains("fraud");
    assertThat(got.get(1).toLowerCase()).containsAnyOf("resolved", "resolve");
  }

  @Test
  void anUnreachableReceiverIsAnError() throws Exception {
    Notifier n = unreachable();
    Assumptions.assumeTrue(n != null, "this notifier has no receiver to miss");
    assertThatThrownBy(() -> n.send(Notifications.firing())).isInstanceOf(Exception.class);
  }

  static java.net.URI closedPort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return java.net.URI.create("http://127.0.0.1:" + s.getLocalPort() + "/");
    }
  }

  static final NotifierOptions FAST = new NotifierOptions(0, Duration.ofMillis(10), Duration.ofSeconds(5));
}
