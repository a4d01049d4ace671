package io.vigil.dataset;

import io.vigil.drift.CategoryDistribution;
import io.vigil.drift.EmpiricalDistribution;
import io.vigil.schema.FeatureType;
import java.util.List;
import java.util.Optional;

/**
 * One column of a dataset, summarised for drift and quality: counts of what was wrong with it and the
 * distribution of what was right.
 *
 * <pre>{@code
 * Column amount = dataset.column("amount").orElseThrow();
 * amount.numbers().quantile(0.5);    // the median of the finite values
 * amount.typeErrorLines();           // [17, 90] : lines holding text in a numeric column
 * }</pre>
 *
 * @param name the column's header
 * @param type the inferred or declared type; empty when the column held no value at all
 * @param rows rows seen, missing ones included
 * @param missing empty or null values
 * @param nonFinite NaN and infinite numbers (numeric columns only); not part of {@code numbers}
 * @param typeErrors values that do not fit {@code type}; not part of the distributions
 * @param typeErrorLines the first few 1-based line numbers of type errors
 * @param numbers the finite values of a numeric column (empty otherwise, or when there were none)
 * @param categories counts of a categorical or boolean column (empty otherwise, or when too many distinct
 *     values were seen to keep exact counts)
 * @param note why a distribution is absent, for the reader of a report; empty when nothing is absent
 */
public record Column(
    String name,
    Optional<FeatureType> type,
    long rows,
    long missing,
    long nonFinite,
    long typeErrors,
    List<Long> typeErrorLines,
    Optional<EmpiricalDistribution> numbers,
    Optional<CategoryDistribution> categories,
    Optional<String> note) {

  public Column {
    typeErrorLines = List.copyOf(typeErrorLines);
  }

  /** Values that took part in the distribution. */
  public long valid() {
    return rows - missing - nonFinite - typeErrors;
  }
}
