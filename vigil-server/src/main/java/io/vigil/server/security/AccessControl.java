package io.vigil.server.security;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vigil.server.api.ApiError;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may do what: every request but the health probes needs an API token ({@code Authorization: Bearer …}, or
 * HTTP Basic with the token as the password so that a browser can open the dashboard) whose scope covers the
 * request, within the token's rate limit. Answers 401 without a known token, 403 with one of the wrong scope, 429
 * with {@code Retry-After} past the rate limit. Also sets the security headers on every answer and leaves CORS off
 * (no {@code Access-Control-Allow-*} header is ever sent, so browsers keep other sites' scripts out).
 *
 * <pre>{@code
 * new AccessControl(AuthSettings.from(config), tls, System::nanoTime, metrics.registry()).register(cfg.routes);
 * }</pre>
 *
 * <p>Scopes by request: {@code POST} to {@code /api/v1/predictions}, {@code /labels} or {@code /outcomes} needs
 * {@code ingest}; any other {@code GET} or {@code HEAD} needs {@code read}; everything else (registering models,
 * uploading references, rules) needs {@code admin}. A path the table does not know falls to {@code admin}, so a new
 * route is closed until someone decides otherwise.
 */
public final class AccessControl {

  private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
  private static final Set<String> INGEST_PATHS = Set.of("/api/v1/predictions", "/api/v1/labels", "/api/v1/outcomes");
  private static final Set<String> OPEN_PATHS = Set.of("/healthz", "/readyz");
  /** Scripts only from the server itself (the dashboard ships its scripts as files, none inline). */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
      + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
      + " frame-ancestors 'none'";

  private final AuthSettings settings;
  private final boolean tls;
  private final RateLimiter limits;
  private final Counter denied;

  /** @param metrics where {@code vigil_http_denied_total{reason}} is registered (unauthorized, forbidden, rate_limited) */
  public AccessControl(AuthSettings settings, boolean tls, LongSupplier nanoTime, PrometheusRegistry metrics) {
    this.settings = settings;
    this.tls = tls;
    this.limits = new RateLimiter(nanoTime);
    this.denied = Counter.builder().name("vigil_http_denied_total")
        .help("Requests refused before their route: no or unknown token, wrong scope, over the token's rate")
        .labelNames("reason").register(metrics);
  }

  public void register(RoutesConfig routes) {
    routes.before(ctx -> headers(ctx::header));
    if (settings.enabled()) {
      routes.before(this::check);
    }
    routes.exception(AccessDeniedException.class, (e, ctx) -> {
      refusal(e, ctx.res()::addHeader);
      ctx.status(e.status).json(ApiError.of(e.getMessage()));
    });
  }

  /** Sets the security headers every answer carries (also for handlers outside Javalin). */
  public void headers(BiConsumer<String, String> header) {
    header.accept("X-Content-Type-Options", "nosniff");
    header.accept("X-Frame-Options", "DENY");
    header.accept("Referrer-Policy", "no-referrer");
    header.accept("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    if (tls) {
      header.accept("Strict-Transport-Security", "max-age=31536000");
    }
  }

  /** Answers a refused request, for a handler outside Javalin. */
  @FunctionalInterface
  public interface Refused {
    /** @param headers adds the refusal's headers ({@code WWW-Authenticate}, {@code Retry-After}) to the answer */
    void answer(int status, String message, Consumer<BiConsumer<String, String>> headers);
  }

  /**
   * The check of {@link #register} for a {@code POST} that a handler outside Javalin serves (the ingest fast path):
   * true when the request may go on; otherwise it was answered through {@code refused} (401, 403 or 429) and counted.
   */
  public boolean admits(String method, String path, String authorization, Refused refused) {
    if (!settings.enabled()) {
      return true;
    }
    Optional<Scope> needed = required(HandlerType.findOrCreate(method), path);
    AccessDeniedException e = needed.isEmpty() ? null : denial(needed.get(), method, path, authorization);
    if (e == null) {
      return true;
    }
    refused.answer(e.status, e.getMessage(), header -> refusal(e, header));
    return false;
  }

  /** Counts a refusal and adds its headers. */
  private void refusal(AccessDeniedException e, BiConsumer<String, String> header) {
    denied.labelValues(e.status == 401 ? "unauthorized" : e.status == 403 ? "forbidden" : "rate_limited").inc();
    if (e.status == 401) {
      header.accept("WWW-Authenticate", "Bearer realm=\"vigil\"");
      header.accept("WWW-Authenticate", "Basic realm=\"vigil\", charset=\"UTF-8\"");
    }
    if (e.retryAfterSeconds > 0) {
      header.accept("Retry-After", Long.toString(e.retryAfterSeconds));
    }
  }

  private void check(Context ctx) {
    Optional<Scope> needed = required(ctx.method(), ctx.path());
    if (needed.isPresent()) {
      AccessDeniedException e = denial(needed.get(), ctx.method().name(), ctx.path(), ctx.header("Authorization"));
      if (e != null) {
        throw e;
      }
    }
  }

  /** Why a request that needs {@code needed} is refused, or null when it may go on. */
  private AccessDeniedException denial(Scope needed, String method, String path, String authorization) {
    byte[] presented = presented(authorization);
    if (presented == null) {
      return new AccessDeniedException(401, "this server needs an API token: send 'Authorization: Bearer <token>'"
          + " (tokens are made with 'vigil token create')", 0);
    }
    ApiToken found = null;
    for (ApiToken t : settings.tokens()) {   // no early exit: the time does not tell which token came close
      if (t.matches(presented) && found == null) {
        found = t;
      }
    }
    if (found == null) {
      return new AccessDeniedException(401, "unknown API token", 0);
    }
    if (!found.allows(needed)) {
      return new AccessDeniedException(403, "token '" + found.name() + "' has scopes " + ids(found.scopes()) + "; "
          + method + " " + path + " needs '" + needed.id() + "'", 0);
    }
    double rate = found.rateLimit() > 0 ? found.rateLimit() : settings.rateLimit();
    long wait = limits.acquire(found.name(), rate);
    if (wait > 0) {
      return new AccessDeniedException(429, "token '" + found.name() + "' is over its rate limit of " + rate
          + " requests per second", Math.max(1, (wait + 999_999_999L) / 1_000_000_000L));
    }
    return null;
  }

  /** The scope a request needs, or empty for the health probes. */
  static Optional<Scope> required(HandlerType method, String rawPath) {
    String path = rawPath.replaceAll("/{2,}", "/");
    while (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    // a record since Javalin 7: compared by value, not by identity
    boolean reading = HandlerType.GET.equals(method) || HandlerType.HEAD.equals(method)
        || HandlerType.OPTIONS.equals(method);
    if (reading && OPEN_PATHS.contains(path)) {
      return Optional.empty();
    }
    if (reading) {
      return Optional.of(Scope.READ);
    }
    if (HandlerType.POST.equals(method) && INGEST_PATHS.contains(path)) {
      return Optional.of(Scope.INGEST);
    }
    return Optional.of(Scope.ADMIN);
  }

  /** The token of a {@code Bearer} or {@code Basic} (password part) Authorization header, or null. */
  static byte[] presented(String header) {
    if (header == null) {
      return null;
    }
    String h = header.trim();
    if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = h.substring(7).trim();
      return token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
    }
    if (h.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String pair = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return colon < 0 || colon == pair.length() - 1 ? null
            : pair.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }

  /**
   * Refuses a server that anyone on the network could use without a token, unless {@code insecure}; says loudly
   * when auth is off.
   *
   * @throws IllegalStateException for a non-loopback address without tokens and without {@code insecure}
   */
  public static void checkExposure(String host, AuthSettings settings, boolean insecure) {
    if (settings.enabled()) {
      LOG.info("API tokens required ({} configured)", settings.tokens().size());
      return;
    }
    if (loopback(host)) {
      LOG.warn("AUTH IS OFF: no API tokens are configured, so anyone on this machine can send and read data."
          + " Only loopback ({}) is served. Make tokens with 'vigil token create' before serving a network.", host);
    } else if (insecure) {
      LOG.warn("AUTH IS OFF ON {} (--insecure): anyone who can reach this address can read every model's inputs"
          + " and change models. Add tokens to the auth section of vigil.yaml.", host);
    } else {
      throw new IllegalStateException("refusing to serve " + host + " without API tokens: anyone on the network"
          + " could read every model's inputs. Add tokens ('vigil token create') to the auth section of the"
          + " config, bind 127.0.0.1, or pass --insecure");
    }
  }

  /** Whether every address {@code host} names is a loopback address. */
  public static boolean loopback(String host) {
    try {
      InetAddress[] all = InetAddress.getAllByName(host);
      for (InetAddress a : all) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return all.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static String ids(Set<Scope> scopes) {
    return scopes.stream().map(Scope::id).sorted().toList().toString();
  }
}
