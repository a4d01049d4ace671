package io.vigil.server.ingest;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import io.vigil.dataset.Dataset;
import io.vigil.dataset.DatasetBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * CSV with a header row, RFC 4180 quoting, strict: every row must have as many fields as the header, and a
 * closing quote must end its field. Parsing is FastCSV's; this class turns its records into columns and its
 * errors into messages that name the file and line.
 */
final class CsvTableReader {

  private CsvTableReader() {}

  static Dataset read(InputStream in, String file, TableReader.Options options) throws IOException {
    ColumnFeeder feeder = new ColumnFeeder(file, options);
    CsvReader<Object> reader = CsvReader.builder()
        .allowExtraFields(false)
        .allowMissingFields(false)
        .allowExtraCharsAfterClosingQuote(false)
        .skipEmptyLines(true)
        .detectBomHeader(true)
        .build(feeder, in, StandardCharsets.UTF_8);
    try (reader) {
      Iterator<Object> records = reader.iterator();
      long line = 1;
      while (next(records, file, line)) {
        records.next();
        line = feeder.line() + 1;
      }
      if (feeder.builder == null) {
        throw new TableReadException(file, 0, "is empty, expected a header row");
      }
      return feeder.builder.build();
    } catch (UncheckedIOException e) {
      throw new TableReadException(file, 0, "cannot be read: " + e.getCause().getMessage());
    }
  }

  /**
   * Takes FastCSV's fields straight from its buffer: the header's become column names, data fields go to their
   * column builders as slices (numbers are parsed in place; no String per value).
   */
  private static final class ColumnFeeder extends AbstractBaseCsvCallbackHandler<Object> {
    private static final Object RECORD = new Object();
    private final String file;
    private final TableReader.Options options;
    private final List<String> header = new ArrayList<>();
    private DatasetBuilder builder;
    private int[] target;   // header index -> builder column, or -1 when not selected

    ColumnFeeder(String file, TableReader.Options options) {
      this.file = file;
      this.options = options;
    }

    long line() {
      return getStartingLineNumber();
    }

    @Override
    protected void handleField(int index, char[] buf, int off, int len, boolean quoted) {
      if (builder == null) {
        header.add(new String(buf, off, len));
      } else if (index < target.length && target[index] >= 0) {
        builder.set(target[index], buf, off, len, getStartingLineNumber());
      }
    }

    @Override
    protected Object buildRecord() {
      if (builder == null) {
        int[] selected = selectColumns(file, getStartingLineNumber(), header, options);
        builder = new DatasetBuilder(file, options.expectedTypes(), java.util.concurrent.ForkJoinPool.commonPool());
        target = new int[header.size()];
        java.util.Arrays.fill(target, -1);
        for (int i : selected) {
          target[i] = builder.column(header.get(i));
        }
      } else {
        builder.endRow();
      }
      return RECORD;
    }
  }

  /** Advances, turning FastCSV's parse errors into messages with the file name and line. */
  private static boolean next(Iterator<Object> records, String file, long approximateLine) {
    try {
      return records.hasNext();
    } catch (CsvParseException e) {
      throw new TableReadException(file, lineOf(e, approximateLine), describe(e));
    }
  }

  private static int[] selectColumns(String file, long line, List<String> names, TableReader.Options options) {
    Set<String> seen = new HashSet<>();
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      if (n.isBlank()) {
        throw new TableReadException(file, line, "column " + (i + 1) + " of the header has no name");
      }
      if (!seen.add(n)) {
        throw new TableReadException(file, line, "column '" + n + "' appears twice in the header");
      }
      if (options.wanted(n)) {
        keep.add(i);
      }
    }
    TableReader.checkRequestedColumns(file, options, names);
    return keep.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * FastCSV wraps the cause in "Exception when reading record that started in line N"; the line goes into our own
   * prefix, so only the innermost message is kept.
   */
  private static String describe(CsvParseException e) {
    Throwable t = e;
    String message = null;
    while (t != null) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
      t = t.getCause();
    }
    if (message == null) {
      return "malformed CSV";
    }
    return message.replaceFirst("^Exception when reading record that started in line \\d+: ", "")
        .replaceFirst("^Record \\d+ has", "this record has")
        .replace("first record had", "the header has")
        + (message.contains("closing quote") ? " (a quote inside a quoted field must be doubled: \"\")" : "");
  }

  private static long lineOf(CsvParseException e, long fallback) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("started in line (\\d+)").matcher(
        String.valueOf(e.getMessage()));
    return m.find() ? Long.parseLong(m.group(1)) : fallback;
  }
}
