package io.vigil.server.ingest;

/** A request body that cannot be read as events at all: answered 400 as a whole, nothing of it accepted. */
public final class MalformedBodyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public MalformedBodyException(String message) {
    super(message);
  }
}
