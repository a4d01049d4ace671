package io.vigil.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The try-with-resources form: one event per call, whatever way the block ends. */
class PredictionCallTest {
  private final List<PredictionEvent> events = new ArrayList<>();
  private final ModelMonitor monitor = ModelMonitor.builder("fraud").ids(new TestIds(5)).log(events::add).build();

  @Test
  void successRecordsOneOkEventWithTheStartId() {
    UUID id;
    try (PredictionCall call = monitor.start(Map.of("amount", 1.0))) {
      id = call.id();
      assertThat(call.success("ok", Map.of("ok", 0.7, "fraud", 0.3))).isEqualTo(id);
      call.success("fraud", null);   // ignored: already finished
    }
    assertThat(events).hasSize(1);
    PredictionEvent event = events.get(0);
    assertThat(event.id()).isEqualTo(id);
    assertThat(event.status()).isEqualTo(PredictionEvent.OK);
    assertThat(event.prediction()).isEqualTo("ok");
    assertThat(event.confidence()).isEqualTo(0.7);
    assertThat(event.latencyMs()).isGreaterThanOrEqualTo(0.0);
    assertThat(event.features().get("amount")).isEqualTo(1.0);
  }

  @Test
  void failureRecordsTheErrorType() {
    try (PredictionCall call = monitor.start(Map.of())) {
      call.failure(new UnsupportedOperationException("no"));
    }
    assertThat(events).singleElement().satisfies(event -> {
      assertThat(event.status()).isEqualTo(PredictionEvent.ERROR);
      assertThat(event.error()).isEqualTo("UnsupportedOperationException");
      assertThat(event.prediction()).isNull();
      assertThat(event.confidence()).isNaN();
    });
  }

  @Test
  void aBlockThatThrowsIsRecordedAsUnfinished() {
    assertThatThrownBy(() -> {
      try (PredictionCall call = monitor.start(Map.of())) {
        throw new IllegalStateException("model crashed before " + call.id() + " had a result");
      }
    }).isInstanceOf(IllegalStateException.class);
    assertThat(events).singleElement().satisfies(event -> assertThat(event.error()).isEqualTo("unfinished"));
  }

  @Test
  void anAnonymousErrorClassIsNamedByItsBinaryName() {
    assertThat(ModelMonitor.errorType(new RuntimeException() {})).isEqualTo(getClass().getName() + "$1");
    assertThat(ModelMonitor.errorType(null)).isEqualTo("unknown");
  }

  @Test
  void badNamesAreRejectedWithTheValue() {
    assertThatThrownBy(() -> ModelMonitor.builder(" ")).hasMessage("model must be a non-blank name, got \" \"");
    assertThatThrownBy(() -> ModelMonitor.builder("m").version(null))
        .hasMessage("version must be a non-blank name, got null");
    assertThatThrownBy(() -> VigilExporter.builder(java.net.URI.create("ftp://x")))
        .hasMessageContaining("ftp://x");
    assertThatThrownBy(() -> VigilExporter.builder(java.net.URI.create("http://x")).sampleRate(1.5))
        .hasMessage("sampleRate must be in [0, 1], got 1.5");
  }
}
