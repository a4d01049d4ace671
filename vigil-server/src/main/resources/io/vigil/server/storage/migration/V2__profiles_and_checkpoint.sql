-- Profile checkpoints. A row is the merged WindowProfile (ProfileCodec family 4) of every event of one model
-- version in one bucket up to the checkpoint's log position. resolution: 'm' minute, 'h' hour, 'd' day;
-- bucket: the bucket's start in epoch milliseconds. Hour and day rows are roll-ups, so a 30-day query merges
-- about a hundred rows instead of 43,200 minutes.
CREATE TABLE profiles (
  model      TEXT    NOT NULL,
  version    TEXT    NOT NULL,
  resolution TEXT    NOT NULL,
  bucket     INTEGER NOT NULL,
  body       BLOB    NOT NULL,
  PRIMARY KEY (model, version, resolution, bucket)
);
CREATE INDEX profiles_by_age ON profiles (resolution, bucket);

-- The one checkpoint: profiles include every event with seq <= log_position, and nothing after it.
CREATE TABLE checkpoint (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  log_position INTEGER NOT NULL,
  written_at   INTEGER NOT NULL
);

-- All-time traffic per model version as of the checkpoint (what GET /models and vigil_predictions_total start from
-- after a restart, since raw events expire).
CREATE TABLE totals (
  model   TEXT    NOT NULL,
  version TEXT    NOT NULL,
  count   INTEGER NOT NULL,
  errors  INTEGER NOT NULL,
  last_ts INTEGER NOT NULL,
  PRIMARY KEY (model, version)
);

-- Models the server inferred from traffic are stored too (declared = 0), since the events that taught it their
-- schema are no longer replayed once a checkpoint includes them.
ALTER TABLE models ADD COLUMN declared INTEGER NOT NULL DEFAULT 1;

-- A shadow deployment scores the same id with two versions: ids are unique per model version (a retried batch is
-- still counted once), and labels join by (model, id) to every version that scored it.
DROP INDEX events_by_model_id;
CREATE UNIQUE INDEX events_by_model_version_id ON events (model, version, event_id);
CREATE INDEX events_by_model_id ON events (model, event_id);
