package io.vigil.dataset;

/** A saved dataset that cannot be read: wrong magic, unknown version, truncated or damaged. */
public final class DatasetFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** @param offset the byte offset of the problem, or -1 when only "somewhere in the file" is known */
  public DatasetFormatException(long offset, String message) {
    super(offset >= 0 ? "at byte " + offset + ": " + message : message);
  }
}
