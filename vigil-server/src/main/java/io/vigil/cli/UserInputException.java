package io.vigil.cli;

/**
 * A mistake in what the user gave us (a file, a flag, a value): printed as one line naming the file, line and
 * column, and exit code 2. Never a stack trace.
 */
public final class UserInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserInputException(String message) {
    super(message);
  }

  public UserInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
