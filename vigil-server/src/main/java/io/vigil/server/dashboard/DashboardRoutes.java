package io.vigil.server.dashboard;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The web dashboard at {@code /}: one HTML page, its scripts and style sheet from this package's resources, and
 * uPlot from its WebJar on the classpath. Nothing is built at run time and the page fetches nothing but these
 * files and {@code /api/v1}; the Content-Security-Policy header makes the browser enforce that.
 *
 * <pre>{@code
 * new DashboardRoutes().register(cfg.routes);   // inside Javalin.create(cfg -> ...); then open http://127.0.0.1:8080/
 * }</pre>
 *
 * <p>Only the files listed here are served: a request names a key of {@link #ASSETS}, never a path, so no
 * request can read another resource of the jar.
 */
public final class DashboardRoutes {

  private static final String OWN = "/io/vigil/server/dashboard/";

  /** What the browser asks for, mapped to its content type; the dashboard's own files. */
  private static final Map<String, String> ASSETS = Map.of(
      "dashboard.css", "text/css; charset=utf-8",
      "dom.js", "text/javascript; charset=utf-8",
      "charts.js", "text/javascript; charset=utf-8",
      "overview.js", "text/javascript; charset=utf-8",
      "model.js", "text/javascript; charset=utf-8",
      "panels.js", "text/javascript; charset=utf-8",
      "app.js", "text/javascript; charset=utf-8");

  /** The WebJar's files, by the name the page uses. */
  private static final Map<String, String> UPLOT = Map.of(
      "uPlot.iife.min.js", "text/javascript; charset=utf-8",
      "uPlot.min.css", "text/css; charset=utf-8");

  /**
   * Scripts, styles and JSON from this server only; no inline script or style, no frames, no plugins. uPlot sizes
   * its elements through the style properties (CSSOM), which the policy allows; the data: image is the empty
   * favicon that keeps the browser from asking for /favicon.ico.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
      + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final String uplotRoot;

  public DashboardRoutes() {
    Properties versions = new Properties();
    try (InputStream in = DashboardRoutes.class.getResourceAsStream("webjars.properties")) {
      if (in == null) {
        throw new IllegalStateException("webjars.properties is missing from the jar: rebuild vigil-server");
      }
      versions.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    uplotRoot = "/META-INF/resources/webjars/uplot/" + versions.getProperty("uplot.version") + "/dist/";
  }

  public void register(RoutesConfig routes) {
    routes.get("/", ctx -> serve(ctx, OWN + "index.html", "text/html; charset=utf-8"));
    routes.get("/dashboard/uplot/{file}", ctx -> {
      String file = ctx.pathParam("file");
      serveListed(ctx, UPLOT, file, uplotRoot + file);
    });
    routes.get("/dashboard/{file}", ctx -> {
      String file = ctx.pathParam("file");
      serveListed(ctx, ASSETS, file, OWN + file);
    });
  }

  private static void serveListed(Context ctx, Map<String, String> listed, String file, String resource) {
    String type = listed.get(file);
    if (type == null) {
      ctx.status(404).contentType("text/plain; charset=utf-8").result("no dashboard file named " + file);
      return;
    }
    serve(ctx, resource, type);
  }

  private static void serve(Context ctx, String resource, String type) {
    InputStream in = DashboardRoutes.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(resource + " is missing from the jar: rebuild vigil-server");
    }
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("Cache-Control", "no-cache")
        .contentType(type)
        .result(in);
  }
}
