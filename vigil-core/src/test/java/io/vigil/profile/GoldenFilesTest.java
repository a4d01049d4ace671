package io.vigil.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.apache.datasketches.kll.KllSketch;
import org.junit.jupiter.api.Test;

/**
 * Format version 1 stays readable: each committed golden file decodes to the profile of its frozen rows
 * ({@link GoldenProfiles}), and encodes back to the same bytes. A failure here means a released format changed.
 */
class GoldenFilesTest {

  @Test
  void readsMomentsVersion1() {
    byte[] golden = read("moments-v1.bin");
    MomentsProfile p = ProfileCodec.decodeMoments(golden);
    assertThat(p.count()).isEqualTo(500);
    assertThat(p.min()).isEqualTo(-25.26);
    assertThat(p.max()).isEqualTo(32.33);
    assertThat(p.snapshot()).isEqualTo(GoldenProfiles.moments().snapshot());
    assertThat(ProfileCodec.encode(p)).isEqualTo(golden);
  }

  @Test
  void readsNumericVersion1() {
    byte[] golden = read("numeric-v1.bin");
    NumericProfile p = ProfileCodec.decodeNumeric(golden);
    p.checkInvariants();
    assertThat(p.count()).isEqualTo(1000);
    assertThat(p.missing()).isEqualTo(20);
    assertThat(p.nonFinite()).isEqualTo(12);
    assertThat(p.typeErrors()).isEqualTo(10);
    assertThat(p.sketchK()).isEqualTo(32);
    assertThat(p.sampleCapacity()).isEqualTo(16);
    assertThat(p.rankError()).isEqualTo(KllSketch.getNormalizedRankError(32, false));
    NumericProfile fresh = GoldenProfiles.numeric();
    assertThat(p.moments()).isEqualTo(fresh.moments());
    assertThat(p.sample()).as("the sample's priorities are part of the format").isEqualTo(fresh.sample());
    NumericRows.assertDescribes(GoldenProfiles.numericRows(), p);
    assertThat(ProfileCodec.encode(p)).isEqualTo(golden);
  }

  @Test
  void readsCategoricalExactVersion1() {
    byte[] golden = read("categorical-exact-v1.bin");
    CategoricalProfile p = ProfileCodec.decodeCategorical(golden);
    p.checkInvariants();
    assertThat(p.isSketched()).isFalse();
    assertThat(p.count()).isEqualTo(400);
    assertThat(p.missing()).isEqualTo(10);
    assertThat(p.distribution().count("city-0")).isEqualTo(59);
    assertThat(p.distribution().count("Zürich-1")).isEqualTo(34);
    CategoricalRows.assertDescribes(GoldenProfiles.categoricalRows(400, 30, 20261124), p);
    assertThat(ProfileCodec.encode(p)).isEqualTo(golden)
        .isEqualTo(ProfileCodec.encode(GoldenProfiles.categoricalExact()));
  }

  @Test
  void readsCategoricalSketchVersion1() {
    byte[] golden = read("categorical-sketch-v1.bin");
    CategoricalProfile p = ProfileCodec.decodeCategorical(golden);
    p.checkInvariants();
    assertThat(p.isSketched()).isTrue();
    assertThat(p.count()).isEqualTo(1500);
    assertThat(p.missing()).isEqualTo(38);
    assertThat(p.countError()).isEqualTo(116);
    assertThat(p.options()).isEqualTo(new CategoricalProfile.Options(8, 16));
    CategoricalRows.assertDescribes(GoldenProfiles.categoricalRows(1500, 60, 20261125), p);
    assertThat(ProfileCodec.encode(p)).isEqualTo(golden)
        .isEqualTo(ProfileCodec.encode(GoldenProfiles.categoricalSketch()));
  }

  private static byte[] read(String name) {
    try (InputStream in = GoldenFilesTest.class.getResourceAsStream(name)) {
      assertThat(in).as("golden file %s", name).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
