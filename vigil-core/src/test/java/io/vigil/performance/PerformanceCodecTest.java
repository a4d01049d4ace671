package io.vigil.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.vigil.profile.MomentsProfile;
import io.vigil.profile.ProfileCodec;
import io.vigil.profile.ProfileFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PerformanceCodec}: the committed version-1 golden files still decode to their frozen profiles and encode
 * back byte for byte; every truncation, single-byte change and random damage is a {@link ProfileFormatException};
 * forged edits with a recomputed checksum end in that exception or in a profile that keeps its invariants.
 */
class PerformanceCodecTest {

  private static final Map<String, Function<byte[], Object>> DECODERS = Map.of(
      "classification", PerformanceCodec::decodeClassification,
      "regression", PerformanceCodec::decodeRegression,
      "estimation", PerformanceCodec::decodeEstimation);

  @Test
  void goldenFilesOfVersion1DecodeToTheirFrozenProfiles() {
    Map<String, byte[]> fresh = GoldenPerformanceProfiles.version1();
    fresh.forEach((name, bytes) -> {
      byte[] golden = read(name);
      assertThat(golden).as("%s: a released format changed", name).isEqualTo(bytes);
      Object decoded = DECODERS.get(name.substring(0, name.indexOf('-'))).apply(golden);
      assertThat(encode(decoded)).as(name).isEqualTo(golden);
    });
    ClassificationProfile binary = PerformanceCodec.decodeClassification(read("classification-binary-v1.bin"));
    assertThat(binary.labeled()).isEqualTo(300);
    assertThat(binary.scored()).isEqualTo(288);
    assertThat(binary.result().accuracy()).isEqualTo(GoldenPerformanceProfiles.binary().result().accuracy());
    ClassificationProfile multiclass =
        PerformanceCodec.decodeClassification(read("classification-multiclass-v1.bin"));
    assertThat(multiclass.classes()).containsExactly("Zürich", "cat", "dog");
    assertThat(PerformanceCodec.decodeRegression(read("regression-v1.bin")).count()).isEqualTo(200);
    assertThat(PerformanceCodec.decodeEstimation(read("estimation-binary-v1.bin")).scored()).isEqualTo(285);
  }

  static Stream<Arguments> samples() {
    Map<String, byte[]> samples = new LinkedHashMap<>(GoldenPerformanceProfiles.version1());
    samples.put("classification-binary-empty", PerformanceCodec.encode(ClassificationProfile.binary("1", List.of())));
    samples.put("classification-multiclass-empty", PerformanceCodec.encode(ClassificationProfile.multiclass(
        List.of())));
    samples.put("regression-empty", PerformanceCodec.encode(new RegressionProfile()));
    samples.put("estimation-multiclass-empty", PerformanceCodec.encode(EstimationProfile.multiclass()));
    return samples.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void rejectsEveryTruncation(String name, byte[] bytes) {
    for (int length = 0; length < bytes.length; length++) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> decoder(name).apply(truncated)).as("%d of %d bytes", length, bytes.length)
          .isInstanceOf(ProfileFormatException.class).hasMessageMatching("byte \\d+: .*");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void rejectsEverySingleByteChangeAndRandomDamage(String name, byte[] bytes) {
    Random random = new Random(name.hashCode());
    for (int i = 0; i < bytes.length; i++) {
      byte[] changed = bytes.clone();
      changed[i] ^= (byte) (1 + random.nextInt(255));
      assertThatThrownBy(() -> decoder(name).apply(changed)).as("byte %d changed", i)
          .isInstanceOf(ProfileFormatException.class);
    }
    for (int trial = 0; trial < 200; trial++) {
      byte[] damaged = bytes.clone();
      for (int c = 0; c < 2 + random.nextInt(8); c++) {
        damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
      }
      if (!Arrays.equals(damaged, bytes)) {
        assertThatThrownBy(() -> decoder(name).apply(damaged)).isInstanceOf(ProfileFormatException.class);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void forgedDamageWithAValidChecksumNeverEscapesAsAnotherException(String name, byte[] bytes) {
    Random random = new Random(name.hashCode() + 2L);
    for (int trial = 0; trial < 1000; trial++) {
      byte[] forged = bytes.clone();
      for (int c = 0; c < 1 + random.nextInt(3); c++) {
        forged[8 + random.nextInt(forged.length - 12)] ^= (byte) (1 << random.nextInt(8));
      }
      withValidChecksum(forged);
      try {
        Object profile = decoder(name).apply(forged);
        checkInvariants(profile);
        byte[] again = encode(profile);
        assertThat(encode(decoder(name).apply(again))).isEqualTo(again);
        result(profile);
      } catch (ProfileFormatException expected) {
        assertThat(expected.offset()).isBetween(0, forged.length);
      } catch (RuntimeException | Error e) {
        fail("trial " + trial + " of " + name + " escaped as " + e, e);
      }
    }
  }

  @Test
  void eachCodecRejectsTheOthersFamilies() {
    byte[] moments = ProfileCodec.encode(new MomentsProfile());
    byte[] regression = PerformanceCodec.encode(new RegressionProfile());
    assertThatThrownBy(() -> PerformanceCodec.decodeRegression(moments)).isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("family");
    assertThatThrownBy(() -> ProfileCodec.decode(regression)).isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("family");
    assertThatThrownBy(() -> PerformanceCodec.decodeClassification(regression))
        .isInstanceOf(ProfileFormatException.class);
  }

  private static Function<byte[], Object> decoder(String name) {
    return DECODERS.get(name.substring(0, name.indexOf('-')));
  }

  static byte[] encode(Object profile) {
    if (profile instanceof ClassificationProfile c) {
      return PerformanceCodec.encode(c);
    }
    if (profile instanceof RegressionProfile r) {
      return PerformanceCodec.encode(r);
    }
    return PerformanceCodec.encode((EstimationProfile) profile);
  }

  private static void checkInvariants(Object profile) {
    if (profile instanceof ClassificationProfile c) {
      c.checkInvariants();
    } else if (profile instanceof RegressionProfile r) {
      r.checkInvariants();
    } else {
      ((EstimationProfile) profile).checkInvariants();
    }
  }

  /** Metrics of a forged but valid profile are computed without throwing. */
  private static void result(Object profile) {
    if (profile instanceof ClassificationProfile c) {
      c.result();
      Cbpe.fit(c);
    } else if (profile instanceof RegressionProfile r) {
      r.result();
    } else {
      Cbpe.uncalibrated().estimate((EstimationProfile) profile);
    }
  }

  private static void withValidChecksum(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
  }

  private static byte[] read(String name) {
    try (InputStream in = PerformanceCodecTest.class.getResourceAsStream(name)) {
      assertThat(in).as("golden file %s", name).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
