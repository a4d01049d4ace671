-- Alert history: one row per alert (a rule's condition on one model version, from pending to resolved).
-- Times are epoch milliseconds. last_notified_at survives restarts so that a restart re-notifies nothing.
CREATE TABLE alerts (
  id               TEXT    PRIMARY KEY,
  rule             TEXT    NOT NULL,
  model            TEXT    NOT NULL,
  version          TEXT    NOT NULL,
  severity         TEXT    NOT NULL,
  state            TEXT    NOT NULL,
  value            REAL,
  threshold        REAL    NOT NULL,
  active_at        INTEGER NOT NULL,
  starts_at        INTEGER NOT NULL,
  ends_at          INTEGER,
  summary          TEXT    NOT NULL,
  last_notified_at INTEGER
);
CREATE INDEX alerts_by_state ON alerts (state, model);
CREATE INDEX alerts_by_start ON alerts (starts_at);

-- Silences: matchers as a JSON object ({"rule": "...", "model": "..."}), in force from starts_at to ends_at.
CREATE TABLE silences (
  id         TEXT    PRIMARY KEY,
  matchers   TEXT    NOT NULL,
  starts_at  INTEGER NOT NULL,
  ends_at    INTEGER NOT NULL,
  comment    TEXT,
  created_at INTEGER NOT NULL
);
