package io.vigil.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpResponseException;
import io.vigil.server.storage.StoreException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every Javalin route shares: {@code /healthz} and {@code /readyz}, the count of requests in flight (a stop
 * waits for them, and refuses new ones with 503 and {@code Retry-After}), and the error answers: JSON with a message
 * for a route that does not exist (404), a bad argument (400), a store that cannot write (503), and anything else
 * (500, logged).
 *
 * <pre>{@code
 * CommonRoutes.register(cfg.routes, active, stopping, outage::failed, cfg.jetty.clientAbortStatus);
 * }</pre>
 */
public final class CommonRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(CommonRoutes.class);

  private CommonRoutes() {
  }

  /**
   * @param active requests being handled now, counted here
   * @param stopping set when the server begins to stop: new requests are refused and {@code /readyz} says so
   * @param storeFailed told of each store failure (to log an outage once, not once per request)
   * @param clientAbortStatus the status recorded for a request whose client went away mid-body
   */
  public static void register(RoutesConfig routes, AtomicInteger active, AtomicBoolean stopping,
      Consumer<StoreException> storeFailed, int clientAbortStatus) {
    routes.before(ctx -> {
      active.incrementAndGet();
      ctx.attribute("vigil.counted", Boolean.TRUE);
      if (stopping.get()) {
        ctx.header("Retry-After", "5");
        throw new HttpResponseException(503, "the server is shutting down");
      }
    });
    routes.after(ctx -> {
      if (ctx.attribute("vigil.counted") != null) {
        active.decrementAndGet();
      }
    });
    routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
    routes.get("/readyz", ctx -> {
      if (stopping.get()) {
        ctx.status(503).json(Map.of("status", "stopping"));
      } else {
        ctx.json(Map.of("status", "ready"));
      }
    });
    routes.error(404, ctx -> {
      String answered = ctx.res().getContentType();   // ctx.contentType() would be the request's
      if (answered == null || !answered.startsWith("application/json")) {
        ctx.json(ApiError.of("no route for " + ctx.method() + " " + ctx.path()));
      }
    });
    routes.exception(StoreException.class, (e, ctx) -> {
      storeFailed.accept(e);
      ctx.header("Retry-After", "5").status(503).json(ApiError.of("the store is unavailable; nothing of this"
          + " request was accepted: " + e.getMessage()));
    });
    routes.exception(EventForwarder.ForwardingException.class, (e, ctx) -> {
      LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
      ctx.header("Retry-After", "5").status(503).json(ApiError.of(e.getMessage()));
    });
    routes.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(400).json(ApiError.of(e.getMessage())));
    routes.exception(NotFoundException.class, (e, ctx) -> ctx.status(404).json(ApiError.of(e.getMessage())));
    // A client that went away mid-body: nobody is left to answer, so no error. Jetty 12 throws a subclass of
    // EofException, which Javalin 7 no longer takes for a client abort by itself.
    routes.exception(EofException.class, (e, ctx) -> {
      LOG.debug("{} {}: the client went away: {}", ctx.method(), ctx.path(), e.getMessage());
      ctx.status(clientAbortStatus);
    });
    routes.exception(Exception.class, (e, ctx) -> {
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
      ctx.status(500).json(ApiError.of("internal error: " + e.getClass().getSimpleName()));
    });
  }
}
