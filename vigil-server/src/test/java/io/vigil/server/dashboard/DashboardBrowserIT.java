package io.vigil.server.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import io.vigil.server.VigilServer;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard at {@code /} of a real server fed with an hour of traffic ({@link DashboardTraffic}), opened in
 * Debian's headless Chromium through Playwright (browser download skipped): the models are listed, the charts are
 * drawn, the drifted feature is marked, a hostile feature name is shown as text, the model without a reference
 * says so, nothing leaves 127.0.0.1 and the console stays clean. Screenshots go to the build folder.
 *
 * <p>Without {@code /usr/bin/chromium} the browser tests are skipped, except under {@code CI=true}, where a missing
 * browser is a broken CI machine and fails the build ({@code .ci/run} installs chromium).
 */
class DashboardBrowserIT {

  static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  /**
   * Endpoints that may answer 404 on purpose: the performance, review and alert routes (absent from a server
   * without them, the dashboard then says so) and the drift of the models without a reference. Chromium logs every
   * 4xx fetch as a console error ("Failed to load resource"); those, and only those, are expected.
   */
  private static final Pattern EXPECTED_404 = Pattern.compile(
      "/api/v1/(models/[^/]+/(performance|review)|alerts|models/(" + DashboardTraffic.WITHOUT_REFERENCE + "|"
      + DashboardTraffic.WITHOUT_TRAFFIC + ")/drift)\\b");

  @TempDir
  static Path dataDir;

  private static VigilServer server;
  private static String base;
  private static Playwright playwright;
  private static Browser browser;

  private Page page;
  private final List<String> consoleErrors = new CopyOnWriteArrayList<>();
  private final List<String> dialogs = new CopyOnWriteArrayList<>();
  private final List<String> outside = new CopyOnWriteArrayList<>();
  private final List<String> failedResponses = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void serverWithTraffic() throws Exception {
    server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 16 << 20, dataDir));
    base = "http://127.0.0.1:" + server.port();
    DashboardTraffic.feed(base, Instant.now());
  }

  @AfterAll
  static void stopAll() {
    if (browser != null) {
      browser.close();
      playwright.close();
    }
    server.stop();
  }

  @BeforeEach
  void openBrowser() {
    needsChromium();
    if (browser == null) {
      playwright = Playwright.create(new Playwright.CreateOptions()
          .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
      browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
          .setExecutablePath(CHROMIUM).setHeadless(true)
          .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
    }
    page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1366, 768));
    page.onConsoleMessage(this::console);
    page.onPageError(e -> consoleErrors.add("page error: " + e));
    page.onDialog(d -> {
      dialogs.add(d.message());
      d.dismiss();
    });
    page.onRequest(r -> {
      if (!r.url().startsWith(base + "/") && !r.url().startsWith("data:")) {
        outside.add(r.url());
      }
    });
    page.onResponse(r -> {
      if (r.status() >= 500 || (r.status() >= 400 && !EXPECTED_404.matcher(r.url()).find())) {
        failedResponses.add(r.status() + " " + r.url());
      }
    });
  }

  @AfterEach
  void checkQuietness() {
    if (page == null) {
      return;
    }
    page.close();
    assertThat(consoleErrors).as("console errors").isEmpty();
    assertThat(dialogs).as("dialogs (a script from data ran)").isEmpty();
    assertThat(outside).as("requests that left the server").isEmpty();
    assertThat(failedResponses).as("unexpected error answers").isEmpty();
  }

  private void console(ConsoleMessage m) {
    if (!m.type().equals("error") && !m.type().equals("warning")) {
      return;
    }
    boolean expected = m.text().startsWith("Failed to load resource: the server responded with a status of 404")
        && EXPECTED_404.matcher(m.location()).find();
    if (!expected) {
      consoleErrors.add(m.type() + ": " + m.text() + " at " + m.location());
    }
  }

  static void needsChromium() {
    if (Files.isExecutable(CHROMIUM)) {
      return;
    }
    String message = CHROMIUM + " is not installed (Debian: apt-get install chromium); the dashboard's browser test"
        + " cannot run";
    if ("true".equals(System.getenv("CI"))) {
      fail(message + ", and CI=true requires it");
    }
    Assumptions.assumeTrue(false, message + ": skipped");
  }

  @Test
  void overviewListsEveryModelAndSortsByAClickedColumn() throws Exception {
    page.navigate(base + "/");
    Locator rows = page.locator("#models tbody tr");
    assertThat(rows).hasCount(3);
    // Health first, worst first: loans has a drifted feature and errors, churn has neither, idle has no traffic.
    assertThat(page.locator("#models td.name a")).hasText(new String[] {"loans", "churn", "idle"});
    assertThat(page.locator("#models tr:has(a:text-is('idle')) .health")).hasText("no traffic");
    assertThat(page.locator("#models tr:has(a:text-is('loans')) .health")).hasText("warning");
    assertThat(page.locator("#models tr:has(a:text-is('churn')) .health")).hasText("healthy");
    assertThat(page.locator("#models tr:has(a:text-is('churn')) td").nth(8)).hasText("no reference");

    page.locator("#models th button", new Page.LocatorOptions().setHasText("Model")).click();
    assertThat(page.locator("#models td.name a")).hasText(new String[] {"churn", "idle", "loans"});
    page.locator("#models th button", new Page.LocatorOptions().setHasText("Model")).click();
    assertThat(page.locator("#models td.name a")).hasText(new String[] {"loans", "idle", "churn"});
    assertThat(page.locator("#models th[aria-sort='descending']")).containsText("Model");

    assertNoOverflow();
    assertLabelled();
    page.screenshot(new Page.ScreenshotOptions().setPath(buildDir().resolve("dashboard-overview.png")));
  }

  @Test
  void modelPageDrawsChartsMarksDriftAndShowsHostileNamesAsText() throws Exception {
    page.navigate(base + "/");
    page.locator("#models a", new Page.LocatorOptions().setHasText(DashboardTraffic.WITH_REFERENCE)).click();
    assertThat(page).hasURL(Pattern.compile("#/model/loans$"));
    assertThat(page.locator("#model-name")).hasText("loans");

    Locator drifted = page.locator("#drift-table tr.drifted td.feature");
    assertThat(drifted).hasText(new String[] {DashboardTraffic.DRIFTED});
    assertThat(page.locator("#drift-table td.feature", new Page.LocatorOptions()
        .setHasText(DashboardTraffic.XSS))).hasCount(1);
    assertThat(page.locator("#quality-table td.name", new Page.LocatorOptions()
        .setHasText(DashboardTraffic.XSS))).hasCount(1);
    assertThat(page.locator("main img")).hasCount(0);

    // Requests/s, error rate, latency, confidence and classes: one canvas each (performance adds one once labels
    // or estimates exist). Axes and grid are grey; a drawn series is the only saturated colour on a canvas.
    Locator canvases = page.locator(".chart canvas");
    assertThat(canvases.nth(4)).isVisible();
    for (int i = 0; i < canvases.count(); i++) {
      Number coloured = (Number) canvases.nth(i).evaluate("c => { const d = c.getContext('2d')"
          + ".getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 0; i < d.length; i += 4) {"
          + " const hi = Math.max(d[i], d[i + 1], d[i + 2]), lo = Math.min(d[i], d[i + 1], d[i + 2]);"
          + " if (d[i + 3] > 128 && hi - lo > 80) n++; } return n; }");
      assertThat(coloured.intValue()).as("pixels of the series drawn on chart %d", i).isGreaterThan(200);
    }
    Locator overlays = page.locator("#drift figure.overlay svg");
    assertThat(overlays).hasCount(3);
    for (int i = 0; i < overlays.count(); i++) {
      assertThat(overlays.nth(i).locator("path, rect").count()).as("shapes of overlay %d", i).isGreaterThan(1);
    }

    assertThat(page.locator("#performance")).containsText("No labels received yet");
    assertThat(page.locator(".panel .message.loading")).hasCount(0);
    assertThat(page.locator(".panel .message.error")).hasCount(0);
    assertThat(page.locator("#alerts .message, #alerts table")).hasCount(1);
    assertThat(page.locator("#review .message, #review table")).hasCount(1);

    assertNoOverflow();
    assertLabelled();
    page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(buildDir().resolve("dashboard-model.png")));
  }

  @Test
  void aModelWithoutReferenceSaysSoAndTheRangeAndRefreshReload() throws Exception {
    page.clock().install();
    page.navigate(base + "/#/model/" + DashboardTraffic.WITHOUT_REFERENCE);
    assertThat(page.locator("#drift .message")).containsText("has no reference");
    assertThat(page.locator("#quality")).containsText("no reference");
    assertThat(page.locator(".chart canvas").first()).isVisible();
    assertThat(page.locator("#version")).hasValue("default");

    List<String> statsRequests = new CopyOnWriteArrayList<>();
    page.onRequest(r -> {
      if (r.url().contains("/stats?")) {
        statsRequests.add(r.url());
      }
    });
    page.locator("#range").selectOption("24h");
    assertThat(page.locator("#model-facts")).containsText("last 24 hours");
    assertThat(statsRequests).anyMatch(u -> u.contains("from=-24h") && u.contains("step=15m"));

    int before = statsRequests.size();
    page.clock().runFor(10_500);   // the auto-refresh interval
    assertThat(page.locator("#updated")).containsText("Updated");
    org.awaitility.Awaitility.await().until(() -> statsRequests.size() > before);

    page.locator("#auto-refresh").uncheck();
    int unchecked = statsRequests.size();
    page.clock().runFor(30_000);
    assertThat(page.locator("#updated")).containsText("Updated");
    assertThat(statsRequests).hasSize(unchecked);
  }

  @Test
  void aModelWithoutTrafficSaysSoInsteadOfEmptyCharts() {
    page.navigate(base + "/#/model/" + DashboardTraffic.WITHOUT_TRAFFIC);
    for (String panel : List.of("traffic", "errors", "latency", "confidence", "classes")) {
      assertThat(page.locator("#" + panel + " .message")).hasText("No traffic in this time range.");
    }
    assertThat(page.locator(".chart canvas")).hasCount(0);
    assertThat(page.locator("#drift .message")).containsText("has no reference");
    assertThat(page.locator("#quality .message")).hasText("No traffic in this time range: nothing to check.");
  }

  /**
   * The performance, review and alert panels against answers shaped as their endpoints' contract (SPEC section 4
   * and the issue): those routes are built elsewhere, so until they are in this server the browser is handed the
   * contract's JSON for them; every other request goes to the real server.
   */
  @Test
  void panelsOfEndpointsBuiltElsewhereDrawTheirContractShapes() throws Exception {
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    StringBuilder series = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      series.append(i == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT, "{\"t\": \"%s\", \"labeled\": 10,"
          + " \"realized\": {\"accuracy\": %.2f, \"f1\": %.2f}, \"estimated\": {\"accuracy\": %.2f, \"f1\": %.2f}}",
          now.minusSeconds(300L * (12 - i)), 0.9 - i * 0.02, 0.8 - i * 0.02, 0.88 - i * 0.015, 0.79 - i * 0.015));
    }
    fulfil("/performance", "{\"labeled\": 120, \"label_coverage\": 0.4, \"realized\": {\"accuracy\": 0.8, \"f1\": 0.7,"
        + " \"roc_auc\": 0.9}, \"estimated\": {\"accuracy\": 0.82, \"f1\": 0.72, \"roc_auc\": null}, \"series\": ["
        + series + "]}");
    fulfil("/review", "{\"items\": [{\"id\": \"r-17\", \"timestamp\": \"" + now + "\", \"prediction\": \"reject\","
        + " \"confidence\": 0.51, \"features\": {\"amount\": 120.5, \"" + DashboardTraffic.XSS + "\": 3}}]}");
    String firing = "{\"id\": \"a1\", \"rule\": \"low-accuracy\", \"model\": \"loans\", \"version\": \"v2\","
        + " \"severity\": \"critical\", \"state\": \"firing\", \"value\": 0.71, \"threshold\": 0.8, \"starts_at\": \""
        + now.minusSeconds(600) + "\", \"ends_at\": null, \"summary\": \"accuracy 0.71 < 0.8 " + DashboardTraffic.XSS
        + "\"}";
    String resolved = "{\"id\": \"a0\", \"rule\": \"slow\", \"model\": \"loans\", \"version\": \"v2\","
        + " \"severity\": \"warning\", \"state\": \"resolved\", \"value\": 0.31, \"threshold\": 0.2, \"starts_at\": \""
        + now.minusSeconds(3000) + "\", \"ends_at\": \"" + now.minusSeconds(2400) + "\", \"summary\": \"p99 latency\"}";
    page.route(Pattern.compile("/api/v1/alerts\\?"), route -> route.fulfill(new Route.FulfillOptions().setStatus(200)
        .setContentType("application/json").setBody("{\"alerts\": [" + firing
            + (route.request().url().contains("state=firing") ? "" : ", " + resolved) + "]}")));

    page.navigate(base + "/");
    assertThat(page.locator("#models tr:has(a:text-is('loans')) .health")).hasText("critical");
    assertThat(page.locator("#models tr:has(a:text-is('loans')) td").nth(9)).hasText("0.8 / 0.82");
    assertThat(page.locator("#models tr:has(a:text-is('loans')) td").nth(10)).hasText("1");
    assertThat(page.locator("#models tr:has(a:text-is('churn')) td").nth(10)).hasText("0");

    page.locator("#models a", new Page.LocatorOptions().setHasText("loans")).click();
    assertThat(page.locator("#performance .tile").nth(1)).containsText("40.0 %");
    assertThat(page.locator("#performance figcaption")).hasText("accuracy: realized and estimated");
    assertThat(page.locator("#performance canvas")).isVisible();
    page.locator("#performance-metric").selectOption("f1");
    assertThat(page.locator("#performance figcaption")).hasText("f1: realized and estimated");
    assertThat(page.locator("#review-table tbody tr")).hasCount(1);
    assertThat(page.locator("#review-table td.features")).containsText(DashboardTraffic.XSS + "=3");
    assertThat(page.locator("#alerts-table tbody tr")).hasCount(2);
    assertThat(page.locator("#alerts-table tbody tr").first()).hasClass(Pattern.compile("firing"));
    assertThat(page.locator("#alerts-table tbody tr").first()).containsText(DashboardTraffic.XSS);
    assertThat(page.locator("main img")).hasCount(0);
    assertNoOverflow();
    page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
        .setPath(buildDir().resolve("dashboard-model-all-panels.png")));
  }

  private void fulfil(String endpoint, String json) {
    page.route(Pattern.compile("/api/v1/models/[^/]+" + endpoint + "\\?"), route -> route.fulfill(
        new Route.FulfillOptions().setStatus(200).setContentType("application/json").setBody(json)));
  }

  /** Nothing wider than the 1366-pixel window, no table wider than its panel, no clipped heading or caption. */
  private void assertNoOverflow() {
    Object wide = page.evaluate("() => document.documentElement.scrollWidth");
    assertThat(((Number) wide).intValue()).as("page width").isLessThanOrEqualTo(1366);
    Object clipped = page.evaluate("() => [...document.querySelectorAll('.table-wrap, h1, h2, figcaption, .message,"
        + " td, th')].filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.tagName + ': ' + e.textContent"
        + ".slice(0, 60))");
    assertThat((List<?>) clipped).as("elements whose text overflows").isEmpty();
  }

  /** Every control has an accessible name. */
  private void assertLabelled() {
    Object unlabelled = page.evaluate("() => [...document.querySelectorAll('select, input, button')]"
        + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())"
        + ".map(e => e.outerHTML.slice(0, 80))");
    assertThat((List<?>) unlabelled).as("controls without a label").isEmpty();
  }

  /** The module's build folder (target, or what -Dvigil.target names): the parent of test-classes. */
  private static Path buildDir() throws URISyntaxException {
    return Paths.get(DashboardBrowserIT.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
  }
}
