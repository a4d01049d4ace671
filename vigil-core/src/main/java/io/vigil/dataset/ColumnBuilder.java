package io.vigil.dataset;

import io.vigil.drift.CategoryDistribution;
import io.vigil.drift.EmpiricalDistribution;
import io.vigil.schema.FeatureType;
import io.vigil.schema.SchemaInference;
import io.vigil.schema.ValueParsing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

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
 * <p>Memory: numbers are kept while the column may be numeric, in runs that are sorted in the background as they
 * fill (see {@link SortedRuns}); text values are counted while there are at most {@link #CATEGORY_CAP} distinct
 * ones. A categorical column with more distinct values than that (an identifier, free text) is reported without a
 * distribution rather than held whole.
 *
 * <p>Speed: while a column may be numeric, its numbers are not also counted as text, which would cost a
 * {@code String} and a hash lookup per value. When a word later shows that the column is categorical after all,
 * the numbers are counted from the kept values, spelled canonically ({@code 7} for 7.0, else
 * {@link Double#toString}): {@code "7.0"} and {@code "7"} in one mixed column are one category.
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
  private SortedRuns numbers;
  private boolean keepNumbers;
  private Map<String, long[]> categories = new HashMap<>();

  private ColumnBuilder(String name, FeatureType expected, Executor sorter) {
    this.name = name;
    this.numbers = new SortedRuns(sorter);
    this.expected = expected;
    this.inference = expected == null ? new SchemaInference() : null;
    this.keepNumbers = expected == null || expected == FeatureType.NUMERIC;
    if (expected == FeatureType.NUMERIC) {
      categories = null;
    }
  }

  /** A column whose type is inferred from its values. */
  public static ColumnBuilder inferring(String name) {
    return inferring(name, Runnable::run);
  }

  /** As {@link #inferring(String)}, sorting full runs of numbers on {@code sorter} while values arrive. */
  public static ColumnBuilder inferring(String name, Executor sorter) {
    return new ColumnBuilder(name, null, sorter);
  }

  /** A column whose values must fit {@code type}; the ones that do not are counted as type errors. */
  public static ColumnBuilder expecting(String name, FeatureType type) {
    return expecting(name, type, Runnable::run);
  }

  /** As {@link #expecting(String, FeatureType)}, sorting full runs of numbers on {@code sorter}. */
  public static ColumnBuilder expecting(String name, FeatureType type, Executor sorter) {
    return new ColumnBuilder(name, java.util.Objects.requireNonNull(type), sorter);
  }

  public String name() {
    return name;
  }

  /** Takes the value of this column at 1-based file line {@code line}; null or empty is missing. */
  public void accept(String value, long line) {
    if (value == null) {
      accept(null, 0, 0, line);
    } else {
      accept(value.toCharArray(), 0, value.length(), line);
    }
  }

  /**
   * Takes the value {@code buf[off, off + len)} at 1-based file line {@code line}; empty is missing. Numbers are
   * parsed from the slice; a {@code String} is made only when a category must be counted.
   */
  public void accept(char[] buf, int off, int len, long line) {
    rows++;
    if (len == 0) {
      missing++;
      return;
    }
    if (expected == null) {
      acceptInferring(buf, off, len);
    } else if (expected == FeatureType.NUMERIC) {
      double x = ValueParsing.parseNumber(buf, off, len);
      if (!ValueParsing.isNumber(x)) {
        typeError(line);
      } else {
        addNumber(x);
      }
    } else if (expected == FeatureType.BOOLEAN) {
      Boolean b = ValueParsing.parseBoolean(buf, off, len);
      if (b == null) {
        typeError(line);
      } else {
        count(b.toString());
      }
    } else {
      count(new String(buf, off, len));
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

  private void acceptInferring(char[] buf, int off, int len) {
    double x = inference.acceptAndParse(buf, off, len);
    if (keepNumbers && ValueParsing.isNumber(x) && Double.isFinite(x)) {
      numbers.add(x);
      return;
    }
    if (keepNumbers && ValueParsing.isNumber(x)) {
      nonFinite++;
    } else if (keepNumbers) {
      keepNumbers = false;   // a word: not numeric; the numbers seen so far are counted as text in build()
    }
    if (categories != null) {
      count(new String(buf, off, len));
    }
  }

  private void addNumber(double x) {
    if (Double.isFinite(x)) {
      numbers.add(x);
    } else {
      nonFinite++;
    }
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

  /** The column; merging the sorted runs happens here, so call it once, possibly on another thread. */
  public Column build() {
    Optional<FeatureType> type = expected != null ? Optional.of(expected) : inference.type();
    Optional<EmpiricalDistribution> dist = Optional.empty();
    Optional<CategoryDistribution> cats = Optional.empty();
    Optional<String> note = Optional.empty();
    long nonFiniteCount = nonFinite;
    if (type.isEmpty()) {
      note = Optional.of("no values");
    } else if (type.get() == FeatureType.NUMERIC) {
      if (numbers.size() > 0) {
        dist = Optional.of(EmpiricalDistribution.ofSorted(numbers.sorted()));
      } else {
        note = Optional.of(rows - missing - typeErrors == 0 ? "no values" : "no finite values");
      }
    } else {
      if (expected == null) {
        nonFiniteCount = 0;   // in a categorical column, words like "nan" are categories, counted already
        numbers.forEach(x -> {
          if (categories != null) {
            count(canonical(x));
          }
        });
      }
      if (categories == null) {
        note = Optional.of("more than " + CATEGORY_CAP + " distinct values (an identifier or free text?)");
      } else {
        cats = Optional.of(CategoryDistribution.exact(counts(type.get())));
      }
    }
    return new Column(name, type, rows, missing, nonFiniteCount, typeErrors, typeErrorLines, dist, cats, note);
  }

  /** How a number found in a column that turned out categorical is spelled as a category. */
  static String canonical(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
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
