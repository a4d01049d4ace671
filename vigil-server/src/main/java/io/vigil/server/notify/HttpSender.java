package io.vigil.server.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs JSON for the HTTP notifiers and turns anything but a 2xx answer into an exception that says what the
 * receiver answered (the dispatcher logs it and retries). One client per notifier, made on first use, so reading
 * the configuration starts no threads.
 */
final class HttpSender {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY_IN_MESSAGE = 200;

  private final Duration timeout;
  private volatile HttpClient client;

  HttpSender(Duration timeout) {
    this.timeout = timeout;
  }

  /** Sends {@code body} as JSON; returns the answer's body. */
  String post(URI url, Object body, Map<String, String> headers) throws IOException, InterruptedException {
    String json;
    try {
      json = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a notification as JSON", e);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
        .header("Content-Type", "application/json").header("User-Agent", "vigil")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    headers.forEach(request::header);
    HttpResponse<String> answer = client().send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() / 100 != 2) {
      String text = answer.body() == null ? "" : answer.body();
      throw new IOException(url + " answered " + answer.statusCode() + ": "
          + (text.length() > MAX_BODY_IN_MESSAGE ? text.substring(0, MAX_BODY_IN_MESSAGE) + "..." : text));
    }
    return answer.body();
  }

  private HttpClient client() {
    HttpClient c = client;
    if (c == null) {
      synchronized (this) {
        if (client == null) {
          client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        c = client;
      }
    }
    return c;
  }
}
