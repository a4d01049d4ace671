package io.vigil.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The version 1 layout documented in {@link ProfileCodec}, and a precise error for every field that can be wrong. */
class ProfileCodecTest {

  private static final Map<String, byte[]> SAMPLES = SampleProfiles.all();
  // Field offsets of version 1 (see the table in ProfileCodec).
  private static final int NUMERIC_K = 80;
  private static final int NUMERIC_MIN_K = 84;
  private static final int SAMPLE_CAPACITY = 88;
  private static final int SAMPLE_SIZE = 100;
  private static final int SAMPLE_ENTRIES = 104;
  private static final int CATEGORIES = 41;

  @Test
  void writesTheDocumentedHeaderAndChecksum() {
    byte[] bytes = SAMPLES.get("numeric sketched");
    ByteBuffer b = ByteBuffer.wrap(bytes);
    assertThat(bytes[0]).isEqualTo((byte) 0x56);
    assertThat(bytes[1]).isEqualTo((byte) 2);
    assertThat(bytes[2]).isEqualTo((byte) 1);
    assertThat(bytes[3]).isZero();
    assertThat(b.getInt(4)).isEqualTo(bytes.length);
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    assertThat(b.getInt(bytes.length - 4)).isEqualTo((int) crc.getValue());
    assertThat(SAMPLES.get("moments")).hasSize(52);
    assertThat(SAMPLES.get("moments")[1]).isEqualTo((byte) 1);
    assertThat(SAMPLES.get("categorical exact")[1]).isEqualTo((byte) 3);
  }

  @Test
  void decodeDispatchesOnTheFamily() {
    assertThat(ProfileCodec.decode(SAMPLES.get("moments"))).isInstanceOf(MomentsProfile.class);
    assertThat(ProfileCodec.decode(SAMPLES.get("numeric exact"))).isInstanceOf(NumericProfile.class);
    assertThat(ProfileCodec.decode(SAMPLES.get("categorical sketched"))).isInstanceOf(CategoricalProfile.class);
  }

  @Test
  void emptyProfilesRoundTrip() {
    assertThat(ProfileCodec.decodeNumeric(SAMPLES.get("numeric empty")).count()).isZero();
    assertThat(ProfileCodec.decodeCategorical(SAMPLES.get("categorical empty")).distribution().total()).isZero();
    assertThat(ProfileCodec.decodeMoments(SAMPLES.get("moments empty")).snapshot().isEmpty()).isTrue();
  }

  @Test
  void checksHeaderFieldsInOrderBeforeTheChecksum() {
    byte[] numeric = SAMPLES.get("numeric exact");
    assertRejected(new byte[5], 5, "truncated: 5 bytes");
    assertRejected(edit(numeric, 0, (byte) 0x57), 0, "not a Vigil profile");
    assertRejected(edit(numeric, 1, (byte) 9), 1, "family 9");
    assertRejected(edit(numeric, 2, (byte) 2), 2, "format version 2 is not supported");
    assertRejected(edit(numeric, 3, (byte) 1), 3, "flags 1");
    assertRejected(Arrays.copyOf(numeric, numeric.length - 1), 4, "truncated: the header declares");
    assertRejected(Arrays.copyOf(numeric, numeric.length + 3), 4, "trailing bytes");
    assertRejected(edit(numeric, 200, (byte) (numeric[200] + 1)), numeric.length - 4, "checksum mismatch");
    assertThatThrownBy(() -> ProfileCodec.decodeNumeric(SAMPLES.get("categorical exact")))
        .isInstanceOf(ProfileFormatException.class).hasMessageStartingWith("byte 1: family 3 is not the expected 2");
  }

  static Stream<Arguments> forgedFields() {
    byte[] numeric = SAMPLES.get("numeric exact");
    byte[] sketched = SAMPLES.get("numeric sketched");
    byte[] exact = SAMPLES.get("categorical exact");
    byte[] frequent = SAMPLES.get("categorical sketched");
    byte[] moments = SAMPLES.get("moments");
    int sketchLength = SAMPLE_ENTRIES + 16 * ByteBuffer.wrap(numeric).getInt(SAMPLE_SIZE);
    int sketchedImage = SAMPLE_ENTRIES + 16 * 8 + 4;
    int secondCategory = CATEGORIES + 4 + 4 + "cat-0".length() + 8 + 4;
    return Stream.of(
        Arguments.of("negative count", numeric, field(b -> b.putLong(8, -1)), 8, "count -1 is negative"),
        Arguments.of("counts not adding up", numeric, field(b -> b.putLong(16, 3)), 8, "is not missing"),
        Arguments.of("k below 8", numeric, field(b -> b.putInt(NUMERIC_K, 4)), NUMERIC_K, "sketch k 4"),
        Arguments.of("min k above k", numeric, field(b -> b.putInt(NUMERIC_MIN_K, 400)), NUMERIC_MIN_K, "min sketch k"),
        Arguments.of("capacity 0", numeric, field(b -> b.putInt(SAMPLE_CAPACITY, 0)), SAMPLE_CAPACITY, "capacity 0"),
        Arguments.of("hostile sample size", numeric, field(b -> b.putInt(SAMPLE_SIZE, Integer.MAX_VALUE)),
            SAMPLE_SIZE, "does not fit"),
        Arguments.of("negative sample size", numeric, field(b -> b.putInt(SAMPLE_SIZE, -1)), SAMPLE_SIZE,
            "does not fit"),
        Arguments.of("sample value beyond max", numeric, field(b -> b.putDouble(SAMPLE_ENTRIES + 8, 1e9)),
            SAMPLE_ENTRIES + 8, "outside [min"),
        Arguments.of("hostile sketch length", numeric, field(b -> b.putInt(sketchLength, Integer.MAX_VALUE)),
            sketchLength, "does not fit"),
        Arguments.of("forged KLL levels", sketched, field(b -> b.put(sketchedImage + 20, (byte) 3)),
            sketchedImage + 20, "levels weigh"),
        Arguments.of("forged KLL level count", sketched, field(b -> b.put(sketchedImage + 18, (byte) 0)),
            sketchedImage + 16, "levels"),
        Arguments.of("empty moments with a mean", moments, field(b -> b.putLong(8, 0)), 8, "empty moments"),
        Arguments.of("NaN spread", moments, field(b -> b.putDouble(24, Double.NaN)), 24, "squared deviations NaN"),
        Arguments.of("min above max", moments, field(b -> b.putDouble(32, 1e9)), 8, "min 1.0E9 ≤ max"),
        Arguments.of("cap 0", exact, field(b -> b.putInt(32, 0)), 32, "max exact categories 0"),
        Arguments.of("map size 24", exact, field(b -> b.putInt(36, 24)), 36, "sketch map size 24"),
        Arguments.of("mode 7", exact, field(b -> b.put(40, (byte) 7)), 40, "mode 7"),
        Arguments.of("hostile category count", exact, field(b -> b.putInt(CATEGORIES, Integer.MAX_VALUE)),
            CATEGORIES, "does not fit"),
        Arguments.of("hostile category length", exact, field(b -> b.putInt(CATEGORIES + 4, 1 << 30)),
            CATEGORIES + 4, "does not fit"),
        Arguments.of("invalid UTF-8", exact, field(b -> b.put(CATEGORIES + 8, (byte) 0xff)), CATEGORIES + 8,
            "not valid UTF-8"),
        Arguments.of("categories out of order", exact, field(b -> b.put(CATEGORIES + 8, (byte) 'z')),
            secondCategory, "out of the canonical ascending order"),
        Arguments.of("counts not summing", exact, field(b -> b.putLong(8, b.getLong(8) + 1)), 8, "sum to"),
        Arguments.of("frequent-items map size", frequent, field(b -> b.put(CATEGORIES + 4 + 4, (byte) 30)),
            CATEGORIES + 4 + 3, "map sizes"),
        Arguments.of("frequent-items item length", frequent,
            field(b -> b.putInt(CATEGORIES + 4 + 32 + 8 * activeItems(b), Integer.reverseBytes(1 << 30))),
            CATEGORIES + 4 + 32 + 8 * activeItems(ByteBuffer.wrap(frequent)), "truncated"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forgedFields")
  void namesTheOffsetOfEveryForgedField(String name, byte[] valid, Consumer<ByteBuffer> edit, int offset,
      String message) {
    byte[] forged = SampleProfiles.forge(valid, edit);
    assertThatThrownBy(() -> ProfileCodec.decode(forged)).isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining(message).satisfies(e -> assertThat(((ProfileFormatException) e).offset())
            .as(e.getMessage()).isEqualTo(offset));
  }

  /** Gives a lambda its type inside {@code Arguments.of}. */
  private static Consumer<ByteBuffer> field(Consumer<ByteBuffer> edit) {
    return edit;
  }

  private static int activeItems(ByteBuffer b) {
    return Integer.reverseBytes(b.getInt(CATEGORIES + 4 + 8));
  }

  private static byte[] edit(byte[] bytes, int offset, byte value) {
    byte[] copy = bytes.clone();
    copy[offset] = value;
    return copy;
  }

  private static void assertRejected(byte[] bytes, int offset, String message) {
    assertThatThrownBy(() -> ProfileCodec.decode(bytes)).isInstanceOf(ProfileFormatException.class)
        .hasMessageStartingWith("byte " + offset + ": ").hasMessageContaining(message);
  }
}
