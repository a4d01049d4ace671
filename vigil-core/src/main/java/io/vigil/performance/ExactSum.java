package io.vigil.performance;

import io.vigil.profile.ByteReader;
import io.vigil.profile.ByteWriter;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The exact sum of finite doubles, kept as a {@link BigDecimal} (every double is a finite binary fraction, so the
 * sum needs no rounding at all).
 *
 * <p>Why not a double: the profiles of this package promise that {@code remove} undoes {@code update} exactly (a
 * corrected label must leave no trace of the old one) and that merges in any order give the same bytes. Floating
 * point addition is neither invertible ({@code (a + x) − x ≠ a}) nor associative; exact sums are both. The cost is
 * about a microsecond per addition and a few dozen bytes per sum. Values are read with {@link #doubleValue()}: the
 * correctly rounded double of the exact sum, better than NumPy's pairwise sum.
 *
 * <p>Serialized canonically (trailing zeros stripped, zero as scale 0): scale i32, unscaled length i32, unscaled
 * two's-complement bytes. Not thread-safe.
 */
final class ExactSum {

  /** Unscaled values longer than this are rejected when read: far more than any sum of doubles needs. */
  private static final int MAX_UNSCALED_BYTES = 1 << 12;

  private BigDecimal sum = BigDecimal.ZERO;

  void add(double x) {
    sum = sum.add(exact(x));
  }

  void subtract(double x) {
    sum = sum.subtract(exact(x));
  }

  /** Adds {@code x} once for weight 1, removes it for weight −1. */
  void add(double x, int weight) {
    if (weight > 0) {
      add(x);
    } else {
      subtract(x);
    }
  }

  /** Adds ({@code weight} 1) or removes ({@code weight} −1) the exact square of {@code x}, not its rounded double. */
  void addSquare(double x, int weight) {
    BigDecimal e = exact(x);
    BigDecimal square = e.multiply(e);
    sum = weight > 0 ? sum.add(square) : sum.subtract(square);
  }

  void merge(ExactSum other) {
    sum = sum.add(other.sum);
  }

  ExactSum copy() {
    ExactSum copy = new ExactSum();
    copy.sum = sum;
    return copy;
  }

  BigDecimal value() {
    return sum;
  }

  double doubleValue() {
    return sum.doubleValue();
  }

  int signum() {
    return sum.signum();
  }

  private static BigDecimal exact(double x) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("an exact sum takes finite values only, got " + x);
    }
    return x == 0 ? BigDecimal.ZERO : new BigDecimal(x);
  }

  void write(ByteWriter out) {
    BigDecimal canonical = sum.signum() == 0 ? BigDecimal.ZERO : sum.stripTrailingZeros();
    byte[] unscaled = canonical.unscaledValue().toByteArray();
    out.writeInt(canonical.scale());
    out.writeInt(unscaled.length);
    out.writeBytes(unscaled);
  }

  /** Reads a sum written by {@link #write}; {@code nonNegative} rejects a negative one. */
  static ExactSum read(ByteReader in, String field, boolean nonNegative) {
    int scale = in.readInt(field + " scale");
    int length = in.readLength(field + " length", 1);
    if (length == 0 || length > MAX_UNSCALED_BYTES) {
      throw in.fail(field + ": " + length + " bytes is not a valid exact sum");
    }
    BigInteger unscaled = new BigInteger(in.readBytes(length, field));
    boolean canonical = unscaled.signum() == 0 ? scale == 0 && length == 1
        : unscaled.toByteArray().length == length && unscaled.mod(BigInteger.TEN).signum() != 0;
    if (!canonical) {
      throw in.fail(field + " is not in canonical form (scale " + scale + ")");
    }
    if (scale < -1100 || scale > 1200) {
      throw in.fail(field + " scale " + scale + " is beyond any sum of doubles");
    }
    if (nonNegative && unscaled.signum() < 0) {
      throw in.fail(field + " is negative");
    }
    ExactSum s = new ExactSum();
    s.sum = new BigDecimal(unscaled, scale);
    return s;
  }

  @Override
  public String toString() {
    return sum.toString();
  }
}
