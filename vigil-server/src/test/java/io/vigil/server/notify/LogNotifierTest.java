package io.vigil.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The log notifier writes through logback to the {@code io.vigil.alerts} logger. */
class LogNotifierTest extends NotifierContract {

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger("io.vigil.alerts");

  @BeforeEach
  void attach() {
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void detach() {
    logger.detachAppender(appender);
  }

  @Override
  protected Notifier notifier() {
    return new LogNotifier("console");
  }

  @Override
  protected List<String> received() {
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Override
  protected Notifier unreachable() {
    return null;
  }

  @Test
  void firingIsAWarningResolutionInfo() throws Exception {
    notifier().send(Notifications.firing());
    notifier().send(Notifications.resolved());
    assertThat(appender.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO);
    assertThat(appender.list.get(0).getFormattedMessage())
        .isEqualTo("alert FIRING [critical] high-errors fraud/v1: fraud/v1 fails 0.125 of requests");
  }
}
