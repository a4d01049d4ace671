-- Labels (ground truth), the second log: every accepted label in acceptance order, as received. A repeated label
-- for the same (model, event_id) is a new row; the newest one counts (the profiles retract the one it replaces).
CREATE TABLE labels (
  seq      INTEGER PRIMARY KEY AUTOINCREMENT,
  model    TEXT    NOT NULL,
  event_id TEXT    NOT NULL,
  ts       INTEGER NOT NULL,
  received INTEGER NOT NULL,
  body     BLOB    NOT NULL
);
CREATE INDEX labels_by_id ON labels (model, event_id, seq);
-- Business outcomes share the log (kind 'o', with their name): one order for replay. An outcome counts once per
-- (model, id, name); a second one is a retry.
ALTER TABLE labels ADD COLUMN kind TEXT NOT NULL DEFAULT 'l';
ALTER TABLE labels ADD COLUMN name TEXT;
CREATE UNIQUE INDEX outcomes_once ON labels (model, event_id, name) WHERE kind = 'o';
CREATE INDEX labels_by_received ON labels (received);

-- The checkpoint also records how far into the label log the profiles go, and which labels were still waiting
-- for their prediction then.
ALTER TABLE checkpoint ADD COLUMN label_position INTEGER NOT NULL DEFAULT 0;
CREATE TABLE pending_labels (
  seq INTEGER PRIMARY KEY
);

-- Labels counted per model version, all time (what vigil_labels_total starts from after a restart).
ALTER TABLE totals ADD COLUMN labels INTEGER NOT NULL DEFAULT 0;
