package io.vigil.server.notify;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Email over SMTP (Angus Mail): one plain-text message per notification, the subject naming status, rule, model
 * and severity, the body one paragraph per alert.
 *
 * <pre>{@code
 * notifiers:
 *   mail: {type: email, smtp_host: smtp.example.com, smtp_port: 587, starttls: true, username: vigil,
 *          password: "...", from: "vigil@example.com", to: ["ml-oncall@example.com"]}
 * }</pre>
 */
public final class EmailNotifier implements Notifier {

  /** Where and how to connect, and who writes to whom. */
  public record Smtp(String host, int port, boolean starttls, String username, String password, String from,
      List<String> to) {
    public Smtp {
      to = List.copyOf(to);
    }
  }

  private final String name;
  private final NotifierOptions options;
  private final Smtp smtp;

  public EmailNotifier(String name, NotifierOptions options, Smtp smtp) {
    this.name = name;
    this.options = options;
    this.smtp = smtp;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return "email";
  }

  @Override
  public NotifierOptions options() {
    return options;
  }

  @Override
  public void send(Notification n) throws Exception {
    Properties p = new Properties();
    p.put("mail.smtp.host", smtp.host());
    p.put("mail.smtp.port", String.valueOf(smtp.port()));
    String millis = String.valueOf(options.timeout().toMillis());
    p.put("mail.smtp.connectiontimeout", millis);
    p.put("mail.smtp.timeout", millis);
    p.put("mail.smtp.writetimeout", millis);
    if (smtp.starttls()) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    boolean auth = smtp.username() != null;
    p.put("mail.smtp.auth", String.valueOf(auth));
    Session session = Session.getInstance(p);
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress(smtp.from()));
    for (String to : smtp.to()) {
      m.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
    }
    m.setSubject("[" + n.status().toUpperCase(Locale.ROOT) + "] " + n.rule() + " on " + n.model() + " ("
        + n.severity() + ")", "UTF-8");
    m.setSentDate(new Date());
    m.setText(body(n), "UTF-8");
    if (auth) {
      Transport.send(m, smtp.username(), smtp.password());
    } else {
      Transport.send(m);
    }
  }

  static String body(Notification n) {
    StringBuilder b = new StringBuilder();
    for (Notification.Alert a : n.alerts()) {
      b.append(a.summary()).append("\n\n")
          .append("  rule:      ").append(a.rule()).append(" (").append(a.condition()).append(")\n")
          .append("  model:     ").append(a.model()).append(" version ").append(a.version()).append('\n')
          .append("  value:     ").append(a.value()).append(" (threshold ").append(a.threshold()).append(")\n")
          .append("  status:    ").append(n.status()).append(", severity ").append(a.severity()).append('\n')
          .append("  starts at: ").append(a.startsAt()).append('\n');
      if (a.endsAt() != null) {
        b.append("  ends at:   ").append(a.endsAt()).append('\n');
      }
      b.append("  alert id:  ").append(a.id()).append("\n\n");
    }
    return b.append("-- Vigil\n").toString();
  }
}
