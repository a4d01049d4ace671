package io.vigil.server.ingest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Arbitrary bytes as an uploaded CSV or NDJSON reference: a file is read, or refused with a {@link
 * TableReadException} naming the file and line; no other exception, no hang, no memory blow-up.
 */
class TableReaderFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void csv(byte[] data) throws IOException {
    read(data, false);
  }

  @FuzzTest(maxDuration = "5s")
  void ndjson(byte[] data) throws IOException {
    read(data, true);
  }

  private static void read(byte[] data, boolean ndjson) throws IOException {
    try {
      TableReader.read(new ByteArrayInputStream(data), "fuzz", ndjson, TableReader.Options.inferAll());
    } catch (TableReadException expected) {
      // refused with file and line: fine
    }
  }
}
