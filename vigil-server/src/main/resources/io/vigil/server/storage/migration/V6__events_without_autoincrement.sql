-- The event log without AUTOINCREMENT. With it, every insert also rewrote the events row of sqlite_sequence: one
-- more B-tree updated per event (about 5 % of the writer's time) and one more page in each commit. Without it,
-- SQLite gives a new row the largest seq plus one. A seq must never be given twice, or a checkpoint's position
-- would skip the newer event on replay, so the largest seq must never go away: retention keeps the newest row
-- (SqliteEventStore.deleteEventsBefore). A log that retention had already emptied keeps its last position in a
-- placeholder row with an empty model, which no query asks for (model names are never empty); replay skips it
-- too, since a checkpoint's position covers every deleted event.
CREATE TABLE events_log (
  seq      INTEGER PRIMARY KEY,
  model    TEXT    NOT NULL,
  version  TEXT    NOT NULL,
  event_id TEXT    NOT NULL,
  ts       INTEGER NOT NULL,
  body     BLOB    NOT NULL
);
INSERT INTO events_log (seq, model, version, event_id, ts, body)
  SELECT seq, model, version, event_id, ts, body FROM events ORDER BY seq;
INSERT INTO events_log (seq, model, version, event_id, ts, body)
  SELECT seq, '', '', '', 0, x'' FROM sqlite_sequence
  WHERE name = 'events' AND seq > 0 AND NOT EXISTS (SELECT 1 FROM events);
DROP TABLE events;
ALTER TABLE events_log RENAME TO events;
-- Ids are unique per model version (V2). V2's second index, on (model, event_id) for label joins, is gone: it cost
-- the writer about an eighth of its time per event. A label join now finds a model's versions by seeking through
-- the unique index, then looks each id up in it (SqliteLabels.predictions).
CREATE UNIQUE INDEX events_by_model_version_id ON events (model, version, event_id);
CREATE INDEX events_by_time ON events (ts);
