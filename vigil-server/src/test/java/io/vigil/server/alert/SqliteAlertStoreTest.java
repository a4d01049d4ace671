package io.vigil.server.alert;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The embedded alert store against {@link AlertStoreContract}, in a temporary data folder. */
class SqliteAlertStoreTest extends AlertStoreContract {

  @TempDir
  Path dir;

  @Override
  protected AlertStore open() {
    return SqliteAlertStore.open(dir);
  }

  @Override
  protected AlertStore reopen() {
    return SqliteAlertStore.open(dir);
  }
}
