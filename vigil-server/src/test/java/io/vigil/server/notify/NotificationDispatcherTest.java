package io.vigil.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries with backoff, failure counting, and never blocking the caller, against a real loopback receiver. */
class NotificationDispatcherTest {

  private final LoopbackReceiver receiver;
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();

  NotificationDispatcherTest() throws Exception {
    receiver = new LoopbackReceiver();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private NotificationDispatcher dispatcher(int retries) {
    Notifier hook = new WebhookNotifier("hook", new NotifierOptions(retries, Duration.ofMillis(50),
        Duration.ofSeconds(5)), receiver.url("/hook"), Map.of());
    return new NotificationDispatcher(Map.of("hook", hook), name -> failures.merge(name, 1, Integer::sum));
  }

  @Test
  void retriesUntilTheReceiverTakesIt() {
    receiver.failNext(2);
    try (NotificationDispatcher d = dispatcher(3)) {
      d.dispatch(List.of("hook"), Notifications.firing());
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(d::idle);
    }
    assertThat(receiver.requests()).hasSize(3);   // two refusals, then delivered
    assertThat(failures).isEmpty();
  }

  @Test
  void givesUpAfterItsRetriesAndCountsTheFailure() {
    receiver.failNext(100);
    try (NotificationDispatcher d = dispatcher(2)) {
      d.dispatch(List.of("hook"), Notifications.firing());
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(d::idle);
    }
    assertThat(receiver.requests()).hasSize(3);
    assertThat(failures).containsEntry("hook", 1);
  }

  @Test
  void aHangingReceiverDoesNotHoldTheCallerAndOrderIsKept() {
    CountDownLatch release = new CountDownLatch(1);
    receiver.hold(release);
    try (NotificationDispatcher d = dispatcher(0)) {
      long start = System.nanoTime();
      d.dispatch(List.of("hook"), Notifications.firing());
      d.dispatch(List.of("hook"), Notifications.resolved());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
      assertThat(d.idle()).isFalse();
      release.countDown();
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(d::idle);
    }
    assertThat(receiver.requests()).hasSize(2);
    assertThat(receiver.requests().get(0).body()).contains("\"status\":\"firing\"");
    assertThat(receiver.requests().get(1).body()).contains("\"status\":\"resolved\"");
  }

  @Test
  void unknownNamesAreIgnored() {
    try (NotificationDispatcher d = dispatcher(0)) {
      d.dispatch(List.of("nobody"), Notifications.firing());
      assertThat(d.idle()).isTrue();
    }
  }
}
