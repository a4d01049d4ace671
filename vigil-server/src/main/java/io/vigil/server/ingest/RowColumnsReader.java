package io.vigil.server.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Reads a few columns row by row, as text, keeping rows aligned: what metrics need (a row's label beside its own
 * prediction and score), unlike {@link TableReader}, which summarises each column on its own.
 *
 * <pre>{@code
 * RowColumnsReader.Rows r = RowColumnsReader.read(path, n -> n.equals("label") || n.equals("prediction"), in -> in);
 * String[] labels = r.values("label");     // null where a row has no value
 * }</pre>
 *
 * <p>CSV: the header names the columns. NDJSON: top-level scalar keys, the keys of a {@code features} object, and
 * the keys of any other nested object as {@code parent.key} (so a prediction event's {@code scores} object gives
 * columns {@code scores.fraud}, {@code scores.ok}). Empty text and JSON null are missing (null).
 */
public final class RowColumnsReader {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  /**
   * The wanted columns' values, row-aligned.
   *
   * @param columns every column name the file has (wanted or not), in first-seen order
   * @param lines the 1-based line of each row
   */
  public record Rows(String source, List<String> columns, Map<String, String[]> values, long[] lines) {
    public int size() {
      return lines.length;
    }

    /** The column's values, or null when the file has no such column or it was not wanted. */
    public String[] values(String column) {
      return values.get(column);
    }
  }

  private RowColumnsReader() {}

  public static Rows read(Path file, Predicate<String> wanted, UnaryOperator<InputStream> monitor) {
    String name = file.toString();
    return MonitoredTableReader.open(file, monitor, (in, ndjson) -> {
      Collector c = new Collector(name, wanted);
      if (ndjson) {
        readNdjson(in, c);
      } else {
        readCsv(in, c);
      }
      return c.rows();
    });
  }

  private static void readCsv(InputStream in, Collector c) throws IOException {
    CsvReader<CsvRecord> reader = CsvReader.builder().allowExtraFields(false).allowMissingFields(false)
        .skipEmptyLines(true).detectBomHeader(true).ofCsvRecord(in, StandardCharsets.UTF_8);
    try (reader) {
      List<String> header = null;
      for (CsvRecord r : reader) {
        if (header == null) {
          header = r.getFields();
          header.forEach(c::column);
          continue;
        }
        c.startRow(r.getStartingLineNumber());
        for (int i = 0; i < header.size(); i++) {
          c.set(header.get(i), r.getField(i));
        }
      }
    } catch (CsvParseException | UncheckedIOException e) {
      throw new TableReadException(c.source, 0, "malformed CSV: " + e.getMessage());
    }
  }

  private static void readNdjson(InputStream in, Collector c) throws IOException {
    try (JsonParser p = JSON.createParser(in)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        long line = p.currentTokenLocation().getLineNr();
        if (t != JsonToken.START_OBJECT) {
          throw new TableReadException(c.source, line, "expected a JSON object per line");
        }
        c.startRow(line);
        readObject(p, c, "");
      }
    } catch (StreamReadException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new TableReadException(c.source, line, "malformed JSON: " + e.getOriginalMessage());
    }
  }

  private static void readObject(JsonParser p, Collector c, String prefix) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_OBJECT && t != null) {
      String key = p.currentName();
      JsonToken value = p.nextToken();
      if (value == JsonToken.START_OBJECT && prefix.isEmpty()) {
        readObject(p, c, key.equals("features") ? "" : key + ".");
      } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
        p.skipChildren();
      } else {
        c.column(prefix + key);
        c.set(prefix + key, value == JsonToken.VALUE_NULL ? null : p.getText());
      }
    }
  }

  /** Grows row-aligned arrays; a column first seen late is missing in the rows before. */
  private static final class Collector {
    final String source;
    final Predicate<String> wanted;
    final Set<String> columns = new LinkedHashSet<>();
    final Map<String, String[]> values = new LinkedHashMap<>();
    long[] lines = new long[1024];
    int rows;

    Collector(String source, Predicate<String> wanted) {
      this.source = source;
      this.wanted = wanted;
    }

    void column(String name) {
      if (columns.add(name) && wanted.test(name)) {
        values.put(name, new String[lines.length]);
      }
    }

    void startRow(long line) {
      if (rows == lines.length) {
        lines = Arrays.copyOf(lines, rows * 2);
        values.replaceAll((k, v) -> Arrays.copyOf(v, rows * 2));
      }
      lines[rows++] = line;
    }

    void set(String column, String text) {
      String[] v = values.get(column);
      if (v != null) {
        v[rows - 1] = text == null || text.isEmpty() ? null : text;
      }
    }

    Rows rows() {
      Map<String, String[]> trimmed = new LinkedHashMap<>();
      values.forEach((k, v) -> trimmed.put(k, Arrays.copyOf(v, rows)));
      return new Rows(source, new ArrayList<>(columns), trimmed, Arrays.copyOf(lines, rows));
    }
  }
}
