package io.vigil.drift;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one registry of drift methods: every id SPEC section 6 names, each mapped to its one implementation.
 *
 * <pre>{@code
 * DriftMethod psi = DriftMethods.byId("psi");
 * for (DriftMethod m : DriftMethods.all()) {
 *   System.out.println(m.id());   // ks, wasserstein, psi, jensenshannon, chisquare, ztest, ...
 * }
 * }</pre>
 *
 * <p>Methods are stateless, so one shared instance of each serves every caller and thread. The list order is
 * SPEC section 6's. {@code "auto"} is listed too; its threshold and direction come from the method it chooses
 * (see {@link AutoMethod}).
 */
public final class DriftMethods {

  private static final List<DriftMethod> ALL = List.of(
      new KolmogorovSmirnov(),
      new Wasserstein(),
      new PopulationStability(),
      new JensenShannon(),
      new ChiSquare(),
      new ZTest(),
      new CramerVonMises(),
      new EnergyDistance(),
      new KlDivergence(),
      new Hellinger(),
      new AutoMethod());

  private DriftMethods() {}

  /** Every method, {@code "auto"} last (unmodifiable). */
  public static List<DriftMethod> all() {
    return ALL;
  }

  /** The ids of {@link #all()}, in order. */
  public static List<String> ids() {
    return ALL.stream().map(DriftMethod::id).collect(Collectors.toUnmodifiableList());
  }

  /**
   * The method with this id (exact, lower case, as in SPEC section 6).
   *
   * @throws IllegalArgumentException naming the unknown id and listing the valid ones
   */
  public static DriftMethod byId(String id) {
    for (DriftMethod method : ALL) {
      if (method.id().equals(id)) {
        return method;
      }
    }
    throw new IllegalArgumentException("unknown drift method '" + id + "' (expected one of "
        + String.join(", ", ids()) + ")");
  }
}
