package io.vigil.server;

import io.vigil.server.storage.LocalPostgres;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a test's embedded-store options into the same options on the test PostgreSQL: one database per data folder,
 * so a test that restarts a server on its folder finds its data again, and one on another folder starts empty.
 */
final class PostgresDeployment {

  private final Map<Path, String> databases = new HashMap<>();

  VigilServer.Options on(VigilServer.Options options) {
    String url = databases.computeIfAbsent(options.dataDir(), d -> LocalPostgres.shared().newDatabase());
    return new VigilServer.Options(options.host(), options.port(), options.strict(), options.maxBodyBytes(),
        options.dataDir(), options.maxInFlight(), options.config(), new VigilServer.Deployment(url, "test", null));
  }
}
