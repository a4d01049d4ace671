package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.event.PredictionEvent;
import io.vigil.server.registry.ModelRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Arbitrary request bodies into the ingest parser: a body is refused whole with {@link MalformedBodyException}, or
 * split into accepted events and per-event rejections; nothing else may come out. Every accepted event's stored
 * text must read back as exactly that event, because that is what the log replays after a crash.
 */
class PredictionBatchParserFuzzTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

  @FuzzTest(maxDuration = "5s")
  void parse(byte[] body) throws IOException {
    PredictionBatchParser parser = new PredictionBatchParser(new ModelRegistry(false), CLOCK);
    PredictionBatchParser.Batch batch;
    try {
      batch = parser.parse(body);
    } catch (MalformedBodyException expected) {
      return;
    }
    assertThat(batch.bodies()).hasSameSizeAs(batch.accepted());
    for (int i = 0; i < batch.accepted().size(); i++) {
      PredictionEvent event = batch.accepted().get(i);
      PredictionBatchParser.Batch replayed = parser.parseStored(batch.bodies().get(i), event.id(), event.timestamp());
      assertThat(replayed.accepted()).as("replay of %s", new String(batch.bodies().get(i))).singleElement()
          .satisfies(e -> {
            assertThat(e.id()).isEqualTo(event.id());
            assertThat(e.model()).isEqualTo(event.model());
            assertThat(e.timestamp()).isEqualTo(event.timestamp());
          });
    }
  }

  /** The streamed reader and the tree reader agree on any body (see {@link StreamedEventTest}). */
  @FuzzTest(maxDuration = "5s")
  void streamedAndTreeReadersAgree(byte[] body) {
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
    StreamedEventTest.assertSame(text, false);
    StreamedEventTest.assertSame(text, true);
  }
}
