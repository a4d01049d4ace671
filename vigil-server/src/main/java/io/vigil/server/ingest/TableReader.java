package io.vigil.server.ingest;

import io.vigil.dataset.Dataset;
import io.vigil.schema.FeatureType;
import java.io.IOException;
import java.io.InputStream;
import java.io.BufferedInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a CSV or NDJSON file into a {@link Dataset}, streaming: memory holds the column summaries, not the file.
 *
 * <pre>{@code
 * Dataset ref = TableReader.read(Path.of("ref.csv"), TableReader.Options.inferAll());
 * Dataset cur = TableReader.read(Path.of("cur.ndjson"), TableReader.Options.expecting(types));
 * }</pre>
 *
 * <p>The format comes from the extension ({@code .csv}; {@code .ndjson}, {@code .jsonl}, {@code .json}) or, for
 * other names, from the first non-blank byte ({@code {} means NDJSON).
 */
public final class TableReader {

  /**
   * What to read and how.
   *
   * @param expectedTypes columns whose values must fit a known type (the reference's); others are inferred
   * @param columns when present, only these columns are read, and each must exist
   */
  public record Options(Map<String, FeatureType> expectedTypes, Optional<Set<String>> columns) {
    public static Options inferAll() {
      return new Options(Map.of(), Optional.empty());
    }

    public Options onlyColumns(Set<String> names) {
      return new Options(expectedTypes, Optional.of(Set.copyOf(names)));
    }

    public Options expecting(Map<String, FeatureType> types) {
      return new Options(types, columns);
    }

    boolean wanted(String column) {
      return columns.isEmpty() || columns.get().contains(column);
    }
  }

  private static final int PEEK = 4096;

  private TableReader() {}

  public static Dataset read(Path file, Options options) {
    String name = file.toString();
    if (Files.isDirectory(file)) {
      throw new TableReadException(name, 0, "is a directory, expected a CSV or NDJSON file");
    }
    try (InputStream raw = Files.newInputStream(file)) {
      BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
      int first = firstNonBlank(in);
      if (first < 0) {
        throw new TableReadException(name, 0, "is empty, expected a header row (CSV) or JSON objects (NDJSON)");
      }
      return isNdjson(name, first)
          ? NdjsonTableReader.read(in, name, options)
          : CsvTableReader.read(in, name, options);
    } catch (NoSuchFileException e) {
      throw new TableReadException(name, 0, "no such file");
    } catch (IOException e) {
      throw new TableReadException(name, 0, "cannot be read: " + e.getMessage());
    }
  }

  /**
   * Reads a stream (an uploaded reference) whose format the caller knows from its content type; the stream is not
   * closed.
   */
  public static Dataset read(InputStream in, String name, boolean ndjson, Options options) throws IOException {
    return ndjson ? NdjsonTableReader.read(in, name, options) : CsvTableReader.read(in, name, options);
  }

  private static boolean isNdjson(String name, int firstByte) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".csv") || lower.endsWith(".tsv")) {
      return false;
    }
    if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl") || lower.endsWith(".json")) {
      return true;
    }
    return firstByte == '{';
  }

  /** Peeks the first byte that is not whitespace or a UTF-8 byte-order mark, leaving the stream unread. */
  private static int firstNonBlank(BufferedInputStream in) throws IOException {
    in.mark(PEEK);
    try {
      for (int i = 0; i < PEEK; i++) {
        int b = in.read();
        if (b < 0 || !(Character.isWhitespace(b) || b == 0xEF || b == 0xBB || b == 0xBF)) {
          return b;
        }
      }
      return ' ';
    } finally {
      in.reset();
    }
  }

  /** Reports unknown columns named in {@code --columns}. */
  static void checkRequestedColumns(String file, Options options, java.util.Collection<String> present) {
    if (options.columns().isEmpty()) {
      return;
    }
    for (String wanted : options.columns().get()) {
      if (!present.contains(wanted)) {
        throw new TableReadException(file, 0, "has no column '" + wanted + "' (columns: "
            + String.join(", ", present) + ")");
      }
    }
  }
}
