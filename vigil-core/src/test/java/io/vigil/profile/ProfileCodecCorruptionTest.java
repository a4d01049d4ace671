package io.vigil.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Corrupt input gives a {@link ProfileFormatException}, never a wrong profile and never another exception: every
 * truncation, every single-byte change, random multi-byte damage, and random garbage. Forged damage with a
 * recomputed checksum must still end in that exception or in a profile that keeps every invariant.
 */
class ProfileCodecCorruptionTest {

  static Stream<Arguments> samples() {
    return SampleProfiles.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void rejectsEveryTruncation(String name, byte[] bytes) {
    for (int length = 0; length < bytes.length; length++) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> ProfileCodec.decode(truncated)).as("%d of %d bytes", length, bytes.length)
          .isInstanceOf(ProfileFormatException.class).hasMessageMatching("byte \\d+: .*");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void rejectsEverySingleByteChange(String name, byte[] bytes) {
    Random random = new Random(name.hashCode());
    for (int i = 0; i < bytes.length; i++) {
      byte[] changed = bytes.clone();
      changed[i] ^= (byte) (1 + random.nextInt(255));
      assertThatThrownBy(() -> ProfileCodec.decode(changed)).as("byte %d changed", i)
          .isInstanceOf(ProfileFormatException.class);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void rejectsRandomMultiByteDamage(String name, byte[] bytes) {
    Random random = new Random(name.hashCode() + 1L);
    for (int trial = 0; trial < 300; trial++) {
      byte[] damaged = bytes.clone();
      int changes = 2 + random.nextInt(8);
      for (int c = 0; c < changes; c++) {
        damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
      }
      if (!Arrays.equals(damaged, bytes)) {
        assertThatThrownBy(() -> ProfileCodec.decode(damaged)).isInstanceOf(ProfileFormatException.class);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void forgedDamageWithAValidChecksumNeverEscapesAsAnotherException(String name, byte[] bytes) {
    Random random = new Random(name.hashCode() + 2L);
    for (int trial = 0; trial < 1000; trial++) {
      byte[] forged = bytes.clone();
      int changes = 1 + random.nextInt(3);
      for (int c = 0; c < changes; c++) {
        forged[8 + random.nextInt(forged.length - 12)] ^= (byte) (1 << random.nextInt(8));
      }
      SampleProfiles.withValidChecksum(forged);
      try {
        Mergeable<?> profile = ProfileCodec.decode(forged);
        SampleProfiles.checkInvariants(profile);
        assertThat(ProfileCodec.decode(reencode(profile))).isNotNull();
      } catch (ProfileFormatException expected) {
        assertThat(expected.offset()).isBetween(0, forged.length);
      } catch (RuntimeException | Error e) {
        fail("trial " + trial + " of " + name + " escaped as " + e, e);
      }
    }
  }

  @Test
  void rejectsRandomGarbage() {
    Random random = new Random(7);
    for (int trial = 0; trial < 500; trial++) {
      byte[] garbage = new byte[random.nextInt(200)];
      random.nextBytes(garbage);
      if (garbage.length > 3 && random.nextBoolean()) {
        garbage[0] = ProfileCodec.MAGIC;
        garbage[1] = (byte) (1 + random.nextInt(3));
        garbage[2] = 1;
        garbage[3] = 0;
      }
      assertThatThrownBy(() -> ProfileCodec.decode(garbage)).isInstanceOf(ProfileFormatException.class);
    }
  }

  @Test
  void samplesCoverEveryFamilyAndMode() {
    Map<String, byte[]> samples = SampleProfiles.all();
    assertThat(ProfileCodec.decodeNumeric(samples.get("numeric sketched")).isExact()).isFalse();
    assertThat(ProfileCodec.decodeCategorical(samples.get("categorical sketched")).isSketched()).isTrue();
    assertThat(ProfileCodec.decodeCategorical(samples.get("categorical exact")).isSketched()).isFalse();
  }

  private static byte[] reencode(Mergeable<?> profile) {
    if (profile instanceof NumericProfile n) {
      return ProfileCodec.encode(n);
    }
    if (profile instanceof CategoricalProfile c) {
      return ProfileCodec.encode(c);
    }
    return ProfileCodec.encode((MomentsProfile) profile);
  }
}
