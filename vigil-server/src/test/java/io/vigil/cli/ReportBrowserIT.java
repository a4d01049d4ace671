package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a {@code vigil report} HTML file in Debian's headless Chromium through Playwright (browser download
 * skipped) and checks what a person would see: the drifted feature in the drift table, every plot drawn, a hostile
 * feature name shown as text, no console errors. Saves a screenshot under the build folder.
 *
 * <p>Without {@code /usr/bin/chromium} the test is skipped, except under {@code CI=true}, where a missing browser
 * is a broken CI machine and fails the build ({@code .ci/run} installs chromium).
 */
class ReportBrowserIT {

  static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  static final String XSS = "<img src=x onerror=alert(1)>";

  @TempDir
  Path dir;

  @BeforeAll
  static void needsChromium() {
    if (Files.isExecutable(CHROMIUM)) {
      return;
    }
    String message = CHROMIUM + " is not installed (Debian: apt-get install chromium); the browser test of the HTML"
        + " report cannot run";
    if ("true".equals(System.getenv("CI"))) {
      fail(message + ", and CI=true requires it");
    }
    Assumptions.assumeTrue(false, message + ": skipped");
  }

  @Test
  void reportOpenedFromAFileShowsDriftPlotsAndEscapedNamesWithoutConsoleErrors() throws Exception {
    Path ref = dir.resolve("ref.csv");
    Path cur = dir.resolve("cur.csv");
    Random random = new Random(17);
    Files.writeString(ref, sample(random, 600, 0));
    Files.writeString(cur, sample(random, 400, 1.5));
    Path html = dir.resolve("report.html");
    CommandRun run = CommandRun.of("report", "--reference", ref.toString(), "--current", cur.toString(),
        "--output", html.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(html)).doesNotContain("http://").doesNotContain("https://");

    List<String> errors = new ArrayList<>();
    List<String> dialogs = new ArrayList<>();
    try (Playwright pw = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
      Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions()
          .setExecutablePath(CHROMIUM).setHeadless(true)
          .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
      Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 900));
      page.onConsoleMessage(m -> {
        if (m.type().equals("error")) {
          errors.add(m.text());
        }
      });
      page.onPageError(errors::add);
      page.onDialog(d -> {
        dialogs.add(d.message());
        d.dismiss();
      });
      page.navigate(html.toUri().toString());

      assertThat(page.title()).startsWith("Vigil model report");
      List<String> drifted = page.locator("tr.drift td.name").allTextContents();
      assertThat(drifted).contains("amount");
      Locator svgs = page.locator("svg");
      assertThat(svgs.count()).isGreaterThanOrEqualTo(4);
      for (int i = 0; i < svgs.count(); i++) {
        Locator svg = svgs.nth(i);
        assertThat(svg.locator("path, rect, circle").count()).as("svg %d has shapes", i).isPositive();
        var box = svg.boundingBox();
        assertThat(box.width * box.height).as("svg %d is drawn", i).isGreaterThan(100);
      }
      assertThat(page.locator("td.name", new Page.LocatorOptions().setHasText(XSS)).count()).isPositive();
      assertThat(page.locator("img").count()).isZero();
      assertThat(page.locator("#performance table.matrix").count()).isEqualTo(2);
      page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(buildDir().resolve("report-browser.png")));
    }
    assertThat(errors).as("console errors").isEmpty();
    assertThat(dialogs).as("dialogs (a script ran)").isEmpty();
    assertThat(buildDir().resolve("report-browser.png")).isNotEmptyFile();
  }

  /** The module's build folder (target, or what -Dvigil.target names): the parent of test-classes. */
  private static Path buildDir() throws URISyntaxException {
    return Paths.get(ReportBrowserIT.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
  }

  private static String sample(Random random, int n, double shift) {
    StringBuilder s = new StringBuilder("amount," + XSS + ",device,label,prediction,score\n");
    String[] devices = {"web", "ios", "android"};
    for (int i = 0; i < n; i++) {
      double amount = 100 + 20 * (random.nextGaussian() + shift);
      double p = 1 / (1 + Math.exp(-(amount - 110) / 15));
      int label = random.nextDouble() < p ? 1 : 0;
      s.append(String.format(Locale.ROOT, "%.2f,%d,%s,%d,%d,%.4f%n", amount, random.nextInt(5),
          devices[random.nextInt(3)], label, p >= 0.5 ? 1 : 0, p));
    }
    return s.toString();
  }

}
