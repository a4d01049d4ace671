package io.vigil.server.api;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * A request body read as it arrives, on Jetty's request API, up to a limit, without holding a thread while no byte
 * comes: what {@link IngestHandler} reads, or skips past before it answers a refusal.
 *
 * <pre>{@code
 * RequestBody body = new RequestBody(request, limit, this::onError);
 * body.read(false, () -> parse(body.bytes()), this::tooLarge, this::clientGone);
 * }</pre>
 */
final class RequestBody {

  private final Request request;
  private final long limit;
  /** Receives what the reading code throws, on whichever thread Jetty called it. */
  private final Consumer<RuntimeException> error;
  private byte[] body = new byte[0];
  private int length;
  private boolean skip;
  private Runnable whole;
  private Runnable tooLarge;
  private Consumer<Throwable> gone;

  RequestBody(Request request, long limit, Consumer<RuntimeException> error) {
    this.request = request;
    this.limit = limit;
    this.error = error;
  }

  /**
   * Reads the whole body, then runs {@code whole}; or {@code tooLarge} once it passes the limit (the rest unread),
   * or {@code gone} with the failure when the client goes away first.
   *
   * @param skip drop the bytes instead of keeping them (a refusal reads past the body before it answers)
   */
  void read(boolean skip, Runnable whole, Runnable tooLarge, Consumer<Throwable> gone) {
    this.skip = skip;
    this.whole = whole;
    this.tooLarge = tooLarge;
    this.gone = gone;
    long declared = request.getLength();
    if (!skip && declared > 0 && declared <= limit && body.length == 0) {
      body = new byte[(int) declared];   // read in place: growing by doubling copied a large body three times
    }
    next();
  }

  /** The body read, once {@code whole} ran. */
  byte[] bytes() {
    byte[] out = length == body.length ? body : Arrays.copyOf(body, length);
    body = null;
    return out;
  }

  private void next() {
    while (true) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        request.demand(this::resume);
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        Throwable failure = chunk.getFailure();
        chunk.release();
        gone.accept(failure);
        return;
      }
      ByteBuffer buffer = chunk.getByteBuffer();
      int n = buffer.remaining();
      if (length + (long) n > limit) {
        chunk.release();
        tooLarge.run();
        return;
      }
      if (!skip) {
        if (length + n > body.length) {
          body = Arrays.copyOf(body, Math.max(length + n, (int) Math.min(limit, body.length * 2L)));
        }
        buffer.get(body, length, n);
      }
      length += n;
      boolean last = chunk.isLast();
      chunk.release();
      if (last) {
        whole.run();
        return;
      }
    }
  }

  private void resume() {
    try {
      next();
    } catch (RuntimeException e) {
      error.accept(e);
    }
  }

  /**
   * Reads and drops what is left of the body, at most {@code max} bytes in all, then runs {@code done}: after an
   * early answer, so that the connection does not close with unread bytes (which resets it, and a client still
   * sending may then lose the answer).
   */
  void drain(long max, Runnable done) {
    try {
      while (true) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(() -> drain(max, done));
          return;
        }
        boolean end = chunk.isLast() || Content.Chunk.isFailure(chunk);
        length += chunk.remaining();
        chunk.release();
        if (end || length > max) {
          done.run();
          return;
        }
      }
    } catch (RuntimeException e) {
      done.run();
    }
  }
}
