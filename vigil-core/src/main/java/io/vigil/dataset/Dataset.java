package io.vigil.dataset;

import java.util.List;
import java.util.Optional;

/**
 * A table read from a file or a saved profile, summarised column by column.
 *
 * <pre>{@code
 * Dataset reference = ...;             // from CsvTableReader, NdjsonTableReader or a saved .vigil profile
 * reference.rows();                    // data rows, the header not counted
 * reference.column("amount");          // Optional<Column>
 * }</pre>
 *
 * @param source where it came from, for messages (a file name)
 * @param rows number of data rows
 * @param columns the columns in file order
 */
public record Dataset(String source, long rows, List<Column> columns) {
  public Dataset {
    columns = List.copyOf(columns);
  }

  public Optional<Column> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
