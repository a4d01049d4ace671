package io.vigil.dataset;

import io.vigil.drift.CategoryDistribution;
import io.vigil.drift.EmpiricalDistribution;
import io.vigil.schema.FeatureType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Saves a {@link Dataset} summary (a reference computed once) and reads it back: {@code vigil profile} writes it,
 * {@code vigil drift --reference} reads it instead of re-parsing and re-sorting a large file.
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(path)) { DatasetCodec.write(reference, out); }
 * Dataset again = DatasetCodec.read(Files.newInputStream(path));
 * }</pre>
 *
 * <p>Format version 1, big-endian: magic {@code "VGDS"}, version byte, source (modified UTF-8), rows (long),
 * column count (int); per column: name, type byte (0 none, 1 numeric, 2 categorical, 3 boolean), rows, missing,
 * non-finite, type errors (longs), note (empty string for none), payload byte (0 none, 1 numeric steps: count int,
 * the distinct values as doubles, then the ties: count int and (step index int, weight long) for every step whose
 * weight is above one, indexes increasing; 2 categories: count int, then name and long count each; 3 a numeric
 * and 4 a categorical profile: length int, then {@link io.vigil.profile.ProfileCodec} bytes); and last a CRC32 of
 * everything before it. Payloads 1 and 2 are exact ({@link Mode#EXACT}); 3 and 4 are the mergeable sketches the
 * server keeps ({@link Mode#SKETCH}: a few tens of kilobytes per column whatever the row count, with the sketch's
 * error bound carried into every drift statistic computed from them). Reading checks the magic, version, every length against what remains plausible,
 * and the checksum, and fails with {@link DatasetFormatException} rather than return a wrong dataset.
 */
public final class DatasetCodec {

  static final byte[] MAGIC = {'V', 'G', 'D', 'S'};
  static final int VERSION = 1;
  /** Bounds a hostile length field: 16 bytes a step must still fit an int. */
  private static final int MAX_STEPS = 1 << 26;
  private static final int CHUNK = 1 << 16;

  private DatasetCodec() {}

  /** Whether {@code head} (the first bytes of a file) starts like a saved dataset. */
  public static boolean looksLikeDataset(byte[] head) {
    if (head.length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (head[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /** What a saved dataset keeps of each column. */
  public enum Mode {
    /** Sorted distinct values with counts, and exact category counts: drift from it equals drift from the data. */
    EXACT,
    /** Mergeable profiles (KLL k = 1600, frequent items): small and fixed-size, with a documented error bound. */
    SKETCH
  }

  public static void write(Dataset d, OutputStream target) throws IOException {
    write(d, target, Mode.EXACT);
  }

  public static void write(Dataset d, OutputStream target, Mode mode) throws IOException {
    CheckedOutputStream checked = new CheckedOutputStream(target, new CRC32());
    DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(checked, 1 << 16));
    out.write(MAGIC);
    out.writeByte(VERSION);
    out.writeUTF(d.source());
    out.writeLong(d.rows());
    out.writeInt(d.columns().size());
    for (Column c : d.columns()) {
      writeColumn(c, out, mode);
    }
    out.flush();
    out.writeLong(checked.getChecksum().getValue());
    out.flush();
  }

  private static void writeColumn(Column c, DataOutputStream out, Mode mode) throws IOException {
    out.writeUTF(c.name());
    out.writeByte(c.type().map(t -> t.ordinal() + 1).orElse(0));
    out.writeLong(c.rows());
    out.writeLong(c.missing());
    out.writeLong(c.nonFinite());
    out.writeLong(c.typeErrors());
    out.writeUTF(c.note().orElse(""));
    if (mode == Mode.SKETCH && c.type().isPresent() && (c.numbers().isPresent() || c.categories().isPresent())) {
      boolean numeric = c.numbers().isPresent();
      byte[] profile = numeric ? ColumnSketches.numeric(c) : ColumnSketches.categorical(c);
      out.writeByte(numeric ? 3 : 4);
      out.writeInt(profile.length);
      out.write(profile);
    } else if (c.numbers().isPresent()) {
      EmpiricalDistribution e = c.numbers().get();
      out.writeByte(1);
      writeSteps(e, out);
    } else if (c.categories().isPresent()) {
      Map<String, Long> counts = c.categories().get().counts();
      out.writeByte(2);
      out.writeInt(counts.size());
      for (Map.Entry<String, Long> e : counts.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeLong(e.getValue());
      }
    } else {
      out.writeByte(0);
    }
  }

  /**
   * @throws DatasetFormatException when the bytes are not a saved dataset of a known version, or are damaged
   */
  public static Dataset read(InputStream source) throws IOException {
    CheckedInputStream checked = new CheckedInputStream(source, new CRC32());
    DataInputStream in = new DataInputStream(checked);
    try {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!looksLikeDataset(magic)) {
        throw new DatasetFormatException(0, "not a saved Vigil reference (bad magic bytes)");
      }
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new DatasetFormatException(4, "format version " + version + " is not supported (this Vigil reads "
            + VERSION + "); recompute it with vigil profile");
      }
      String name = in.readUTF();
      long rows = nonNegative(in.readLong(), "row count");
      int n = length(in.readInt(), 1 << 20, "column count");
      List<Column> columns = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        columns.add(readColumn(in));
      }
      long expected = checked.getChecksum().getValue();
      long stored = in.readLong();
      if (stored != expected) {
        throw new DatasetFormatException(-1, "checksum mismatch: the file is damaged");
      }
      return new Dataset(name, rows, columns);
    } catch (EOFException e) {
      throw new DatasetFormatException(-1, "the file ends too early: truncated");
    } catch (java.io.UTFDataFormatException e) {
      throw new DatasetFormatException(-1, "a name is not valid text: the file is damaged");
    } catch (IllegalArgumentException e) {
      if (e instanceof DatasetFormatException) {
        throw e;
      }
      throw new DatasetFormatException(-1, "inconsistent content: " + e.getMessage());
    }
  }

  private static Column readColumn(DataInputStream in) throws IOException {
    String name = in.readUTF();
    int typeByte = in.readUnsignedByte();
    if (typeByte > FeatureType.values().length) {
      throw new DatasetFormatException(-1, "column '" + name + "': unknown type byte " + typeByte);
    }
    Optional<FeatureType> type = typeByte == 0 ? Optional.empty() : Optional.of(FeatureType.values()[typeByte - 1]);
    long rows = nonNegative(in.readLong(), "rows");
    long missing = nonNegative(in.readLong(), "missing");
    long nonFinite = nonNegative(in.readLong(), "non-finite");
    long typeErrors = nonNegative(in.readLong(), "type errors");
    if (missing + nonFinite + typeErrors > rows) {
      throw new DatasetFormatException(-1, "column '" + name + "': more bad values than rows");
    }
    String note = in.readUTF();
    int payload = in.readUnsignedByte();
    Optional<EmpiricalDistribution> numbers = Optional.empty();
    Optional<CategoryDistribution> categories = Optional.empty();
    if (payload == 1) {
      numbers = Optional.of(readSteps(in));
    } else if (payload == 2) {
      int k = length(in.readInt(), MAX_STEPS, "category count");
      Map<String, Long> counts = new LinkedHashMap<>();
      for (int i = 0; i < k; i++) {
        counts.put(in.readUTF(), nonNegative(in.readLong(), "category count"));
      }
      categories = Optional.of(CategoryDistribution.exact(counts));
    } else if (payload == 3 || payload == 4) {
      int length = length(in.readInt(), MAX_STEPS, "profile length");
      byte[] bytes = in.readNBytes(length);
      if (bytes.length < length) {
        throw new EOFException();
      }
      return payload == 3 ? ColumnSketches.readNumeric(name, type, note, bytes)
          : ColumnSketches.readCategorical(name, type, note, bytes);
    } else if (payload != 0) {
      throw new DatasetFormatException(-1, "column '" + name + "': unknown payload kind " + payload);
    }
    return new Column(name, type, rows, missing, nonFinite, typeErrors, List.of(), numbers, categories,
        note.isEmpty() ? Optional.empty() : Optional.of(note));
  }

  private static long nonNegative(long v, String what) {
    if (v < 0) {
      throw new DatasetFormatException(-1, what + " is negative (" + v + ")");
    }
    return v;
  }

  private static int length(int v, int max, String what) {
    if (v < 0 || v > max) {
      throw new DatasetFormatException(-1, what + " " + v + " is out of range");
    }
    return v;
  }

  /** Distinct values, then only the steps that hold ties: continuous data costs 8 bytes a row. */
  private static void writeSteps(EmpiricalDistribution e, DataOutputStream out) throws IOException {
    out.writeInt(e.size());
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
    for (double v : e.values()) {
      if (!chunk.hasRemaining()) {
        out.write(chunk.array(), 0, chunk.position());
        chunk.clear();
      }
      chunk.putDouble(v);
    }
    out.write(chunk.array(), 0, chunk.position());
    int ties = 0;
    for (int i = 0; i < e.size(); i++) {
      ties += e.weight(i) > 1 ? 1 : 0;
    }
    out.writeInt(ties);
    for (int i = 0; i < e.size(); i++) {
      if (e.weight(i) > 1) {
        out.writeInt(i);
        out.writeLong((long) e.weight(i));
      }
    }
  }

  private static EmpiricalDistribution readSteps(DataInputStream in) throws IOException {
    int steps = length(in.readInt(), MAX_STEPS, "step count");
    double[] values = new double[Math.min(steps, CHUNK)];
    byte[] chunk = new byte[CHUNK];
    for (int done = 0; done < steps; ) {
      int n = Math.min(CHUNK / 8, steps - done);
      in.readFully(chunk, 0, n * 8);
      if (done + n > values.length) {   // grow as bytes arrive: a forged count cannot allocate ahead of the data
        values = java.util.Arrays.copyOf(values, (int) Math.min(steps, Math.max(2L * values.length, done + n)));
      }
      ByteBuffer.wrap(chunk, 0, n * 8).asDoubleBuffer().get(values, done, n);
      done += n;
    }
    double[] weights = new double[steps];
    java.util.Arrays.fill(weights, 1.0);
    int ties = length(in.readInt(), steps, "tie count");
    int previous = -1;
    for (int t = 0; t < ties; t++) {
      int index = in.readInt();
      long weight = in.readLong();
      if (index <= previous || index >= steps || weight < 2) {
        throw new DatasetFormatException(-1, "tie " + t + " (step " + index + ", weight " + weight + ") is invalid");
      }
      weights[index] = weight;
      previous = index;
    }
    double[] cumulative = weights;
    for (int i = 1; i < steps; i++) {
      cumulative[i] += cumulative[i - 1];
    }
    return EmpiricalDistribution.ofCounts(values, cumulative);
  }
}
