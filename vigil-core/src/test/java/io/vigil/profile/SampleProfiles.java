package io.vigil.profile;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/** Valid serialized profiles of every family and mode, and a way to forge edits that keep the checksum valid. */
final class SampleProfiles {

  private SampleProfiles() {
  }

  /** Name → bytes: moments, numeric exact / sketched / empty, categorical exact / sketched / empty. */
  static Map<String, byte[]> all() {
    KllRandomness.seed(5);
    Map<String, byte[]> samples = new LinkedHashMap<>();
    MomentsProfile moments = new MomentsProfile();
    Random random = new Random(5);
    for (int i = 0; i < 50; i++) {
      moments.update(random.nextGaussian());
    }
    samples.put("moments", ProfileCodec.encode(moments));
    samples.put("moments empty", ProfileCodec.encode(new MomentsProfile()));
    samples.put("numeric exact", ProfileCodec.encode(numeric(new NumericProfile.Options(200, 1000, 1), 300, 1)));
    samples.put("numeric sketched", ProfileCodec.encode(numeric(new NumericProfile.Options(16, 8, 2), 2000, 2)));
    samples.put("numeric empty", ProfileCodec.encode(new NumericProfile()));
    samples.put("categorical exact", ProfileCodec.encode(categorical(new CategoricalProfile.Options(1000, 64), 500)));
    samples.put("categorical sketched", ProfileCodec.encode(categorical(new CategoricalProfile.Options(5, 16), 1500)));
    samples.put("categorical empty", ProfileCodec.encode(new CategoricalProfile()));
    return samples;
  }

  static NumericProfile numeric(NumericProfile.Options options, int rows, long seed) {
    NumericProfile p = new NumericProfile(options);
    NumericRows.random(new Random(seed), rows).forEach(row -> NumericRows.update(p, row));
    return p;
  }

  static CategoricalProfile categorical(CategoricalProfile.Options options, int rows) {
    CategoricalProfile p = new CategoricalProfile(options);
    Random random = new Random(rows);
    for (int i = 0; i < rows; i++) {
      p.update(i % 97 == 0 ? null : "cat-" + (int) (40 * random.nextDouble() * random.nextDouble()));
    }
    return p;
  }

  /** A copy of {@code bytes} edited through a big-endian buffer, with its checksum recomputed. */
  static byte[] forge(byte[] bytes, Consumer<ByteBuffer> edit) {
    byte[] copy = bytes.clone();
    edit.accept(ByteBuffer.wrap(copy));
    return withValidChecksum(copy);
  }

  static byte[] withValidChecksum(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
    return bytes;
  }

  /** Checks a decoded profile of any family the way the contract tests do after every operation. */
  static void checkInvariants(Mergeable<?> profile) {
    if (profile instanceof NumericProfile n) {
      n.checkInvariants();
    } else if (profile instanceof CategoricalProfile c) {
      c.checkInvariants();
    }
  }
}
