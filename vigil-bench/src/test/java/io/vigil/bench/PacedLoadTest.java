package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PacedLoadTest {

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void readsExactlyOneAnswerWithALengthSoTheNextStartsWhereItShould() throws IOException {
    InputStream in = stream("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 14\r\n\r\n"
        + "{\"accepted\":1}HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\ncontent-length: 2\r\n\r\n{}");
    byte[] buffer = new byte[4];
    assertThat(PacedLoad.readAnswer(in, buffer)).isEqualTo(200);
    assertThat(PacedLoad.readAnswer(in, buffer)).isEqualTo(429);
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void readsAChunkedAnswer() throws IOException {
    InputStream in = stream("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5\r\nhello\r\nA;ext=1\r\n0123456789\r\n0\r\n\r\n"
        + "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");
    byte[] buffer = new byte[3];
    assertThat(PacedLoad.readAnswer(in, buffer)).isEqualTo(200);
    assertThat(PacedLoad.readAnswer(in, buffer)).isEqualTo(503);
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void aConnectionClosedMidAnswerIsAFailure() {
    assertThatThrownBy(() -> PacedLoad.readAnswer(stream("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}"),
        new byte[16])).isInstanceOf(IOException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> PacedLoad.readAnswer(stream("HTTP/1.1 200 OK\r\nContent-"), new byte[16]))
        .isInstanceOf(IOException.class);
  }

  @Test
  void pacedBodiesAreBatchesOfEventsWithoutIds() throws IOException {
    JsonNode batch = new ObjectMapper().readTree(IngestLoad.body(new Random(1), (String) null, 50, 20));
    assertThat(batch.size()).isEqualTo(50);
    for (JsonNode e : batch) {
      assertThat(e.has("id")).isFalse();
      assertThat(e.get("model").asText()).isEqualTo("load");
      assertThat(e.get("features").size()).isEqualTo(20);
      assertThat(e.get("features").get("f19").isNumber()).isTrue();
    }
  }

  @Test
  void closedLoopBodiesNumberTheirIds() throws IOException {
    JsonNode batch = new ObjectMapper().readTree(IngestLoad.body(new Random(1), 3, 4, 2).replace("#B#", "9"));
    assertThat(batch.size()).isEqualTo(4);
    assertThat(batch.get(0).get("id").asText()).isEqualTo("t3-9-0");
    assertThat(batch.get(3).get("id").asText()).isEqualTo("t3-9-3");
    assertThat(batch.get(3).get("features").size()).isEqualTo(2);
  }
}
