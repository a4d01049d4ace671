package io.vigil.server.demo;

import java.util.Locale;
import java.util.Random;

/**
 * One simulated model of the demo: how its inputs are drawn (before and after the injected drift), what it
 * predicts, and how fast it answers.
 *
 * <pre>{@code
 * DemoModel fraud = DemoModel.FRAUD;
 * String json = fraud.event(random, drifted, "v3");
 * }</pre>
 */
enum DemoModel {

  /** A binary classifier: card payments, fraud or ok. Drift: larger amounts, more traffic from one country. */
  FRAUD("fraud", "v3", "{\"task\": \"binary_classification\", \"classes\": [\"ok\", \"fraud\"], \"positive_class\":"
      + " \"fraud\", \"features\": [{\"name\": \"amount\", \"type\": \"numeric\"}, {\"name\": \"country\", \"type\":"
      + " \"categorical\"}, {\"name\": \"account_age_days\", \"type\": \"numeric\"}, {\"name\": \"new_device\","
      + " \"type\": \"boolean\"}]}", "amount,country,account_age_days,new_device") {
    @Override
    Object[] inputs(Random r, boolean drifted) {
      double amount = Math.exp(3.5 + (drifted ? 0.6 : 0) + 0.9 * r.nextGaussian());
      String country = pick(r, drifted ? new double[] {0.2, 0.1, 0.1, 0.6} : new double[] {0.4, 0.3, 0.2, 0.1},
          "DE", "FR", "IT", "BR");
      return new Object[] {round(amount), country, (double) (int) (r.nextDouble() * 2000), r.nextDouble() < 0.15};
    }

    @Override
    String prediction(Object[] x, Random r, double[] score) {
      double z = -4 + 0.012 * (Double) x[0] + ((Boolean) x[3] ? 1.5 : 0) + (x[1].equals("BR") ? 2.2 : 0)
          + 0.5 * r.nextGaussian();
      score[0] = 1 / (1 + Math.exp(-z));
      return score[0] > 0.5 ? "fraud" : "ok";
    }

    @Override
    String scores(double[] score) {
      return String.format(Locale.ROOT, "{\"fraud\": %.4f, \"ok\": %.4f}", score[0], 1 - score[0]);
    }

    @Override
    String truth(Object[] x, String prediction, double[] score, Random r, boolean drifted) {
      // calibrated before the drift; after it fraud got likelier than the model thinks (concept drift)
      double p = drifted ? Math.min(1, score[0] + 0.12) : score[0];
      return "\"" + (r.nextDouble() < p ? "fraud" : "ok") + "\"";
    }
  },

  /** A multiclass classifier: support messages routed to a team. Drift: longer messages, a new channel. */
  INTENT("intent", "v1", "{\"task\": \"multiclass_classification\", \"classes\": [\"billing\", \"tech\", \"sales\"],"
      + " \"features\": [{\"name\": \"text_length\", \"type\": \"numeric\"}, {\"name\": \"channel\", \"type\":"
      + " \"categorical\"}, {\"name\": \"hour\", \"type\": \"numeric\"}]}", "text_length,channel,hour") {
    @Override
    Object[] inputs(Random r, boolean drifted) {
      double length = Math.max(5, 120 + (drifted ? 90 : 0) + 40 * r.nextGaussian());
      String channel = pick(r, drifted ? new double[] {0.3, 0.2, 0.5} : new double[] {0.6, 0.4, 0.0},
          "email", "chat", "voice");
      return new Object[] {(double) (int) length, channel, (double) r.nextInt(24)};
    }

    @Override
    String prediction(Object[] x, Random r, double[] score) {
      double[] logits = {(Double) x[0] / 100, x[1].equals("chat") ? 1.2 : 0.3, 0.5 + r.nextGaussian() * 0.5};
      double sum = 0;
      for (int i = 0; i < 3; i++) {
        score[i] = Math.exp(logits[i]);
        sum += score[i];
      }
      int best = 0;
      for (int i = 0; i < 3; i++) {
        score[i] /= sum;
        best = score[i] > score[best] ? i : best;
      }
      return new String[] {"billing", "tech", "sales"}[best];
    }

    @Override
    String scores(double[] score) {
      return String.format(Locale.ROOT, "{\"billing\": %.4f, \"tech\": %.4f, \"sales\": %.4f}", score[0], score[1],
          score[2]);
    }

    @Override
    String truth(Object[] x, String prediction, double[] score, Random r, boolean drifted) {
      double u = r.nextDouble();
      String[] classes = {"billing", "tech", "sales"};
      for (int i = 0; i < 3; i++) {
        u -= score[i];
        if (u < 0) {
          return "\"" + classes[i] + "\"";
        }
      }
      return "\"sales\"";
    }
  },

  /** A regressor: flat prices. No input drift: the calm model next to the two that change. */
  PRICE("price", "v7", "{\"task\": \"regression\", \"features\": [{\"name\": \"sqm\", \"type\": \"numeric\"},"
      + " {\"name\": \"rooms\", \"type\": \"numeric\"}, {\"name\": \"district\", \"type\": \"categorical\"}]}",
      "sqm,rooms,district") {
    @Override
    Object[] inputs(Random r, boolean drifted) {
      double sqm = Math.max(15, 70 + 25 * r.nextGaussian());
      return new Object[] {round(sqm), (double) Math.max(1, (int) Math.round(sqm / 25)),
          pick(r, new double[] {0.5, 0.3, 0.2}, "north", "centre", "south")};
    }

    @Override
    String prediction(Object[] x, Random r, double[] score) {
      return String.format(Locale.ROOT, "%.0f", 4000 * (Double) x[0] * (x[2].equals("centre") ? 1.4 : 1.0));
    }

    @Override
    String scores(double[] score) {
      return null;
    }

    @Override
    String truth(Object[] x, String prediction, double[] score, Random r, boolean drifted) {
      return String.format(Locale.ROOT, "%.0f", Double.parseDouble(prediction) * (1 + 0.08 * r.nextGaussian()));
    }
  };

  final String name;
  final String version;
  final String definition;
  final String header;

  DemoModel(String name, String version, String definition, String header) {
    this.name = name;
    this.version = version;
    this.definition = definition;
    this.header = header;
  }

  abstract Object[] inputs(Random r, boolean drifted);

  abstract String prediction(Object[] inputs, Random r, double[] score);

  abstract String scores(double[] score);

  /** The ground truth of a prediction, as JSON: what arrives later as a label. */
  abstract String truth(Object[] inputs, String prediction, double[] score, Random r, boolean drifted);

  /** An event and, unless it is an error, the label that will follow it. */
  record Sent(String event, String label) {}

  /** One event as SPEC section 3's JSON, with its label (SPEC section 3) for later. */
  Sent event(Random r, boolean drifted, String id) {
    Object[] x = inputs(r, drifted);
    String[] names = header.split(",");
    StringBuilder f = new StringBuilder("{");
    for (int i = 0; i < names.length; i++) {
      f.append(i == 0 ? "" : ", ").append('"').append(names[i]).append("\": ").append(json(x[i]));
    }
    f.append('}');
    double latency = Math.exp(2.5 + 0.5 * r.nextGaussian()) * (this == FRAUD && drifted ? 1.6 : 1.0);
    if (r.nextDouble() < 0.02) {
      return new Sent(String.format(Locale.ROOT, "{\"id\": \"%s\", \"model\": \"%s\", \"version\": \"%s\","
          + " \"features\": %s, \"status\": \"error\", \"error\": \"%s\", \"latency_ms\": %.1f}", id, name, version, f,
          r.nextBoolean() ? "timeout" : "bad_input", latency * 10), null);
    }
    double[] score = new double[3];
    String prediction = prediction(x, r, score);
    String scores = scores(score);
    String event = String.format(Locale.ROOT, "{\"id\": \"%s\", \"model\": \"%s\", \"version\": \"%s\", \"features\":"
        + " %s, \"prediction\": %s,%s \"latency_ms\": %.1f, \"consumer\": \"%s\"}", id, name, version, f,
        this == PRICE ? prediction : "\"" + prediction + "\"", scores == null ? "" : " \"scores\": " + scores + ",",
        latency, r.nextInt(4) == 0 ? "batch-job" : "web");
    String label = String.format(Locale.ROOT, "{\"id\": \"%s\", \"model\": \"%s\", \"label\": %s}", id, name,
        truth(x, prediction, score, r, drifted));
    return new Sent(event, label);
  }

  /** A CSV line of inputs, for the reference. */
  String csvRow(Random r) {
    Object[] x = inputs(r, false);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < x.length; i++) {
      b.append(i == 0 ? "" : ",").append(x[i]);
    }
    return b.toString();
  }

  private static String json(Object v) {
    return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
  }

  private static double round(double x) {
    return Math.round(x * 100) / 100.0;
  }

  private static String pick(Random r, double[] weights, String... values) {
    double u = r.nextDouble();
    for (int i = 0; i < values.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }
}
