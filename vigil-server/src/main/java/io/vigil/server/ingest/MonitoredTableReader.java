package io.vigil.server.ingest;

import io.vigil.dataset.Dataset;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * {@link TableReader#read} with a hook on the raw byte stream, so a command can show a progress bar while a large
 * file is read; also the one place that decides whether a file is CSV or NDJSON for {@link RowColumnsReader}.
 *
 * <pre>{@code
 * Dataset d = MonitoredTableReader.read(path, TableReader.Options.inferAll(), in -> ProgressBar.wrap(in, bar));
 * }</pre>
 */
public final class MonitoredTableReader {

  private static final int PEEK = 4096;

  private MonitoredTableReader() {}

  /** As {@link TableReader#read}, reading the file through {@code monitor(stream)}. */
  public static Dataset read(Path file, TableReader.Options options, UnaryOperator<InputStream> monitor) {
    String name = file.toString();
    return open(file, monitor, (in, ndjson) -> ndjson
        ? NdjsonTableReader.read(in, name, options) : CsvTableReader.read(in, name, options));
  }

  /** What to do with an opened, peeked stream. */
  interface Body<T> {
    T read(InputStream in, boolean ndjson) throws IOException;
  }

  static <T> T open(Path file, UnaryOperator<InputStream> monitor, Body<T> body) {
    String name = file.toString();
    if (Files.isDirectory(file)) {
      throw new TableReadException(name, 0, "is a directory, expected a CSV or NDJSON file");
    }
    try (InputStream raw = monitor.apply(Files.newInputStream(file))) {
      BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
      int first = firstNonBlank(in);
      if (first < 0) {
        throw new TableReadException(name, 0, "is empty, expected a header row (CSV) or JSON objects (NDJSON)");
      }
      return body.read(in, isNdjson(name, first));
    } catch (NoSuchFileException e) {
      throw new TableReadException(name, 0, "no such file");
    } catch (IOException e) {
      throw new TableReadException(name, 0, "cannot be read: " + e.getMessage());
    }
  }

  /** The extension decides ({@code .csv}; {@code .ndjson}, {@code .jsonl}, {@code .json}), else a first byte of '{' means NDJSON. */
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
}
