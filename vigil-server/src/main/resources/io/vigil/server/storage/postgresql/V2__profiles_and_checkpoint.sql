-- PostgreSQL form of migration/V2: profile checkpoints, the checkpoint row, all-time totals.
CREATE TABLE profiles (
  model      TEXT   NOT NULL,
  version    TEXT   NOT NULL,
  resolution TEXT   NOT NULL,
  bucket     BIGINT NOT NULL,
  body       BYTEA  NOT NULL,
  PRIMARY KEY (model, version, resolution, bucket)
);
CREATE INDEX profiles_by_age ON profiles (resolution, bucket);

CREATE TABLE checkpoint (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  log_position BIGINT NOT NULL,
  written_at   BIGINT NOT NULL
);

CREATE TABLE totals (
  model   TEXT   NOT NULL,
  version TEXT   NOT NULL,
  count   BIGINT NOT NULL,
  errors  BIGINT NOT NULL,
  last_ts BIGINT NOT NULL,
  PRIMARY KEY (model, version)
);

ALTER TABLE models ADD COLUMN declared INTEGER NOT NULL DEFAULT 1;

DROP INDEX events_by_model_id;
CREATE UNIQUE INDEX events_by_model_version_id ON events (model, version, event_id);
CREATE INDEX events_by_model_id ON events (model, event_id);
