package io.vigil.cli;

import io.vigil.dataset.Column;
import io.vigil.dataset.Dataset;
import io.vigil.dataset.DatasetCodec;
import io.vigil.schema.FeatureType;
import io.vigil.server.ingest.TableReader;
import io.vigil.server.ingest.TableReadException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the command line's input files, turning every problem into a one-line {@link UserInputException}. */
final class Datasets {

  private Datasets() {}

  /** A reference: CSV/NDJSON (types inferred) or a dataset saved by {@code vigil profile}. */
  static Dataset readReference(Path file, Optional<Set<String>> columns) {
    if (isSavedDataset(file)) {
      Dataset d = readSaved(file);
      if (columns.isEmpty()) {
        return d;
      }
      for (String c : columns.get()) {
        if (d.column(c).isEmpty()) {
          throw new UserInputException(file + ": has no column '" + c + "' (columns: "
              + d.columns().stream().map(Column::name).collect(Collectors.joining(", ")) + ")");
        }
      }
      return new Dataset(d.source(), d.rows(), d.columns().stream()
          .filter(c -> columns.get().contains(c.name())).collect(Collectors.toList()));
    }
    TableReader.Options options = TableReader.Options.inferAll();
    return read(file, columns.map(options::onlyColumns).orElse(options));
  }

  /** A current sample, its values checked against the reference's column types. */
  static Dataset readCurrent(Path file, Dataset reference, Optional<Set<String>> columns) {
    if (isSavedDataset(file)) {
      throw new UserInputException(file + ": --current must be CSV or NDJSON data, not a saved profile");
    }
    Map<String, FeatureType> types = new LinkedHashMap<>();
    for (Column c : reference.columns()) {
      c.type().ifPresent(t -> types.put(c.name(), t));
    }
    TableReader.Options options = TableReader.Options.inferAll().expecting(types);
    return read(file, columns.map(options::onlyColumns).orElse(options));
  }

  static Dataset read(Path file, TableReader.Options options) {
    try {
      return TableReader.read(file, options);
    } catch (TableReadException e) {
      throw new UserInputException(e.getMessage(), e);
    }
  }

  private static boolean isSavedDataset(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      return DatasetCodec.looksLikeDataset(in.readNBytes(4));
    } catch (IOException e) {
      return false;
    }
  }

  private static Dataset readSaved(Path file) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return DatasetCodec.read(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new UserInputException(file + ": " + e.getMessage(), e);
    }
  }
}
