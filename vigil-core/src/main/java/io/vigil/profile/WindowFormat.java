package io.vigil.profile;

import io.vigil.performance.ClassificationProfile;
import io.vigil.performance.EstimationProfile;
import io.vigil.performance.PerformanceCodec;
import io.vigil.performance.RegressionProfile;
import io.vigil.schema.FeatureType;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The window family's body (see {@link ProfileCodec}): counts, nested usage profiles, then the features. */
final class WindowFormat {

  private WindowFormat() {
  }

  static void write(ByteWriter out, WindowProfile p) {
    out.writeLong(p.count());
    out.writeLong(p.errors());
    out.writeLong(p.anomalies());
    nested(out, ProfileCodec.encode(p.errorTypes()));
    nested(out, ProfileCodec.encode(p.latencyMs()));
    nested(out, ProfileCodec.encode(p.confidence()));
    nested(out, ProfileCodec.encode(p.classes()));
    nested(out, ProfileCodec.encode(p.consumers()));
    nested(out, ProfileCodec.encode(p.predictions()));
    writeReview(out, p.review());
    int parts = (p.realized() != null ? 1 : 0) | (p.regression() != null ? 2 : 0) | (p.estimated() != null ? 4 : 0);
    out.writeByte(parts);
    if (p.realized() != null) {
      nested(out, PerformanceCodec.encode(p.realized()));
    }
    if (p.regression() != null) {
      nested(out, PerformanceCodec.encode(p.regression()));
    }
    if (p.estimated() != null) {
      nested(out, PerformanceCodec.encode(p.estimated()));
    }
    Map<String, double[]> outcomes = p.outcomes();
    out.writeInt(outcomes.size());
    outcomes.forEach((name, sums) -> {
      nested(out, utf8(name));
      out.writeLong((long) sums[0]);
      out.writeDouble(sums[1]);
    });
    Map<String, FeatureType> types = p.featureTypes();
    out.writeInt(types.size());
    types.forEach((name, type) -> {
      nested(out, name.getBytes(StandardCharsets.UTF_8));
      nested(out, type.id().getBytes(StandardCharsets.UTF_8));
      nested(out, type == FeatureType.NUMERIC ? ProfileCodec.encode(p.numeric(name))
          : ProfileCodec.encode(p.categorical(name)));
    });
  }

  static WindowProfile read(ByteReader in) {
    return read(in, true);
  }

  /**
   * {@code whole} false reads only the counts, the performance parts and the outcomes, stepping over the usage
   * sections and the features (their lengths and names still checked): a performance view, far cheaper to decode.
   */
  static WindowProfile read(ByteReader in, boolean whole) {
    int countAt = in.position();
    long count = in.readCount("count");
    long errors = in.readCount("errors");
    long anomalies = in.readCount("anomalies");
    if (errors > count || anomalies > count) {
      throw new ProfileFormatException(countAt, "errors " + errors + " and anomalies " + anomalies
          + " must not exceed the count " + count);
    }
    if (!whole) {
      for (String usage : List.of("error types", "latency", "confidence", "classes", "consumers", "predictions")) {
        skipNested(in, usage);
      }
      skipReview(in);
      return performanceView(in, count, errors, anomalies);
    }
    CategoricalProfile errorTypes = ProfileCodec.decodeCategorical(nested(in, "error types"));
    NumericProfile latency = ProfileCodec.decodeNumeric(nested(in, "latency"));
    NumericProfile confidence = ProfileCodec.decodeNumeric(nested(in, "confidence"));
    CategoricalProfile classes = ProfileCodec.decodeCategorical(nested(in, "classes"));
    CategoricalProfile consumers = ProfileCodec.decodeCategorical(nested(in, "consumers"));
    NumericProfile predictions = ProfileCodec.decodeNumeric(nested(in, "predictions"));
    ReviewSample review = readReview(in);
    Performance perf = readPerformance(in);
    int features = in.readLength("feature count", 12);
    Map<String, FeatureType> types = new LinkedHashMap<>();
    Map<String, NumericProfile> numeric = new LinkedHashMap<>();
    Map<String, CategoricalProfile> categorical = new LinkedHashMap<>();
    for (int i = 0; i < features; i++) {
      int at = in.position();
      String name = new String(nested(in, "feature name"), StandardCharsets.UTF_8);
      String typeId = new String(nested(in, "feature type"), StandardCharsets.UTF_8);
      FeatureType type;
      try {
        type = FeatureType.fromId(typeId);
      } catch (IllegalArgumentException e) {
        throw new ProfileFormatException(at, "feature '" + name + "' has unknown type '" + typeId + "'");
      }
      if (types.put(name, type) != null) {
        throw new ProfileFormatException(at, "feature '" + name + "' appears twice");
      }
      byte[] body = nested(in, "profile of feature " + name);
      if (type == FeatureType.NUMERIC) {
        numeric.put(name, ProfileCodec.decodeNumeric(body));
      } else {
        categorical.put(name, ProfileCodec.decodeCategorical(body));
      }
    }
    return new WindowProfile(count, errors, anomalies, errorTypes, latency, confidence, classes, consumers,
        predictions, review, perf.realized, perf.regression, perf.estimated, perf.outcomes, types, numeric,
        categorical);
  }

  /** The performance parts and outcomes of a window. */
  private record Performance(ClassificationProfile realized, RegressionProfile regression, EstimationProfile estimated,
      Map<String, double[]> outcomes) {}

  private static Performance readPerformance(ByteReader in) {
    int partsAt = in.position();
    int parts = in.readByte("performance parts");
    if ((parts & ~7) != 0) {
      throw new ProfileFormatException(partsAt, "performance parts " + parts + " name bits other than 1, 2 and 4");
    }
    ClassificationProfile realized = (parts & 1) == 0 ? null
        : PerformanceCodec.decodeClassification(nested(in, "realized classification"));
    RegressionProfile regression = (parts & 2) == 0 ? null
        : PerformanceCodec.decodeRegression(nested(in, "realized regression"));
    EstimationProfile estimated = (parts & 4) == 0 ? null
        : PerformanceCodec.decodeEstimation(nested(in, "estimation"));
    int outcomeCount = in.readLength("outcome names", 21);
    Map<String, double[]> outcomes = new java.util.TreeMap<>();
    for (int i = 0; i < outcomeCount; i++) {
      int at = in.position();
      String name = text(nested(in, "outcome name"));
      long n = in.readCount("outcome count");
      double sum = in.readDouble("outcome sum");
      if (!Double.isFinite(sum) || outcomes.put(name, new double[] {n, sum}) != null) {
        throw new ProfileFormatException(at, "outcome '" + name + "' appears twice or has a sum that is not finite");
      }
    }
    return new Performance(realized, regression, estimated, outcomes);
  }

  private static WindowProfile performanceView(ByteReader in, long count, long errors, long anomalies) {
    Performance perf = readPerformance(in);
    int features = in.readLength("feature count", 12);
    for (int i = 0; i < features; i++) {
      skipNested(in, "feature name");
      skipNested(in, "feature type");
      skipNested(in, "feature profile");
    }
    return WindowProfile.performanceView(count, errors, anomalies, perf.realized, perf.regression, perf.estimated,
        perf.outcomes);
  }

  private static final byte NULL = 0;
  private static final byte NUMBER = 1;
  private static final byte TEXT = 2;
  private static final byte BOOLEAN = 3;

  private static void writeReview(ByteWriter out, ReviewSample review) {
    out.writeInt(review.capacity());
    List<ReviewSample.Case> cases = review.cases();
    out.writeInt(cases.size());
    for (ReviewSample.Case c : cases) {
      nested(out, utf8(c.id()));
      out.writeLong(c.timestampMillis());
      out.writeDouble(c.confidence());
      writeValue(out, c.prediction());
      out.writeInt(c.features().size());
      c.features().forEach((name, value) -> {
        nested(out, utf8(name));
        writeValue(out, value);
      });
    }
  }

  private static void writeValue(ByteWriter out, Object value) {
    if (value == null) {
      out.writeByte(NULL);
    } else if (value instanceof Double d) {
      out.writeByte(NUMBER);
      out.writeDouble(d);
    } else if (value instanceof Boolean b) {
      out.writeByte(BOOLEAN);
      out.writeByte(b ? 1 : 0);
    } else {
      out.writeByte(TEXT);
      nested(out, utf8(String.valueOf(value)));
    }
  }

  /** The review sample's capacity and case count, checked. */
  private static int[] reviewHeader(ByteReader in) {
    int at = in.position();
    int capacity = in.readInt("review capacity");
    if (capacity < 1 || capacity > 10_000) {
      throw new ProfileFormatException(at, "review capacity " + capacity + " is not in [1, 10000]");
    }
    int n = in.readLength("review cases", 25);
    if (n > capacity) {
      throw new ProfileFormatException(at, n + " review cases exceed the capacity " + capacity);
    }
    return new int[] {capacity, n};
  }

  private static ReviewSample readReview(ByteReader in) {
    int[] header = reviewHeader(in);
    int capacity = header[0];
    int n = header[1];
    ReviewSample review = new ReviewSample(capacity);
    ReviewSample.Case previous = null;
    for (int i = 0; i < n; i++) {
      int caseAt = in.position();
      String id = text(nested(in, "review case id"));
      long ts = in.readLong("review case time");
      double confidence = in.readDouble("review case confidence");
      if (!Double.isFinite(confidence)) {
        throw new ProfileFormatException(caseAt, "review case confidence " + confidence + " is not finite");
      }
      Object prediction = readValue(in);
      int features = in.readLength("review case features", 5);
      Map<String, Object> values = new LinkedHashMap<>();
      for (int f = 0; f < features; f++) {
        values.put(text(nested(in, "review feature name")), readValue(in));
      }
      ReviewSample.Case c = new ReviewSample.Case(id, ts, confidence, prediction == null ? null : String.valueOf(prediction),
          values);
      if (previous != null && ReviewSample.ORDER.compare(previous, c) >= 0) {
        throw new ProfileFormatException(caseAt, "review cases are not in ascending confidence order");
      }
      previous = c;
      review.offer(c);
    }
    return review;
  }

  /**
   * Steps over the review sample as {@link #readReview} reads it, checking its counts and lengths but building no
   * case: a day's sample is thousands of small maps, a tenth of a cache-cold performance query.
   */
  private static void skipReview(ByteReader in) {
    int n = reviewHeader(in)[1];
    for (int i = 0; i < n; i++) {
      skipNested(in, "review case id");
      in.skip(16, "review case time and confidence");
      skipValue(in);
      int features = in.readLength("review case features", 5);
      for (int f = 0; f < features; f++) {
        skipNested(in, "review feature name");
        skipValue(in);
      }
    }
  }

  private static void skipValue(ByteReader in) {
    int at = in.position();
    byte tag = in.readByte("value tag");
    switch (tag) {
      case NULL -> { }
      case NUMBER -> in.skip(8, "number");
      case BOOLEAN -> in.skip(1, "boolean");
      case TEXT -> skipNested(in, "text");
      default -> throw new ProfileFormatException(at, "value tag " + tag + " is not 0 (null), 1, 2 or 3");
    }
  }

  private static Object readValue(ByteReader in) {
    int at = in.position();
    byte tag = in.readByte("value tag");
    return switch (tag) {
      case NULL -> null;
      case NUMBER -> in.readDouble("number");
      case BOOLEAN -> in.readByte("boolean") != 0;
      case TEXT -> text(nested(in, "text"));
      default -> throw new ProfileFormatException(at, "value tag " + tag + " is not 0 (null), 1, 2 or 3");
    };
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void nested(ByteWriter out, byte[] bytes) {
    out.writeInt(bytes.length);
    out.writeBytes(bytes);
  }

  private static void skipNested(ByteReader in, String field) {
    int length = in.readLength(field + " length", 1);
    in.skip(length, field);
  }

  private static byte[] nested(ByteReader in, String field) {
    int length = in.readLength(field + " length", 1);
    return in.readBytes(length, field);
  }
}
