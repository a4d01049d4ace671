-- PostgreSQL form of migration/V1 (same tables and columns; SQLite's INTEGER/BLOB are BIGINT/BYTEA here).
-- The event log: every accepted prediction, in acceptance order; seq is the log position checkpoints record.
CREATE TABLE events (
  seq      BIGSERIAL PRIMARY KEY,
  model    TEXT   NOT NULL,
  version  TEXT   NOT NULL,
  event_id TEXT   NOT NULL,
  ts       BIGINT NOT NULL,
  body     BYTEA  NOT NULL
);
CREATE UNIQUE INDEX events_by_model_id ON events (model, event_id);
CREATE INDEX events_by_time ON events (ts);

-- Models declared through the API.
CREATE TABLE models (
  name       TEXT PRIMARY KEY,
  definition TEXT NOT NULL
);
