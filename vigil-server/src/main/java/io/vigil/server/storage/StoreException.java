package io.vigil.server.storage;

/** The store failed (disk full, file damaged): the request that needed it gets 503 and nothing is accepted. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
