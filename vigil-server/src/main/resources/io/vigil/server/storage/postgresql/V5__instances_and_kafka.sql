-- PostgreSQL only: several Vigil instances share the database (README, "Scaling out").
-- Each instance keeps its own partial profiles, totals and checkpoint, keyed by its instance id; queries merge
-- the partials of every instance. The event and label logs are shared tables in which each row names the
-- instance whose log it belongs to (HTTP ingest, replayed by that instance after a crash); events read from
-- Kafka belong to no instance's log (instance is NULL): Kafka is their log, and origin names the record
-- (topic/partition/offset) so that a record consumed again after a crash is recognised and counted once.
ALTER TABLE events ADD COLUMN instance TEXT;
ALTER TABLE events ADD COLUMN origin TEXT;
CREATE INDEX events_by_instance ON events (instance, seq);

ALTER TABLE labels ADD COLUMN instance TEXT NOT NULL DEFAULT '';
CREATE INDEX labels_by_instance ON labels (instance, seq);

ALTER TABLE profiles ADD COLUMN instance TEXT NOT NULL DEFAULT '';
ALTER TABLE profiles DROP CONSTRAINT profiles_pkey;
ALTER TABLE profiles ADD PRIMARY KEY (model, version, resolution, bucket, instance);

-- One checkpoint, one set of totals and of waiting labels per instance (these tables are new with this store,
-- so they are recreated rather than altered).
DROP TABLE checkpoint;
CREATE TABLE checkpoint (
  instance       TEXT   PRIMARY KEY,
  log_position   BIGINT NOT NULL,
  label_position BIGINT NOT NULL,
  written_at     BIGINT NOT NULL
);
DROP TABLE totals;
CREATE TABLE totals (
  instance TEXT   NOT NULL,
  model    TEXT   NOT NULL,
  version  TEXT   NOT NULL,
  count    BIGINT NOT NULL,
  errors   BIGINT NOT NULL,
  last_ts  BIGINT NOT NULL,
  PRIMARY KEY (instance, model, version)
);
DROP TABLE pending_labels;
CREATE TABLE pending_labels (
  instance TEXT   NOT NULL,
  seq      BIGINT NOT NULL,
  PRIMARY KEY (instance, seq)
);

-- Kafka positions: the next offset to read of each partition, written in the same transaction as the checkpoint
-- of the instance that consumed up to it; an instance assigned a partition starts there.
CREATE TABLE kafka_offsets (
  topic       TEXT    NOT NULL,
  partition   INTEGER NOT NULL,
  next_offset BIGINT  NOT NULL,
  instance    TEXT    NOT NULL,
  written_at  BIGINT  NOT NULL,
  PRIMARY KEY (topic, partition)
);
