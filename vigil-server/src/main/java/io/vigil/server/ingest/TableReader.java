package io.vigil.server.ingest;

import io.vigil.dataset.Dataset;
import io.vigil.schema.FeatureType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

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

  private TableReader() {}

  public static Dataset read(Path file, Options options) {
    return MonitoredTableReader.read(file, options, UnaryOperator.identity());
  }

  /**
   * Reads a stream (an uploaded reference) whose format the caller knows from its content type; the stream is not
   * closed.
   */
  public static Dataset read(InputStream in, String name, boolean ndjson, Options options) throws IOException {
    return ndjson ? NdjsonTableReader.read(in, name, options) : CsvTableReader.read(in, name, options);
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
