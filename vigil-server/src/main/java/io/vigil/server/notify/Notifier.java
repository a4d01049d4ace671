package io.vigil.server.notify;

/**
 * A destination for alert notifications. {@link #send} blocks until the receiver accepted the notification and
 * throws when it did not; the {@link NotificationDispatcher} calls it on a thread of its own, retries with backoff
 * and counts failures, so a slow or broken receiver never holds up evaluation or ingest.
 *
 * <pre>{@code
 * Notifier n = new WebhookNotifier("oncall", NotifierOptions.DEFAULT, URI.create("http://127.0.0.1:9999/hook"), Map.of());
 * n.send(notification);
 * }</pre>
 */
public interface Notifier {

  /** The name the notifier has under {@code notifiers:} in {@code vigil.yaml}. */
  String name();

  /** {@code log}, {@code webhook}, {@code slack}, {@code pagerduty}, {@code email} or {@code alertmanager}. */
  String type();

  /** Retries, backoff and timeout. */
  NotifierOptions options();

  /** Delivers {@code notification}; returns normally only when the receiver took it. */
  void send(Notification notification) throws Exception;

  /**
   * Whether firing alerts should be sent again at every evaluation rather than once per repeat interval. True for
   * Alertmanager, which resolves an alert by itself when it stops hearing of it and deduplicates on its own (the
   * way Prometheus feeds it).
   */
  default boolean resendsEveryEvaluation() {
    return false;
  }
}
