package io.vigil.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The email notifier over SMTP to GreenMail, a real SMTP server started by the test on a free loopback port. */
class EmailNotifierTest extends NotifierContract {

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private EmailNotifier.Smtp smtp(int port, String... to) {
    return new EmailNotifier.Smtp("127.0.0.1", port, false, null, null, "vigil@example.com", List.of(to));
  }

  @Override
  protected Notifier notifier() {
    return new EmailNotifier("mail", FAST, smtp(SMTP.getSmtp().getPort(), "oncall@example.com"));
  }

  @Override
  protected List<String> received() throws Exception {
    List<String> out = new ArrayList<>();
    for (MimeMessage m : SMTP.getReceivedMessages()) {
      out.add(m.getSubject() + "\n" + GreenMailUtil.getBody(m));
    }
    return out;
  }

  @Override
  protected Notifier unreachable() throws Exception {
    return new EmailNotifier("mail", FAST, smtp(closedPort().getPort(), "oncall@example.com"));
  }

  @Test
  void oneMessageToEveryRecipientWithSubjectAndDetails() throws Exception {
    new EmailNotifier("mail", FAST, smtp(SMTP.getSmtp().getPort(), "oncall@example.com", "ml@example.com"))
        .send(Notifications.firingTwoVersions());
    MimeMessage[] got = SMTP.getReceivedMessages();
    assertThat(got).hasSize(2);   // one per recipient
    MimeMessage m = got[0];
    assertThat(m.getSubject()).isEqualTo("[FIRING] high-errors on fraud (critical)");
    assertThat(m.getFrom()[0].toString()).isEqualTo("vigil@example.com");
    assertThat(m.getAllRecipients()).extracting(Object::toString).containsExactly("oncall@example.com", "ml@example.com");
    String body = GreenMailUtil.getBody(m);
    assertThat(body).contains("fraud/v1 fails 0.125 of requests").contains("fraud/v2 fails 0.125 of requests")
        .contains("error_rate > 0.05").contains("2026-11-30T10:00:00Z");
  }
}
