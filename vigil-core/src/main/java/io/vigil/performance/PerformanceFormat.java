package io.vigil.performance;

import io.vigil.profile.ByteReader;
import io.vigil.profile.ByteWriter;
import io.vigil.profile.ProfileFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The bodies of {@link PerformanceCodec}'s three families; the layout is documented there. */
final class PerformanceFormat {

  private static final byte BINARY = 1;
  private static final byte MULTICLASS = 2;

  private PerformanceFormat() {}

  static void writeClassification(ByteWriter out, ClassificationProfile p) {
    writeKind(out, p.positiveClass);
    out.writeInt(p.classes.size());
    p.classes.forEach(c -> PerformanceCodec.writeString(out, c));
    for (long[] row : p.confusion) {
      for (long c : row) {
        out.writeLong(c);
      }
    }
    out.writeLong(p.scored);
    out.writeLong(p.notSummingToOne);
    p.logLoss.write(out);
    p.brier.write(out);
    p.calibration.write(out);
    p.histograms.values().forEach(h -> h.write(out));
  }

  static ClassificationProfile readClassification(ByteReader in) {
    int start = in.position();
    String positive = readKind(in);
    int k = in.readLength("class count", 4);
    List<String> classes = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      String c = PerformanceCodec.readString(in, "class");
      if (i > 0 && classes.get(i - 1).compareTo(c) >= 0) {
        throw in.fail("classes are not in ascending order at '" + c + "'");
      }
      classes.add(c);
    }
    if (positive != null && (k > 2 || !classes.contains(positive))) {
      throw in.fail("a binary profile has at most two classes, the positive one among them: " + classes);
    }
    if ((long) k * k * 8 > in.remaining()) {
      throw in.fail("a " + k + "-class confusion matrix does not fit in the " + in.remaining() + " bytes left");
    }
    long[][] confusion = new long[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        confusion[i][j] = in.readCount("confusion count");
      }
    }
    long scored = in.readCount("scored rows");
    long notSummingToOne = in.readCount("rows not summing to 1");
    ExactSum logLoss = ExactSum.read(in, "log loss sum", true);
    ExactSum brier = ExactSum.read(in, "Brier sum", true);
    CalibrationSums calibration = CalibrationSums.read(in);
    ClassificationProfile p = new ClassificationProfile(positive, calibration);
    p.classes = classes;
    p.confusion = confusion;
    p.scored = scored;
    p.notSummingToOne = notSummingToOne;
    p.logLoss.merge(logLoss);
    p.brier.merge(brier);
    for (String c : positive == null ? classes : List.of(positive)) {
      p.histograms.put(c, ScoreHistogram.read(in, "histogram of '" + c + "'"));
    }
    boolean sumsEmpty = scored > 0 || (logLoss.signum() == 0 && brier.signum() == 0);
    if (!sumsEmpty || (positive == null && brier.signum() != 0) || (positive != null && notSummingToOne != 0)
        || brier.doubleValue() > scored || logLoss.doubleValue() > scored * 36.05) {
      throw new ProfileFormatException(start, "the score sums do not fit " + scored + " scored rows");
    }
    check(start, p::checkInvariants);
    return p;
  }

  static void writeRegression(ByteWriter out, RegressionProfile p) {
    out.writeLong(p.count);
    for (ExactSum s : sums(p)) {
      s.write(out);
    }
  }

  static RegressionProfile readRegression(ByteReader in) {
    int start = in.position();
    RegressionProfile p = new RegressionProfile();
    p.count = in.readCount("count");
    String[] names = {"sum of y", "sum of y²", "sum of |y − ŷ|", "sum of (y − ŷ)²", "sum of percentage errors"};
    ExactSum[] sums = sums(p);
    for (int i = 0; i < sums.length; i++) {
      sums[i].merge(ExactSum.read(in, names[i], i > 0));
    }
    check(start, p::checkInvariants);
    return p;
  }

  private static ExactSum[] sums(RegressionProfile p) {
    return new ExactSum[] {p.sumY, p.sumYSquared, p.absoluteErrors, p.squaredErrors, p.percentageErrors};
  }

  static void writeEstimation(ByteWriter out, EstimationProfile p) {
    writeKind(out, p.positiveClass);
    out.writeLong(p.count);
    out.writeLong(p.scored);
    out.writeInt(p.histograms.size());
    for (Map.Entry<String, ScoreHistogram> e : p.histograms.entrySet()) {
      PerformanceCodec.writeString(out, e.getKey());
      e.getValue().write(out);
    }
  }

  static EstimationProfile readEstimation(ByteReader in) {
    int start = in.position();
    String positive = readKind(in);
    EstimationProfile p = positive == null ? EstimationProfile.multiclass() : EstimationProfile.binary(positive);
    p.count = in.readCount("count");
    p.scored = in.readCount("scored");
    int k = in.readLength("class count", 8);
    if (positive != null && k != 1) {
      throw in.fail("a binary estimation profile has one histogram, not " + k);
    }
    String previous = null;
    for (int i = 0; i < k; i++) {
      String c = PerformanceCodec.readString(in, "class");
      if ((previous != null && previous.compareTo(c) >= 0) || (positive != null && !positive.equals(c))) {
        throw in.fail("class '" + c + "' is out of order or not the positive class");
      }
      previous = c;
      p.histograms.put(c, ScoreHistogram.read(in, "histogram of '" + c + "'"));
    }
    check(start, p::checkInvariants);
    return p;
  }

  private static void writeKind(ByteWriter out, String positive) {
    out.writeByte(positive == null ? MULTICLASS : BINARY);
    if (positive != null) {
      PerformanceCodec.writeString(out, positive);
    }
  }

  private static String readKind(ByteReader in) {
    byte kind = in.readByte("kind");
    if (kind != BINARY && kind != MULTICLASS) {
      throw in.fail("kind " + kind + " is neither 1 (binary) nor 2 (multiclass)");
    }
    return kind == BINARY ? PerformanceCodec.readString(in, "positive class") : null;
  }

  private static void check(int offset, Runnable invariants) {
    try {
      invariants.run();
    } catch (IllegalStateException e) {
      throw new ProfileFormatException(offset, e.getMessage(), e);
    }
  }
}
