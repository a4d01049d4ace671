-- PostgreSQL form of migration/V4: the label log, the checkpoint's label position and waiting labels.
CREATE TABLE labels (
  seq      BIGSERIAL PRIMARY KEY,
  model    TEXT   NOT NULL,
  event_id TEXT   NOT NULL,
  ts       BIGINT NOT NULL,
  received BIGINT NOT NULL,
  body     BYTEA  NOT NULL
);
CREATE INDEX labels_by_id ON labels (model, event_id, seq);
CREATE INDEX labels_by_received ON labels (received);

ALTER TABLE checkpoint ADD COLUMN label_position BIGINT NOT NULL DEFAULT 0;
CREATE TABLE pending_labels (
  seq BIGINT PRIMARY KEY
);
