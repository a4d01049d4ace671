package io.vigil.profile;

import io.vigil.performance.ClassificationProfile;
import io.vigil.performance.PerformanceCodec;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.Assertions;

/** The {@link Mergeable} contract for a multiclass {@link ClassificationProfile}: exact, so equivalence is equal bytes. */
class MulticlassClassificationProfileContractTest
    extends MergeableContract<ClassificationProfile, ClassificationRows.Row> {

  @Override
  protected ClassificationProfile newProfile(Random random) {
    // Schema classes are options that merge as a union; every profile of a case gets the same (one that rows may
    // never name), so that merge-of-parts = whole compares like with like.
    return ClassificationProfile.multiclass(List.of("cat"));
  }

  @Override
  protected List<ClassificationRows.Row> randomRows(Random random, int n) {
    return ClassificationRows.multiclass(random, n);
  }

  @Override
  protected int maxRows() {
    return 1500;
  }

  @Override
  protected void update(ClassificationProfile profile, ClassificationRows.Row row) {
    ClassificationRows.update(profile, row);
  }

  @Override
  protected void assertDescribes(List<ClassificationRows.Row> rows, ClassificationProfile profile) {
    ClassificationRows.assertDescribes(rows, profile);
  }

  @Override
  protected void assertEquivalent(ClassificationProfile expected, ClassificationProfile actual) {
    Assertions.assertThat(encode(actual)).isEqualTo(encode(expected));
  }

  @Override
  protected void checkInvariants(ClassificationProfile profile) {
    profile.checkInvariants();
  }

  @Override
  protected byte[] encode(ClassificationProfile profile) {
    return PerformanceCodec.encode(profile);
  }

  @Override
  protected ClassificationProfile decode(byte[] bytes) {
    return PerformanceCodec.decodeClassification(bytes);
  }
}
