package io.vigil.detect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The registry of change detectors: each id, its parameter names, and a factory from {@code name → text}
 * parameters, as {@code vigil detect --detector adwin --param delta=0.01} gives them.
 *
 * <pre>{@code
 * ChangeDetector d = ChangeDetectors.create("page_hinkley", Map.of("two_sided", "true"));
 * ChangeDetectors.ids();                       // [ddm, eddm, adwin, page_hinkley, hddm_a]
 * ChangeDetectors.parameters("adwin");         // [delta, check_interval]
 * }</pre>
 *
 * <p>Unknown ids and parameter names, values that are not numbers and values out of range are refused with an
 * {@link IllegalArgumentException} whose message names the id or parameter and lists the valid ones.
 */
public final class ChangeDetectors {

  private record Entry(List<String> parameters, Function<Map<String, String>, ChangeDetector> factory) {}

  private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

  static {
    ENTRIES.put(Ddm.ID, new Entry(Ddm.Options.PARAMETERS, p -> new Ddm(Ddm.Options.parse(p))));
    ENTRIES.put(Eddm.ID, new Entry(Eddm.Options.PARAMETERS, p -> new Eddm(Eddm.Options.parse(p))));
    ENTRIES.put(Adwin.ID, new Entry(Adwin.Options.PARAMETERS, p -> new Adwin(Adwin.Options.parse(p))));
    ENTRIES.put(PageHinkley.ID,
        new Entry(PageHinkley.Options.PARAMETERS, p -> new PageHinkley(PageHinkley.Options.parse(p))));
    ENTRIES.put(HddmA.ID, new Entry(HddmA.Options.PARAMETERS, p -> new HddmA(HddmA.Options.parse(p))));
  }

  private ChangeDetectors() {}

  /** Every detector's id, in a stable order. */
  public static List<String> ids() {
    return List.copyOf(ENTRIES.keySet());
  }

  /** The parameter names {@code id} accepts. */
  public static List<String> parameters(String id) {
    return entry(id).parameters();
  }

  /** A new detector; parameters not given keep MOA's defaults. */
  public static ChangeDetector create(String id, Map<String, String> parameters) {
    return entry(id).factory().apply(parameters);
  }

  private static Entry entry(String id) {
    Entry e = ENTRIES.get(id);
    if (e == null) {
      throw new IllegalArgumentException("unknown detector '" + id + "'; valid: " + String.join(", ", ids()));
    }
    return e;
  }
}
