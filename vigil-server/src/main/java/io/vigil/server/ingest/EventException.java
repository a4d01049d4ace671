package io.vigil.server.ingest;

/** One event that does not fit its schema; the message starts with the field, e.g. {@code features.amount: ...}. */
final class EventException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  EventException(String message) {
    super(message, null, false, false);
  }
}
