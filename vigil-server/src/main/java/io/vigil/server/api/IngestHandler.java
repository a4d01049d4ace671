package io.vigil.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vigil.event.PredictionEvent;
import io.vigil.server.exposition.ServerMetrics;
import io.vigil.server.ingest.MalformedBodyException;
import io.vigil.server.ingest.PredictionBatchParser;
import io.vigil.server.security.AccessControl;
import io.vigil.server.storage.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/predictions}: a JSON array or NDJSON of events (SPEC section 4). Answers
 * {@code {"accepted": n, "ids": [...], "rejected": [{"index": i, "error": "..."}], "duplicates": d}}: 200 when at
 * least one event was accepted (or the batch was empty), 400 when none was, or the body is not JSON; 413 past the
 * body limit (checked before reading when the length is declared, and while reading when it is not); 415 for a
 * content type that is not JSON; 429 with {@code Retry-After} when too many batches are in flight; 503 with
 * {@code Retry-After} while the store cannot write or the server is stopping.
 *
 * <pre>{@code
 * curl -X POST http://127.0.0.1:8080/api/v1/predictions -H 'Content-Type: application/json' \
 *      -d '[{"model": "fraud", "features": {"amount": 12.5}}]'
 * }</pre>
 *
 * <p><b>Why a Jetty handler and not a Javalin route.</b> Model servers that send one event per request make this the
 * busiest path by far. It runs on Jetty's own request API, ahead of the servlet layer that serves every other route,
 * and it never holds a thread while the disk syncs: the body is read as it arrives, parsed, and queued to the
 * {@link IngestWriter}, which writes the batches of concurrent requests in one group and sends each answer once its
 * batch is durable. BENCHMARKS.md has what each step saved. It applies the same token check, security headers,
 * limits and error bodies as the Javalin routes (the tests in {@code ServerApiIT} and the security tests run
 * through it).
 */
public final class IngestHandler extends Handler.Wrapper implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestHandler.class);
  static final String PATH = "/api/v1/predictions";
  private static final long OVERLOAD_WAIT_MS = 100;
  /** After a 413, at most this many times the body limit is read and dropped before the connection closes. */
  private static final long DRAIN_LIMIT = 4;
  /** Bodies up to this size are handled on the thread that read them (see {@link ResumingThreadPool#inlineLimit}). */
  private static final long INLINE_BYTES = 64 * 1024;
  private static final Set<String> JSON_TYPES =
      Set.of("application/json", "application/x-ndjson", "application/ndjson", "application/jsonl", "text/plain");

  /**
   * The accepted-events answer. {@code duplicates} counts accepted events whose id was already stored (a retry):
   * acknowledged again, counted once. With Kafka the events are counted when consumed, and {@code duplicates} is 0.
   */
  public record IngestAnswer(int accepted, List<String> ids, List<PredictionBatchParser.Rejection> rejected,
      int duplicates) {}

  /** What the handler shares with the rest of the server. */
  public record Server(AccessControl access, AtomicInteger active, AtomicBoolean stopping,
      Consumer<StoreException> storeFailed) {}

  private final PredictionBatchParser parser;
  private final ServerMetrics metrics;
  private final IngestWriter writer;
  private final Server server;
  private final long maxBodyBytes;
  private final IngestAdmission admission;

  /**
   * @param destination stores the accepted events of a batch (and their JSON as received) durably, or forwards them
   *     to Kafka, before the answer is sent
   */
  public IngestHandler(PredictionBatchParser parser, ServerMetrics metrics, IngestDestination destination,
      Server server, long maxBodyBytes, int maxInFlight) {
    this.parser = parser;
    this.metrics = metrics;
    this.writer = new IngestWriter(destination);
    this.server = server;
    this.maxBodyBytes = maxBodyBytes;
    this.admission = new IngestAdmission(maxInFlight, maxBodyBytes);
  }

  /** Ingest requests admitted and not yet answered: at most the {@code maxInFlight} given; past it, 429. */
  public int inFlight() {
    return admission.inFlight();
  }

  /** Whether a path names this route, as Javalin would match it (repeated and trailing slashes ignored). */
  static boolean matches(String path) {
    if (path == null) {
      return false;
    }
    String p = path.contains("//") ? path.replaceAll("/{2,}", "/") : path;
    return p.startsWith(PATH) && (p.length() == PATH.length()
        || p.length() == PATH.length() + 1 && p.charAt(PATH.length()) == '/');
  }

  /**
   * Non-blocking as far as Jetty is concerned, so the thread that reads a connection also handles its request: a
   * small ingest request right there (it never blocks: the disk is the writer thread's), anything else handed to
   * the thread pool, as Jetty would have done for a blocking handler.
   */
  @Override
  public InvocationType getInvocationType() {
    return InvocationType.NON_BLOCKING;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    boolean ingest = "POST".equals(request.getMethod()) && matches(Request.getPathInContext(request));
    long declared = request.getLength();
    if (ingest && declared >= 0 && declared <= ResumingThreadPool.inlineLimit(INLINE_BYTES)) {
      new Exchange(request, response, callback, false).start();
    } else {
      getServer().getThreadPool().execute(() -> blocking(ingest, request, response, callback));
    }
    return true;
  }

  /** Large or unsized ingest bodies (parsing them takes a while) and every other route, on a pool thread. */
  private void blocking(boolean ingest, Request request, Response response, Callback callback) {
    try {
      if (ingest) {
        new Exchange(request, response, callback, true).start();
      } else if (!super.handle(request, response, callback)) {
        Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
      }
    } catch (Throwable t) {
      Response.writeError(request, response, callback, t);
    }
  }

  /** One request, from its headers to its answer. */
  private final class Exchange {
    private final Request request;
    private final Response response;
    private final Callback callback;
    /** Whether this thread may wait a little for a free slot (a pool thread may, a selector thread may not). */
    private final boolean mayWait;
    /** What {@link IngestAdmission} granted this request, until it is answered. */
    private int kib;
    private final RequestBody body;

    Exchange(Request request, Response response, Callback callback, boolean mayWait) {
      this.request = request;
      this.response = response;
      this.callback = callback;
      this.mayWait = mayWait;
      this.body = new RequestBody(request, maxBodyBytes, this::failed);
    }

    void start() {
      server.active().incrementAndGet();
      server.access().headers(response.getHeaders()::add);
      try {
        if (server.stopping().get()) {
          response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
          refuse(503, ApiError.of("the server is shutting down"));
          return;
        }
        if (!server.access().admits("POST", Request.getPathInContext(request),
            request.getHeaders().get(HttpHeader.AUTHORIZATION), (status, message, headers) -> {
              headers.accept(response.getHeaders()::add);
              refuse(status, ApiError.of(message));
            })) {
          return;
        }
        String type = contentType();
        if (!JSON_TYPES.contains(type)) {
          metrics.rejected("unsupported_media_type", 1);
          refuse(415, ApiError.of("Content-Type " + type + " is not accepted: send application/json (an array of"
              + " events) or application/x-ndjson"));
          return;
        }
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
          tooLarge();
          return;
        }
        if (!admitted(declared)) {
          return;
        }
        body.read(false, this::parse, this::tooLarge, this::clientGone);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failed(e);
      } catch (RuntimeException e) {
        failed(e);
      }
    }

    private String contentType() {
      String header = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
      if (header == null) {
        return "application/json";
      }
      int semicolon = header.indexOf(';');
      return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** At most so many requests and bodies are held at once ({@link IngestAdmission}); past that, 429. */
    private boolean admitted(long declared) throws InterruptedException {
      kib = admission.admit(declared, mayWait ? OVERLOAD_WAIT_MS : 0);
      if (kib == 0) {
        overloaded();
      }
      return kib > 0;
    }

    private void overloaded() {
      metrics.rejected("overloaded", 1);
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
      refuse(429, ApiError.of("the server is busy ingesting: retry after a second (batches of a few hundred events"
          + " help)"));
    }

    /**
     * 413 at once, without reading the body; then the rest of the body, as far as {@link #DRAIN_LIMIT} limits, is
     * read and dropped before the connection closes. Closing a socket with unread bytes resets it, and a client
     * still sending may then lose the answer it was sent.
     */
    private void tooLarge() {
      metrics.rejected("too_large", 1);
      closing(413, ApiError.of("the body is larger than the limit of " + maxBodyBytes + " bytes: send smaller"
          + " batches"));
    }

    /** Answers, then drains the body and closes the connection. */
    private void closing(int status, ApiError error) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
      byte[] bytes = json(error);
      headers(status, bytes.length);
      release();
      response.write(true, ByteBuffer.wrap(bytes), Callback.from(
          () -> body.drain(DRAIN_LIMIT * Math.max(1, maxBodyBytes), callback::succeeded), callback::failed));
    }

    /**
     * Answers a refusal once the body has been read past. Answering before would leave unread bytes in the socket
     * when the connection closes, and the client's system may then drop the answer with the connection reset.
     */
    private void refuse(int status, ApiError error) {
      body.read(true, () -> answer(status, error), () -> closing(status, error), this::clientGone);
    }

    private void parse() {
      PredictionBatchParser.Batch batch;
      try {
        batch = parser.parse(body.bytes());
      } catch (MalformedBodyException e) {
        metrics.rejected("malformed", 1);
        answer(400, ApiError.of(e.getMessage()));
        return;
      } catch (IOException e) {
        failed(e);
        return;
      }
      if (batch.accepted().isEmpty()) {
        written(batch, new IngestDestination.Written(List.of(), 0), null);
        return;
      }
      // the answer when no event is a repeat, made here: the writer thread only sends it
      byte[] usual = json(answerOf(batch, 0));
      headers(status(batch), usual.length);
      writer.submit(batch.accepted(), batch.bodies(), (written, failure) -> {
        if (failure == null) {
          written(batch, written, usual);
        } else {
          failed(failure);
        }
      });
    }

    private static int status(PredictionBatchParser.Batch batch) {
      return batch.accepted().isEmpty() && !batch.rejected().isEmpty() ? 400 : 200;
    }

    private static IngestAnswer answerOf(PredictionBatchParser.Batch batch, int duplicates) {
      List<String> ids = new ArrayList<>(batch.accepted().size());
      for (PredictionEvent e : batch.accepted()) {
        ids.add(e.id());
      }
      return new IngestAnswer(ids.size(), ids, batch.rejected(), duplicates);
    }

    /** Counts the batch, then answers: {@code usual} unless some events were repeats. */
    private void written(PredictionBatchParser.Batch batch, IngestDestination.Written written, byte[] usual) {
      metrics.accepted(written.counted());
      metrics.rejected("validation", batch.rejected().size());
      if (usual != null && written.duplicates() == 0) {
        send(usual);
      } else {
        answer(status(batch), answerOf(batch, written.duplicates()));
      }
    }

    /** The error answers of the Javalin routes' exception handlers, for the failures this route can meet. */
    private void failed(Throwable e) {
      if (e instanceof StoreException s) {
        server.storeFailed().accept(s);
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
        answer(503, ApiError.of("the store is unavailable; nothing of this request was accepted: " + e.getMessage()));
      } else if (e instanceof EventForwarder.ForwardingException || e instanceof IngestWriter.ShuttingDownException) {
        LOG.warn("POST {}: {}", PATH, e.getMessage());
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
        answer(503, ApiError.of(e.getMessage()));
      } else if (e instanceof IllegalArgumentException) {
        answer(400, ApiError.of(e.getMessage()));
      } else {
        LOG.error("POST {} failed", PATH, e);
        answer(500, ApiError.of("internal error: " + e.getClass().getSimpleName()));
      }
    }

    /** A client that went away mid-body: nobody is left to answer. */
    private void clientGone(Throwable failure) {
      LOG.debug("POST {}: the client went away: {}", PATH, failure.getMessage());
      release();
      callback.failed(failure);
    }

    private void answer(int status, Object json) {
      byte[] bytes = json(json);
      headers(bytes == INTERNAL_ERROR ? 500 : status, bytes.length);
      send(bytes);
    }

    private void headers(int status, int length) {
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
    }

    private void send(byte[] bytes) {
      release();
      response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    /** Gives back what this request held, once. */
    private void release() {
      if (kib > 0) {
        admission.release(kib);
        kib = 0;
      }
      server.active().decrementAndGet();
    }
  }

  private static final byte[] INTERNAL_ERROR = ("{\"error\": \"internal error: the answer could not be written\","
      + " \"details\": []}").getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private static byte[] json(Object answer) {
    try {
      return Json.MAPPER.writeValueAsBytes(answer);
    } catch (JsonProcessingException e) {
      LOG.error("an ingest answer could not be written", e);
      return INTERNAL_ERROR;
    }
  }

  /** Writes what is queued, then stops the writer; call after the HTTP server stopped. */
  @Override
  public void close() {
    writer.close();
  }
}
