package io.vigil.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Slack notifier against a loopback receiver answering as Slack's incoming webhooks do ({@code ok}). */
class SlackNotifierTest extends NotifierContract {

  private final LoopbackReceiver receiver;

  SlackNotifierTest() throws Exception {
    receiver = new LoopbackReceiver();
    receiver.answer(200, "ok");
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Override
  protected Notifier notifier() {
    return new SlackNotifier("team", FAST, receiver.url("/services/T000/B000/XXXX"));
  }

  @Override
  protected List<String> received() {
    return receiver.requests().stream().map(LoopbackReceiver.Request::body).toList();
  }

  @Override
  protected Notifier unreachable() throws Exception {
    return new SlackNotifier("team", FAST, closedPort());
  }

  @Test
  void sendsTextAndBlocks() throws Exception {
    notifier().send(Notifications.firingTwoVersions());
    JsonNode body = new ObjectMapper().readTree(receiver.requests().get(0).body());
    assertThat(body.get("text").asText()).contains("[FIRING] high-errors on fraud (critical)")
        .contains("fraud/v1 fails 0.125 of requests").contains("(+1 more)");
    JsonNode blocks = body.get("blocks");
    assertThat(blocks).hasSize(3);
    assertThat(blocks.get(0).get("type").asText()).isEqualTo("section");
    assertThat(blocks.get(0).get("text").get("type").asText()).isEqualTo("mrkdwn");
    assertThat(blocks.get(2).get("text").get("text").asText()).contains("fraud/v2").contains("`error_rate > 0.05`");
  }
}
