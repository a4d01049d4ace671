package io.vigil.profile;

import io.vigil.schema.FeatureType;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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
    int countAt = in.position();
    long count = in.readCount("count");
    long errors = in.readCount("errors");
    long anomalies = in.readCount("anomalies");
    if (errors > count || anomalies > count) {
      throw new ProfileFormatException(countAt, "errors " + errors + " and anomalies " + anomalies
          + " must not exceed the count " + count);
    }
    CategoricalProfile errorTypes = ProfileCodec.decodeCategorical(nested(in, "error types"));
    NumericProfile latency = ProfileCodec.decodeNumeric(nested(in, "latency"));
    NumericProfile confidence = ProfileCodec.decodeNumeric(nested(in, "confidence"));
    CategoricalProfile classes = ProfileCodec.decodeCategorical(nested(in, "classes"));
    CategoricalProfile consumers = ProfileCodec.decodeCategorical(nested(in, "consumers"));
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
    return new WindowProfile(count, errors, anomalies, errorTypes, latency, confidence, classes, consumers, types,
        numeric, categorical);
  }

  private static void nested(ByteWriter out, byte[] bytes) {
    out.writeInt(bytes.length);
    out.writeBytes(bytes);
  }

  private static byte[] nested(ByteReader in, String field) {
    int length = in.readLength(field + " length", 1);
    return in.readBytes(length, field);
  }
}
