package io.vigil.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.VigilServer;
import io.vigil.server.api.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in Debian's headless Firefox ({@code firefox-esr}, driven over WebDriver BiDi by
 * {@link FirefoxBidi}): the overview lists the models, the model page draws its charts and overlays, marks the
 * drifted feature, shows the hostile feature name as text, fits a 1366-pixel window, asks nothing of any other
 * host, and the console stays clean. Saves a screenshot under the build folder.
 *
 * <p>Without {@code /usr/bin/firefox-esr} the test is skipped, except under {@code CI=true}, where {@code .ci/run}
 * installs it.
 */
class DashboardFirefoxIT {

  static final Path FIREFOX = Paths.get("/usr/bin/firefox-esr");

  @TempDir
  Path dir;

  @Test
  void overviewAndModelPageWorkInFirefox() throws Exception {
    if (!Files.isExecutable(FIREFOX)) {
      String message = FIREFOX + " is not installed (Debian: apt-get install firefox-esr); the Firefox test of the"
          + " dashboard cannot run";
      if ("true".equals(System.getenv("CI"))) {
        fail(message + ", and CI=true requires it");
      }
      Assumptions.assumeTrue(false, message + ": skipped");
    }
    Files.createDirectories(dir.resolve("profile"));
    try (VigilServer server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 16 << 20,
        dir.resolve("data")));
        FirefoxBidi firefox = FirefoxBidi.start(FIREFOX, dir.resolve("profile"))) {
      String base = "http://127.0.0.1:" + server.port();
      DashboardTraffic.feed(base, Instant.now());
      firefox.viewport(1366, 768);

      firefox.navigate(base + "/");
      await(firefox, "document.querySelectorAll('#models tbody tr').length === 3");
      assertThat(firefox.evaluate("[...document.querySelectorAll('#models td.name a')].map(a => a.textContent)"
          + ".join(',')").asText()).isEqualTo("loans,churn,idle");

      firefox.navigate(base + "/#/model/" + DashboardTraffic.WITH_REFERENCE);
      await(firefox, "document.querySelector('#drift-table') !== null"
          + " && document.querySelectorAll('.message.loading').length === 0");
      JsonNode page = Json.MAPPER.readTree(firefox.evaluate("JSON.stringify({"
          + "drifted: [...document.querySelectorAll('#drift-table tr.drifted td.feature')].map(e => e.textContent),"
          + "features: [...document.querySelectorAll('#drift-table td.feature')].map(e => e.textContent),"
          + "images: document.querySelectorAll('main img').length,"
          + "overlays: [...document.querySelectorAll('#drift figure.overlay svg')].map(s =>"
          + " s.querySelectorAll('path, rect').length),"
          + "canvases: [...document.querySelectorAll('.chart canvas')].map(c => { const d = c.getContext('2d')"
          + ".getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 0; i < d.length; i += 4) {"
          + " const hi = Math.max(d[i], d[i + 1], d[i + 2]), lo = Math.min(d[i], d[i + 1], d[i + 2]);"
          + " if (d[i + 3] > 128 && hi - lo > 80) n++; } return n; }),"
          + "errors: document.querySelectorAll('.message.error').length,"
          + "width: document.documentElement.scrollWidth})").asText());
      assertThat(page.path("drifted").get(0).asText()).isEqualTo(DashboardTraffic.DRIFTED);
      assertThat(page.path("drifted")).hasSize(1);
      assertThat(page.path("features").toString()).contains(Json.MAPPER.writeValueAsString(DashboardTraffic.XSS));
      assertThat(page.path("images").asInt()).isZero();
      assertThat(page.path("overlays")).hasSize(3);
      for (JsonNode shapes : page.path("overlays")) {
        assertThat(shapes.asInt()).as("shapes of an overlay").isGreaterThanOrEqualTo(2);
      }
      assertThat(page.path("canvases")).hasSizeGreaterThanOrEqualTo(5);
      for (JsonNode coloured : page.path("canvases")) {
        assertThat(coloured.asInt()).as("pixels of a drawn series").isGreaterThan(200);
      }
      assertThat(page.path("errors").asInt()).isZero();
      assertThat(page.path("width").asInt()).isLessThanOrEqualTo(1366);
      Files.write(BuildFolder.of(DashboardFirefoxIT.class).resolve("dashboard-model-firefox.png"),
          firefox.screenshot());

      assertThat(firefox.consoleErrors).as("console errors").isEmpty();
      assertThat(firefox.requests).as("requests").isNotEmpty()
          .allSatisfy(url -> assertThat(url.startsWith(base + "/") || url.equals("data:,")).as(url).isTrue());
    }
  }

  private static void await(FirefoxBidi firefox, String condition) {
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> firefox.evaluate(condition).asBoolean());
  }

  /** The module's build folder (target, or what -Dvigil.target names): the parent of test-classes. */
  static final class BuildFolder {
    static Path of(Class<?> test) throws Exception {
      return Paths.get(test.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }
  }
}
