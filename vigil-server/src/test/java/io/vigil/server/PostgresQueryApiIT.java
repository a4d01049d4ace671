package io.vigil.server;

/** {@link QueryApiIT}'s checks with the server on a real PostgreSQL store instead of the embedded one. */
class PostgresQueryApiIT extends QueryApiIT {

  private final PostgresDeployment postgres = new PostgresDeployment();

  @Override
  VigilServer serve(VigilServer.Options options) {
    return VigilServer.start(postgres.on(options));
  }
}
