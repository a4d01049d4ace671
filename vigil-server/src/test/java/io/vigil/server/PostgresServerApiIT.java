package io.vigil.server;

/** {@link ServerApiIT}'s checks with the server on a real PostgreSQL store instead of the embedded one. */
class PostgresServerApiIT extends ServerApiIT {

  private final PostgresDeployment postgres = new PostgresDeployment();

  @Override
  VigilServer serve(VigilServer.Options options) {
    return VigilServer.start(postgres.on(options));
  }
}
