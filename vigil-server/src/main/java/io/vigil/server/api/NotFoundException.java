package io.vigil.server.api;

/** Something the request names does not exist (a model, a reference): answered 404 with the message. */
public final class NotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message, null, false, false);
  }
}
