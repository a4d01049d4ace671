package io.vigil.server.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.server.api.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Firefox driven over WebDriver BiDi (built into Firefox, spoken here with the JDK's WebSocket
 * client): enough to open a page, evaluate script in it, collect console entries and requests, and take a
 * screenshot. Playwright's Firefox needs Playwright's own browser build, which cannot be downloaded here.
 *
 * <pre>{@code
 * try (FirefoxBidi firefox = FirefoxBidi.start(FIREFOX, profileDir)) {
 *   firefox.navigate("http://127.0.0.1:8080/");
 *   JsonNode value = firefox.evaluate("document.title");
 * }
 * }</pre>
 */
final class FirefoxBidi implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");
  /** Firefox's own background traffic (updates, telemetry, remote settings) is off: the test watches the page's. */
  private static final List<String> PREFERENCES = List.of(
      "app.update.disabledForTesting", "true", "app.normandy.enabled", "false", "toolkit.telemetry.enabled", "false",
      "datareporting.policy.dataSubmissionEnabled", "false", "browser.safebrowsing.malware.enabled", "false",
      "browser.safebrowsing.phishing.enabled", "false", "network.captive-portal-service.enabled", "false",
      "network.connectivity-service.enabled", "false", "services.settings.server", "\"http://127.0.0.1:9/\"",
      "browser.shell.checkDefaultBrowser", "false", "browser.startup.homepage_override.mstone", "\"ignore\"");

  final List<String> consoleErrors = new CopyOnWriteArrayList<>();
  final List<String> requests = new CopyOnWriteArrayList<>();

  private final Process process;
  private final WebSocket socket;
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private String context;

  private FirefoxBidi(Process process, WebSocket socket) {
    this.process = process;
    this.socket = socket;
  }

  static FirefoxBidi start(Path firefox, Path profile) throws Exception {
    StringBuilder prefs = new StringBuilder();
    for (int i = 0; i < PREFERENCES.size(); i += 2) {
      prefs.append("user_pref(\"").append(PREFERENCES.get(i)).append("\", ").append(PREFERENCES.get(i + 1))
          .append(");\n");
    }
    Files.writeString(profile.resolve("user.js"), prefs);
    Process process = new ProcessBuilder(firefox.toString(), "--headless", "--no-remote", "--profile",
        profile.toString(), "--remote-debugging-port", "0").redirectErrorStream(true).start();
    CompletableFuture<String> url = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            url.complete(m.group(1));
          }
        }
      } catch (IOException e) {
        url.completeExceptionally(e);
      }
      url.completeExceptionally(new IllegalStateException("firefox exited before listening"));
    }, "firefox-output");
    reader.setDaemon(true);
    reader.start();
    try {
      String ws = url.get(60, TimeUnit.SECONDS);
      FirefoxBidi[] self = new FirefoxBidi[1];
      WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .buildAsync(URI.create(ws + "/session"), new Frames(m -> self[0].receive(m))).get(30, TimeUnit.SECONDS);
      self[0] = new FirefoxBidi(process, socket);
      self[0].open();
      return self[0];
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  private void open() throws Exception {
    ObjectNode session = Json.MAPPER.createObjectNode();
    session.putObject("capabilities");
    send("session.new", session);
    ObjectNode subscribe = Json.MAPPER.createObjectNode();
    subscribe.putArray("events").add("log.entryAdded").add("network.beforeRequestSent");
    send("session.subscribe", subscribe);
    context = send("browsingContext.getTree", Json.MAPPER.createObjectNode()).path("contexts").get(0)
        .path("context").asText();
  }

  void viewport(int width, int height) throws Exception {
    ObjectNode p = Json.MAPPER.createObjectNode().put("context", context);
    p.putObject("viewport").put("width", width).put("height", height);
    send("browsingContext.setViewport", p);
  }

  void navigate(String url) throws Exception {
    send("browsingContext.navigate", Json.MAPPER.createObjectNode().put("context", context).put("url", url)
        .put("wait", "complete"));
  }

  /** The value of a script expression that evaluates to a string, number or boolean. */
  JsonNode evaluate(String expression) throws Exception {
    ObjectNode p = Json.MAPPER.createObjectNode().put("expression", expression).put("awaitPromise", false);
    p.putObject("target").put("context", context);
    JsonNode result = send("script.evaluate", p);
    if (!result.path("type").asText().equals("success")) {
      throw new IllegalStateException("script failed: " + result);
    }
    return result.path("result").path("value");
  }

  byte[] screenshot() throws Exception {
    JsonNode shot = send("browsingContext.captureScreenshot", Json.MAPPER.createObjectNode().put("context", context)
        .put("origin", "document"));
    return java.util.Base64.getDecoder().decode(shot.path("data").asText());
  }

  private JsonNode send(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode command = Json.MAPPER.createObjectNode().put("id", id).put("method", method);
    command.set("params", params);
    socket.sendText(Json.MAPPER.writeValueAsString(command), true).get(30, TimeUnit.SECONDS);
    JsonNode message = answer.get(60, TimeUnit.SECONDS);
    if (message.path("type").asText().equals("error")) {
      throw new IllegalStateException(method + ": " + message);
    }
    return message.path("result");
  }

  private void receive(String text) {
    try {
      JsonNode m = Json.MAPPER.readTree(text);
      if (m.has("id") && pending.containsKey(m.get("id").asInt())) {
        pending.remove(m.get("id").asInt()).complete(m);
      } else if (m.path("method").asText().equals("log.entryAdded")
          && m.path("params").path("level").asText().equals("error")) {
        consoleErrors.add(m.path("params").path("text").asText());
      } else if (m.path("method").asText().equals("network.beforeRequestSent")) {
        requests.add(m.path("params").path("request").path("url").asText());
      }
    } catch (IOException e) {
      consoleErrors.add("unreadable BiDi message: " + e.getMessage());
    }
  }

  @Override
  public void close() throws Exception {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Firefox is stopped below either way.
    }
    process.destroy();
    if (!process.waitFor(Duration.ofSeconds(10).toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /** Joins a message's frames (the JDK hands long messages over in parts) and passes each whole one on. */
  private static final class Frames implements WebSocket.Listener {
    private final Consumer<String> whole;
    private final StringBuilder parts = new StringBuilder();

    Frames(Consumer<String> whole) {
      this.whole = whole;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      parts.append(data);
      if (last) {
        whole.accept(parts.toString());
        parts.setLength(0);
      }
      socket.request(1);
      return null;
    }
  }
}
