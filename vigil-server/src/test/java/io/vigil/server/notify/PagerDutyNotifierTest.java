package io.vigil.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The PagerDuty notifier against a loopback receiver answering as Events API v2 does (202 with status, message
 * and dedup key): trigger, then resolve with the same dedup key.
 */
class PagerDutyNotifierTest extends NotifierContract {

  private final LoopbackReceiver receiver;

  PagerDutyNotifierTest() throws Exception {
    receiver = new LoopbackReceiver();
    receiver.answer(202, "{\"status\": \"success\", \"message\": \"Event processed\", \"dedup_key\": \"k\"}");
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Override
  protected Notifier notifier() {
    return new PagerDutyNotifier("pager", FAST, receiver.url("/v2/enqueue"), "R0UT1NGKEY");
  }

  @Override
  protected List<String> received() {
    return receiver.requests().stream().map(LoopbackReceiver.Request::body).toList();
  }

  @Override
  protected Notifier unreachable() throws Exception {
    return new PagerDutyNotifier("pager", FAST, closedPort(), "R0UT1NGKEY");
  }

  @Test
  void triggersAndResolvesWithOneDedupKey() throws Exception {
    notifier().send(Notifications.firing());
    notifier().send(Notifications.resolved());
    ObjectMapper json = new ObjectMapper();
    JsonNode trigger = json.readTree(receiver.requests().get(0).body());
    JsonNode resolve = json.readTree(receiver.requests().get(1).body());
    assertThat(receiver.requests().get(0).path()).isEqualTo("/v2/enqueue");
    assertThat(trigger.get("routing_key").asText()).isEqualTo("R0UT1NGKEY");
    assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
    assertThat(trigger.get("dedup_key").asText()).isEqualTo("vigil/high-errors/fraud/v1");
    JsonNode payload = trigger.get("payload");
    assertThat(payload.get("summary").asText()).isEqualTo("fraud/v1 fails 0.125 of requests");
    assertThat(payload.get("severity").asText()).isEqualTo("critical");
    assertThat(payload.get("source").asText()).isEqualTo("vigil:fraud/v1");
    assertThat(payload.get("timestamp").asText()).isEqualTo("2026-11-30T10:00:00Z");
    assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
    assertThat(resolve.get("dedup_key").asText()).isEqualTo(trigger.get("dedup_key").asText());
    assertThat(resolve.has("payload")).isFalse();
  }

  @Test
  void aGroupTriggersOneIncidentPerVersion() throws Exception {
    notifier().send(Notifications.firingTwoVersions());
    assertThat(receiver.requests()).hasSize(2);
    assertThat(receiver.requests().get(1).body()).contains("vigil/high-errors/fraud/v2");
  }

  @Test
  void theDefaultUrlIsPagerDutys() {
    assertThat(PagerDutyNotifier.DEFAULT_URL).hasToString("https://events.pagerduty.com/v2/enqueue");
  }
}
