package io.vigil.profile;

import org.apache.datasketches.common.ArrayOfItemsSerDe;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * The one door to DataSketches' serialization, which goes through datasketches-memory.
 *
 * <pre>{@code
 * byte[] image = SketchMemory.image(kll);
 * KllDoublesSketch back = KllDoublesSketch.heapify(SketchMemory.wrap(image));
 * }</pre>
 *
 * <p>Why a door: datasketches-java 6.2.0 is the newest release that runs on Java 17 without flags (7.x needs the
 * incubator foreign-memory module, 9.x needs Java 25). Its datasketches-memory 3.0.2 refuses, in a static
 * initializer, any Java whose version is not on its list (8, 11, 17, 21), although the {@code sun.misc.Unsafe}
 * paths it uses for heap arrays still work on 25. So the first serialization initialises that class while the
 * {@code java.version} property reads "21", and restores the property at once (under a lock, once per JVM).
 * On Java 17 and 21 nothing is touched. Drop this class when the project moves to datasketches-java 9.
 */
final class SketchMemory {

  private static final String CHECKED_CLASS = "org.apache.datasketches.memory.internal.ResourceImpl";
  private static final int NEWEST_LISTED_JAVA = 21;
  private static volatile boolean ready;

  private SketchMemory() {}

  static Memory wrap(byte[] image) {
    ensureReady();
    return Memory.wrap(image);
  }

  static byte[] image(KllDoublesSketch sketch) {
    ensureReady();
    return sketch.toByteArray();
  }

  static <T> byte[] image(ItemsSketch<T> sketch, ArrayOfItemsSerDe<T> serde) {
    ensureReady();
    return sketch.toByteArray(serde);
  }

  private static void ensureReady() {
    if (ready) {
      return;
    }
    synchronized (SketchMemory.class) {
      if (ready) {
        return;
      }
      String actual = System.getProperty("java.version");
      boolean unlisted = Runtime.version().feature() > NEWEST_LISTED_JAVA;
      try {
        if (unlisted) {
          System.setProperty("java.version", Integer.toString(NEWEST_LISTED_JAVA));
        }
        Class.forName(CHECKED_CLASS, true, Memory.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("datasketches-memory is not on the class path", e);
      } finally {
        if (unlisted) {
          System.setProperty("java.version", actual);
        }
      }
      ready = true;
    }
  }
}
