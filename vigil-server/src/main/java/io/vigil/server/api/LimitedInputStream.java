package io.vigil.server.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Stops reading a request body past a limit, so a body without a declared length cannot exhaust memory. */
final class LimitedInputStream extends FilterInputStream {

  /** Thrown once more than the limit has been read. */
  static final class LimitExceededException extends IOException {
    private static final long serialVersionUID = 1L;

    LimitExceededException(long limit) {
      super("body exceeds " + limit + " bytes");
    }
  }

  private final long limit;
  private long read;

  LimitedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  private void count(long n) throws LimitExceededException {
    read += n;
    if (read > limit) {
      throw new LimitExceededException(limit);
    }
  }
}
