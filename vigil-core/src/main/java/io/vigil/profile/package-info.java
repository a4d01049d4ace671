/**
 * Mergeable per-feature profiles: what Vigil keeps per (model, version, segment, time bucket) instead of raw rows.
 *
 * <p>{@link io.vigil.profile.NumericProfile} and {@link io.vigil.profile.CategoricalProfile} accumulate one feature's
 * rows, {@link io.vigil.profile.MomentsProfile} a plain stream of numbers. All three update in place, merge with
 * their kind ({@link io.vigil.profile.Mergeable}: associative, commutative, an empty profile as identity), publish
 * immutable summaries with {@code snapshot()}, and serialize through {@link io.vigil.profile.ProfileCodec}, whose
 * byte format is versioned and checked against golden files. Each profile states its error bound as a method
 * ({@code rankError()}, {@code countError()}), the number the tests use as tolerance.
 */
package io.vigil.profile;
