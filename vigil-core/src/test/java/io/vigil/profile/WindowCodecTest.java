package io.vigil.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.event.PredictionEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The window family of {@link ProfileCodec}: what the server checkpoints per model, version and time bucket. */
class WindowCodecTest {

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void roundTripKeepsEveryPartAndTheBytes(long seed) {
    WindowProfile p = WindowProfileTest.profileOf(WindowProfileTest.events(new Random(seed), 2000));
    p.markAnomaly();
    byte[] bytes = ProfileCodec.encode(p);
    WindowProfile again = ProfileCodec.decodeWindow(bytes);
    assertThat(again.count()).isEqualTo(p.count());
    assertThat(again.errors()).isEqualTo(p.errors()).isPositive();
    assertThat(again.anomalies()).isEqualTo(1);
    assertThat(again.featureTypes()).isEqualTo(p.featureTypes()).hasSize(3);
    assertThat(again.latencyMs().distribution().quantile(0.5)).isEqualTo(p.latencyMs().distribution().quantile(0.5));
    assertThat(again.classes().distribution().counts()).isEqualTo(p.classes().distribution().counts());
    assertThat(again.errorTypes().distribution().counts()).isEqualTo(p.errorTypes().distribution().counts());
    assertThat(again.features("x").rows()).isEqualTo(p.features("x").rows());
    assertThat(again.review().cases()).isEqualTo(p.review().cases()).hasSize(ReviewSample.DEFAULT_CAPACITY);
    assertThat(ProfileCodec.encode(again)).isEqualTo(bytes);
    assertThat(ProfileCodec.decode(bytes)).isInstanceOf(WindowProfile.class);
  }

  @Test
  void decodedProfilesMergeLikeTheOriginals() {
    Random random = new Random(7);
    List<PredictionEvent> a = WindowProfileTest.events(random, 500);
    List<PredictionEvent> b = WindowProfileTest.events(random, 700);
    WindowProfile merged = ProfileCodec.decodeWindow(ProfileCodec.encode(WindowProfileTest.profileOf(a)))
        .merge(ProfileCodec.decodeWindow(ProfileCodec.encode(WindowProfileTest.profileOf(b))));
    WindowProfile direct = WindowProfileTest.profileOf(a).merge(WindowProfileTest.profileOf(b));
    assertThat(merged.count()).isEqualTo(1200);
    assertThat(merged.classes().distribution().counts()).isEqualTo(direct.classes().distribution().counts());
    assertThat(merged.features("m").columns().get(0).valid()).isEqualTo(direct.features("m").columns().get(0).valid());
  }

  @Test
  void emptyWindowRoundTrips() {
    byte[] bytes = ProfileCodec.encode(new WindowProfile());
    WindowProfile again = ProfileCodec.decodeWindow(bytes);
    assertThat(again.count()).isZero();
    assertThat(ProfileCodec.encode(again)).isEqualTo(bytes);
  }

  @Test
  void everyTruncationAndFlippedByteIsRejected() {
    WindowProfile p = WindowProfileTest.profileOf(WindowProfileTest.events(new Random(3), 50));
    byte[] bytes = ProfileCodec.encode(p);
    for (int n = 0; n < bytes.length; n += Math.max(1, bytes.length / 200)) {
      byte[] cut = Arrays.copyOf(bytes, n);
      assertThatThrownBy(() -> ProfileCodec.decodeWindow(cut)).isInstanceOf(ProfileFormatException.class);
      assertThatThrownBy(() -> ProfileCodec.decodeWindowPerformance(cut)).isInstanceOf(ProfileFormatException.class);
    }
    for (int i = 0; i < bytes.length; i += Math.max(1, bytes.length / 300)) {
      byte[] flipped = bytes.clone();
      flipped[i] ^= 0x5A;
      assertThatThrownBy(() -> ProfileCodec.decodeWindow(flipped)).isInstanceOf(ProfileFormatException.class);
      assertThatThrownBy(() -> ProfileCodec.decodeWindowPerformance(flipped))
          .isInstanceOf(ProfileFormatException.class);
    }
  }

  @Test
  void otherFamiliesAreNotWindows() {
    byte[] numeric = ProfileCodec.encode(new NumericProfile());
    assertThatThrownBy(() -> ProfileCodec.decodeWindow(numeric)).isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("family 2");
  }
}
