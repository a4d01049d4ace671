package io.vigil.server.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each alert as one line to the {@code io.vigil.alerts} logger (warning level for firing, info for
 * resolved): the notifier of the demo and of a first setup.
 *
 * <pre>{@code
 * notifiers:
 *   console: {type: log}
 * }</pre>
 */
public final class LogNotifier implements Notifier {

  static final Logger ALERTS = LoggerFactory.getLogger("io.vigil.alerts");

  private final String name;

  public LogNotifier(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return "log";
  }

  @Override
  public NotifierOptions options() {
    return new NotifierOptions(0, NotifierOptions.DEFAULT.retryBackoff(), NotifierOptions.DEFAULT.timeout());
  }

  @Override
  public void send(Notification n) {
    for (Notification.Alert a : n.alerts()) {
      String line = String.format("alert %s [%s] %s %s/%s: %s", n.status().toUpperCase(java.util.Locale.ROOT),
          a.severity(), a.rule(), a.model(), a.version(), a.summary());
      if (n.status().equals("firing")) {
        ALERTS.warn(line);
      } else {
        ALERTS.info(line);
      }
    }
  }
}
