-- The event log: every accepted prediction, in acceptance order. seq is the log position that profile
-- checkpoints will record; body is the event as SPEC section 3's JSON. (model, event_id) is unique: a client
-- that retries a batch it got no answer for is counted once.
CREATE TABLE events (
  seq      INTEGER PRIMARY KEY AUTOINCREMENT,
  model    TEXT    NOT NULL,
  version  TEXT    NOT NULL,
  event_id TEXT    NOT NULL,
  ts       INTEGER NOT NULL,
  body     BLOB    NOT NULL
);
CREATE UNIQUE INDEX events_by_model_id ON events (model, event_id);
CREATE INDEX events_by_time ON events (ts);

-- Models declared through the API (inferred ones are rebuilt from the events).
CREATE TABLE models (
  name       TEXT PRIMARY KEY,
  definition TEXT NOT NULL
);
