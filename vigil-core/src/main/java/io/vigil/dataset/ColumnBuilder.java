package io.vigil.dataset;

import io.vigil.drift.CategoryDistribution;
import io.vigil.drift.EmpiricalDistribution;
import io.vigil.schema.FeatureType;
import io.vigil.schema.SchemaInference;
import io.vigil.schema.ValueParsing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Accumulates one column's text values into a {@link Column}, either inferring the type (a reference) or
 * checking values against a known type (a current sample checked against its reference).
 *
 * <pre>{@code
 * ColumnBuilder b = ColumnBuilder.inferring("amount");
 * b.accept("12.5", 2);  b.accept("", 3);  b.accept("7", 4);
 * Column c = b.build();   // NUMERIC, 3 rows, 1 missing
 * }</pre>
 *
 * <p>Memory: numbers are kept in a growing {@code double[]} while the column may be numeric; category counts
 * are kept while there are at most {@link #CATEGORY_CAP} distinct values. A categorical column with more distinct
 * values than that (an identifier, free text) is reported without a distribution rather than held whole.
 */
public final class ColumnBuilder {

  /** Distinct values beyond which exact category counts are given up. */
  public static final int CATEGORY_CAP = 10_000;
  /** How many type-error line numbers a column remembers. */
  public static final int TYPE_ERROR_LINES = 5;

  private final String name;
  private final FeatureType expected;
  private final SchemaInference inference;
  private long rows;
  private long missing;
  private long nonFinite;
  private long typeErrors;
  private final List<Long> typeErrorLines = new ArrayList<>();
  private double[] numbers = new double[1024];
  private int numberCount;
  private boolean keepNumbers;
  private Map<String, long[]> categories = new HashMap<>();

  private ColumnBuilder(String name, FeatureType expected) {
    this.name = name;
    this.expected = expected;
    this.inference = expected == null ? new SchemaInference() : null;
    this.keepNumbers = expected == null || expected == FeatureType.NUMERIC;
    if (expected == FeatureType.NUMERIC) {
      categories = null;
    }
  }

  /** A column whose type is inferred from its values. */
  public static ColumnBuilder inferring(String name) {
    return new ColumnBuilder(name, null);
  }

  /** A column whose values must fit {@code type}; the ones that do not are counted as type errors. */
  public static ColumnBuilder expecting(String name, FeatureType type) {
    return new ColumnBuilder(name, java.util.Objects.requireNonNull(type));
  }

  public String name() {
    return name;
  }

  /** Takes the value of this column at 1-based file line {@code line}; null or empty is missing. */
  public void accept(String value, long line) {
    rows++;
    if (value == null || value.isEmpty()) {
      missing++;
      return;
    }
    if (expected == null) {
      acceptInferring(value);
    } else if (expected == FeatureType.NUMERIC) {
      double x = ValueParsing.parseNumber(value);
      if (!ValueParsing.isNumber(x)) {
        typeError(line);
      } else {
        addNumber(x);
      }
    } else if (expected == FeatureType.BOOLEAN) {
      Boolean b = ValueParsing.parseBoolean(value);
      if (b == null) {
        typeError(line);
      } else {
        count(b.toString());
      }
    } else {
      count(value);
    }
  }

  /** Counts {@code n} rows in which this column did not appear at all (NDJSON objects without the key). */
  public void acceptAbsent(long n) {
    rows += n;
    missing += n;
  }

  public long rows() {
    return rows;
  }

  private void acceptInferring(String value) {
    double x = inference.acceptAndParse(value);
    if (keepNumbers) {
      if (ValueParsing.isNumber(x)) {
        addNumber(x);
      } else {
        keepNumbers = false;
        numbers = null;
      }
    }
    if (categories != null) {
      count(value);
    }
  }

  private void addNumber(double x) {
    if (!Double.isFinite(x)) {
      nonFinite++;
      return;
    }
    if (numberCount == numbers.length) {
      numbers = Arrays.copyOf(numbers, numbers.length * 2);
    }
    numbers[numberCount++] = x;
  }

  private void count(String value) {
    long[] c = categories.get(value);
    if (c != null) {
      c[0]++;
    } else if (categories.size() < CATEGORY_CAP) {
      categories.put(value, new long[] {1});
    } else if (expected == FeatureType.CATEGORICAL) {
      categories.computeIfAbsent(CategoryDistribution.OTHER, k -> new long[1])[0]++;
    } else {
      categories = null;   // too many distinct values to keep; only a numeric column survives this
    }
  }

  private void typeError(long line) {
    typeErrors++;
    if (typeErrorLines.size() < TYPE_ERROR_LINES) {
      typeErrorLines.add(line);
    }
  }

  /** The column; sorting the numbers happens here, so call it once, possibly on another thread. */
  public Column build() {
    Optional<FeatureType> type = expected != null ? Optional.of(expected) : inference.type();
    Optional<EmpiricalDistribution> dist = Optional.empty();
    Optional<CategoryDistribution> cats = Optional.empty();
    Optional<String> note = Optional.empty();
    long nonFiniteCount = nonFinite;
    if (type.isEmpty()) {
      note = Optional.of("no values");
    } else if (type.get() == FeatureType.NUMERIC) {
      if (numberCount > 0) {
        double[] sorted = Arrays.copyOf(numbers, numberCount);
        Arrays.sort(sorted);
        dist = Optional.of(EmpiricalDistribution.ofSorted(sorted));
      } else {
        note = Optional.of(rows - missing - typeErrors == 0 ? "no values" : "no finite values");
      }
    } else {
      nonFiniteCount = 0;   // words like "nan" were categories, not numbers
      if (categories == null) {
        note = Optional.of("more than " + CATEGORY_CAP + " distinct values (an identifier or free text?)");
      } else {
        cats = Optional.of(CategoryDistribution.exact(counts(type.get())));
      }
    }
    return new Column(name, type, rows, missing, nonFiniteCount, typeErrors, typeErrorLines, dist, cats, note);
  }

  private Map<String, Long> counts(FeatureType type) {
    Map<String, Long> out = new LinkedHashMap<>();
    categories.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.merge(type == FeatureType.BOOLEAN ? e.getKey().toLowerCase(Locale.ROOT) : e.getKey(),
            e.getValue()[0], Long::sum));
    return out;
  }
}
