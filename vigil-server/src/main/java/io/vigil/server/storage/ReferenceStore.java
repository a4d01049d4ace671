package io.vigil.server.storage;

import io.vigil.dataset.Dataset;
import io.vigil.dataset.DatasetCodec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * References per model version, kept in memory and saved as {@code vigil profile} files (exact sorted columns)
 * under {@code <data-dir>/references/<model>/<version>.vigil}, written to a temporary file and moved into place so
 * a crash leaves the old reference or the new one, never half of one.
 *
 * <pre>{@code
 * ReferenceStore refs = ReferenceStore.open(dataDir);
 * refs.save("fraud", "v3", dataset);
 * refs.find("fraud", "v3");   // Optional[Dataset]
 * }</pre>
 */
public final class ReferenceStore {

  private final Path folder;
  private final Map<String, Dataset> loaded = new ConcurrentHashMap<>();
  private final Map<String, byte[]> calibrations = new ConcurrentHashMap<>();

  private ReferenceStore(Path folder) {
    this.folder = folder;
  }

  /** Opens the folder and loads every saved reference; an unreadable file is a start-up error naming it. */
  public static ReferenceStore open(Path dataDir) {
    ReferenceStore store = new ReferenceStore(dataDir.resolve("references"));
    try {
      Files.createDirectories(store.folder);
      try (DirectoryStream<Path> models = Files.newDirectoryStream(store.folder, Files::isDirectory)) {
        for (Path model : models) {
          try (DirectoryStream<Path> versions = Files.newDirectoryStream(model, "*.vigil")) {
            for (Path file : versions) {
              String version = file.getFileName().toString().replaceFirst("\\.vigil$", "");
              try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                store.loaded.put(key(decode(model.getFileName().toString()), decode(version)), DatasetCodec.read(in));
              } catch (IllegalArgumentException e) {
                throw new StoreException("reference " + file + " is damaged: " + e.getMessage(), e);
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new StoreException("cannot read references under " + store.folder + ": " + e.getMessage(), e);
    }
    return store;
  }

  /** Every loaded reference, for what must know them all at start-up. */
  public void forEach(java.util.function.BiConsumer<String[], Dataset> action) {
    loaded.forEach((k, d) -> action.accept(k.split("\u0000", 2), d));
  }

  public Optional<Dataset> find(String model, String version) {
    return Optional.ofNullable(loaded.get(key(model, version)));
  }

  /** Saves durably, then makes it the version's reference. */
  public void save(String model, String version, Dataset reference) {
    Path dir = folder.resolve(encode(model));
    Path file = dir.resolve(encode(version) + ".vigil");
    Path partial = dir.resolve(encode(version) + ".vigil.tmp");
    try {
      Files.createDirectories(dir);
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
        DatasetCodec.write(reference, out);
      }
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StoreException("cannot save the reference of " + model + "/" + version + ": " + e.getMessage(), e);
    }
    loaded.put(key(model, version), reference);
  }

  /**
   * Saves the labeled predictions of a reference (the realized performance of the window it came from), which
   * CBPE calibrates the version's scores on; replaces the earlier one. An empty profile removes it.
   */
  public void saveCalibration(String model, String version, byte[] classificationProfile) {
    Path dir = folder.resolve(encode(model));
    Path file = dir.resolve(encode(version) + ".calibration");
    try {
      if (classificationProfile == null) {
        Files.deleteIfExists(file);
        calibrations.remove(key(model, version));
        return;
      }
      Files.createDirectories(dir);
      Path partial = dir.resolve(encode(version) + ".calibration.tmp");
      Files.write(partial, classificationProfile);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StoreException("cannot save the calibration of " + model + "/" + version + ": " + e.getMessage(), e);
    }
    calibrations.put(key(model, version), classificationProfile);
  }

  /** The saved calibration profile of a version's reference, as {@link #saveCalibration} got it. */
  public Optional<byte[]> calibration(String model, String version) {
    return Optional.ofNullable(calibrations.computeIfAbsent(key(model, version), k -> {
      Path file = folder.resolve(encode(model)).resolve(encode(version) + ".calibration");
      try {
        return Files.exists(file) ? Files.readAllBytes(file) : null;
      } catch (IOException e) {
        throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }));
  }

  private static String key(String model, String version) {
    return model + '\u0000' + version;
  }

  private static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8);
  }

  private static String decode(String name) {
    return URLDecoder.decode(name, StandardCharsets.UTF_8);
  }
}
