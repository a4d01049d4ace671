package io.vigil.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook notifier against a real HTTP receiver on loopback: SPEC section 8's payload, field by field. */
class WebhookNotifierTest extends NotifierContract {

  private final LoopbackReceiver receiver;

  WebhookNotifierTest() throws Exception {
    receiver = new LoopbackReceiver();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Override
  protected Notifier notifier() {
    return new WebhookNotifier("oncall", FAST, receiver.url("/hook"), Map.of("Authorization", "Bearer t0ken"));
  }

  @Override
  protected List<String> received() {
    return receiver.requests().stream().map(LoopbackReceiver.Request::body).toList();
  }

  @Override
  protected Notifier unreachable() throws Exception {
    return new WebhookNotifier("oncall", FAST, closedPort(), Map.of());
  }

  @Test
  void postsTheSpecPayload() throws Exception {
    notifier().send(Notifications.firing());
    notifier().send(Notifications.resolved());
    LoopbackReceiver.Request first = receiver.requests().get(0);
    assertThat(first.method()).isEqualTo("POST");
    assertThat(first.path()).isEqualTo("/hook");
    assertThat(first.contentType()).isEqualTo("application/json");
    JsonNode firing = new ObjectMapper().readTree(first.body());
    assertThat(firing.get("status").asText()).isEqualTo("firing");
    assertThat(firing.get("alert").asText()).isEqualTo("high-errors");
    assertThat(firing.get("model").asText()).isEqualTo("fraud");
    assertThat(firing.get("version").asText()).isEqualTo("v1");
    assertThat(firing.get("severity").asText()).isEqualTo("critical");
    assertThat(firing.get("value").asDouble()).isEqualTo(0.125);
    assertThat(firing.get("threshold").asDouble()).isEqualTo(0.05);
    assertThat(firing.get("starts_at").asText()).isEqualTo("2026-11-30T10:00:00Z");
    assertThat(firing.get("ends_at").isNull()).isTrue();
    assertThat(firing.get("summary").asText()).isEqualTo("fraud/v1 fails 0.125 of requests");
    JsonNode resolved = new ObjectMapper().readTree(receiver.requests().get(1).body());
    assertThat(resolved.get("status").asText()).isEqualTo("resolved");
    assertThat(resolved.get("ends_at").asText()).isEqualTo("2026-11-30T10:07:30Z");
  }

  @Test
  void aGroupIsOnePostListingEveryAlert() throws Exception {
    notifier().send(Notifications.firingTwoVersions());
    assertThat(receiver.requests()).hasSize(1);
    JsonNode body = new ObjectMapper().readTree(receiver.requests().get(0).body());
    assertThat(body.get("group_key").asText()).isEqualTo("high-errors/fraud");
    assertThat(body.get("alerts")).hasSize(2);
    assertThat(body.get("alerts").get(1).get("version").asText()).isEqualTo("v2");
  }
}
