package io.vigil.server.security;

/** A request refused before it reached its route: 401, 403 or 429, with the reason for the client. */
final class AccessDeniedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final long retryAfterSeconds;

  AccessDeniedException(int status, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
