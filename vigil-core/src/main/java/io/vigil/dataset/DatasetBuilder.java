package io.vigil.dataset;

import io.vigil.schema.FeatureType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * Builds a {@link Dataset} row by row from text values, inferring column types or checking them against the
 * types of a reference.
 *
 * <pre>{@code
 * DatasetBuilder b = new DatasetBuilder("ref.csv", Map.of());          // infer every column
 * b.addColumns(List.of("amount", "country"));
 * b.addRow(new String[] {"12.5", "DE"}, 2);
 * Dataset d = b.build();
 * }</pre>
 *
 * <p>Columns may appear late (NDJSON objects with new keys): the rows before count as missing.
 */
public final class DatasetBuilder {

  private final String source;
  private final Map<String, FeatureType> expectedTypes;
  private final Executor sorter;
  private final Map<String, ColumnBuilder> columns = new LinkedHashMap<>();
  private ColumnBuilder[] ordered = new ColumnBuilder[0];
  private long rows;

  /**
   * @param source a name for messages
   * @param expectedTypes columns whose type is known (from the reference); the others are inferred
   */
  public DatasetBuilder(String source, Map<String, FeatureType> expectedTypes) {
    this(source, expectedTypes, Runnable::run);
  }

  /**
   * As {@link #DatasetBuilder(String, Map)}, sorting numbers on {@code sorter} while rows arrive (a reader passes
   * a pool so the sort of a large column overlaps with parsing; core itself starts no threads).
   */
  public DatasetBuilder(String source, Map<String, FeatureType> expectedTypes, Executor sorter) {
    this.source = source;
    this.expectedTypes = Map.copyOf(expectedTypes);
    this.sorter = sorter;
  }

  /** Declares columns in order (a CSV header). Returns the index of each, for {@link #addRow}. */
  public void addColumns(List<String> names) {
    for (String n : names) {
      column(n);
    }
  }

  /** Index of a column, declaring it if new; rows already seen count as missing for it. */
  public int column(String name) {
    ColumnBuilder b = columns.get(name);
    if (b == null) {
      FeatureType t = expectedTypes.get(name);
      b = t == null ? ColumnBuilder.inferring(name, sorter) : ColumnBuilder.expecting(name, t, sorter);
      b.acceptAbsent(rows);
      columns.put(name, b);
      ordered = columns.values().toArray(new ColumnBuilder[0]);
    }
    return indexOf(b);
  }

  private int indexOf(ColumnBuilder b) {
    for (int i = ordered.length - 1; i >= 0; i--) {
      if (ordered[i] == b) {
        return i;
      }
    }
    throw new IllegalStateException("column " + b.name() + " vanished");
  }

  /** A whole row, one value per declared column in declaration order. */
  public void addRow(String[] values, long line) {
    if (values.length != ordered.length) {
      throw new IllegalArgumentException("row at line " + line + " has " + values.length + " values for "
          + ordered.length + " columns");
    }
    for (int i = 0; i < values.length; i++) {
      ordered[i].accept(values[i], line);
    }
    endRow();
  }

  /** One value of the current row; give each column at most once per row, then call {@link #endRow}. */
  public void set(int column, String value, long line) {
    ordered[column].accept(value, line);
  }

  /** One value of the current row, as a slice of a reader's buffer (copied only if it must be kept as text). */
  public void set(int column, char[] buf, int off, int len, long line) {
    ordered[column].accept(buf, off, len, line);
  }

  /** Ends a row: every column not {@link #set} in it counts as missing. */
  public void endRow() {
    rows++;
    for (ColumnBuilder b : ordered) {
      if (b.rows() < rows) {
        b.acceptAbsent(rows - b.rows());
      }
    }
  }

  public long rows() {
    return rows;
  }

  /** The dataset; columns are sorted and summarised in parallel. */
  public Dataset build() {
    List<Column> built = new ArrayList<>(List.of(ordered)).parallelStream()
        .map(ColumnBuilder::build)
        .collect(Collectors.toList());
    return new Dataset(source, rows, built);
  }
}
