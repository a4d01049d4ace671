package io.vigil.server.ingest;

/**
 * A file that cannot be read as a table: the message names the file, the 1-based line and, where known, the
 * column, so a user can open the file at the right place.
 */
public final class TableReadException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;

  public TableReadException(String file, long line, String message) {
    super(file + (line > 0 ? ":" + line : "") + ": " + message);
    this.file = file;
    this.line = line;
  }

  public String file() {
    return file;
  }

  /** The 1-based line, or 0 when the problem is the whole file. */
  public long line() {
    return line;
  }
}
