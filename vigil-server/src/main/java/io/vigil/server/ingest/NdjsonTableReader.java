package io.vigil.server.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import io.vigil.dataset.Dataset;
import io.vigil.dataset.DatasetBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Newline-delimited JSON: one object per line. Scalar fields are columns; when an object has a {@code features}
 * object (a prediction event, SPEC section 3), only the fields of {@code features} are columns, so a prediction
 * log can serve as a reference or a current sample. Keys absent from a line count as missing.
 *
 * <p>Numbers keep their text (so the column's type is inferred as for CSV), booleans become
 * {@code true}/{@code false}, {@code null} is missing. Nested values other than {@code features} are skipped.
 */
final class NdjsonTableReader {

  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private NdjsonTableReader() {}

  static Dataset read(InputStream in, String file, TableReader.Options options) throws IOException {
    DatasetBuilder builder = new DatasetBuilder(file, options.expectedTypes());
    Map<String, Integer> index = new HashMap<>();
    Set<String> seenColumns = new LinkedHashSet<>();
    try (JsonParser p = JSON.createParser(in)) {
      JsonToken t;
      while ((t = next(p, file)) != null) {
        long line = p.currentTokenLocation().getLineNr();
        if (t != JsonToken.START_OBJECT) {
          throw new TableReadException(file, line, "expected a JSON object per line, got " + describe(t));
        }
        readObject(p, file, line, builder, index, seenColumns, options, true);
        builder.endRow();
      }
    } catch (StreamReadException e) {   // from skipChildren and getText, which next() does not wrap (found by fuzzing)
      throw new TableReadException(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
          "malformed JSON: " + e.getOriginalMessage());
    } catch (java.io.CharConversionException e) {
      throw new TableReadException(file, 0, "not UTF-8 text: " + e.getMessage());
    }
    if (builder.rows() == 0) {
      throw new TableReadException(file, 0, "holds no JSON objects");
    }
    TableReader.checkRequestedColumns(file, options, seenColumns);
    return builder.build();
  }

  private static void readObject(JsonParser p, String file, long line, DatasetBuilder builder,
      Map<String, Integer> index, Set<String> seen, TableReader.Options options, boolean top) throws IOException {
    List<String[]> topLevel = top ? new ArrayList<>() : null;
    boolean hadFeatures = false;
    JsonToken t;
    while ((t = next(p, file)) != JsonToken.END_OBJECT) {
      if (t == null) {
        throw new TableReadException(file, line, "the object starting here is not closed");
      }
      String key = p.currentName();
      JsonToken value = next(p, file);
      if (value == JsonToken.START_OBJECT && top && "features".equals(key)) {
        hadFeatures = true;
        readObject(p, file, line, builder, index, seen, options, false);
      } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
        p.skipChildren();
      } else {
        String text = value == JsonToken.VALUE_NULL ? null : p.getText();
        if (top) {
          topLevel.add(new String[] {key, text});
        } else {
          set(builder, index, seen, options, key, text, line);
        }
      }
    }
    if (top && !hadFeatures) {
      for (String[] kv : topLevel) {
        set(builder, index, seen, options, kv[0], kv[1], line);
      }
    }
  }

  private static void set(DatasetBuilder builder, Map<String, Integer> index, Set<String> seen,
      TableReader.Options options, String key, String text, long line) {
    seen.add(key);
    if (!options.wanted(key)) {
      return;
    }
    Integer i = index.get(key);
    if (i == null) {
      i = builder.column(key);
      index.put(key, i);
    }
    builder.set(i, text, line);
  }

  private static JsonToken next(JsonParser p, String file) throws IOException {
    try {
      return p.nextToken();
    } catch (StreamReadException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new TableReadException(file, line, "malformed JSON: " + e.getOriginalMessage());
    }
  }

  private static String describe(JsonToken t) {
    switch (t) {
      case START_ARRAY:
        return "an array";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      default:
        return t.asString() == null ? t.name() : t.asString();
    }
  }
}
