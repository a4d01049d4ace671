package io.vigil.server.ingest;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
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
    CsvReader<CsvRecord> reader = CsvReader.builder()
        .allowExtraFields(false)
        .allowMissingFields(false)
        .allowExtraCharsAfterClosingQuote(false)
        .skipEmptyLines(true)
        .detectBomHeader(true)
        .ofCsvRecord(in, StandardCharsets.UTF_8);
    try (reader) {
      Iterator<CsvRecord> records = reader.iterator();
      if (!next(records, file, 1)) {
        throw new TableReadException(file, 0, "is empty, expected a header row");
      }
      CsvRecord header = records.next();
      List<String> names = header.getFields();
      int[] selected = selectColumns(file, header.getStartingLineNumber(), names, options);
      DatasetBuilder builder = new DatasetBuilder(file, options.expectedTypes());
      List<String> selectedNames = new ArrayList<>();
      for (int i : selected) {
        selectedNames.add(names.get(i));
      }
      builder.addColumns(selectedNames);
      String[] row = new String[selected.length];
      long line = header.getStartingLineNumber();
      while (next(records, file, line + 1)) {
        CsvRecord r = records.next();
        line = r.getStartingLineNumber();
        for (int j = 0; j < selected.length; j++) {
          row[j] = r.getField(selected[j]);
        }
        builder.addRow(row, line);
      }
      return builder.build();
    } catch (UncheckedIOException e) {
      throw new TableReadException(file, 0, "cannot be read: " + e.getCause().getMessage());
    }
  }

  /** Advances, turning FastCSV's parse errors into messages with the file name. */
  private static boolean next(Iterator<CsvRecord> records, String file, long approximateLine) {
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
