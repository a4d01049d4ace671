-- Labels and outcomes read from Kafka: like events read from Kafka (V5) they are in no instance's log (instance
-- is NULL: Kafka is their log) and origin names the record (topic/partition/offset), so that a record consumed
-- again after a crash finds its own row and is counted once.
ALTER TABLE labels ALTER COLUMN instance DROP NOT NULL;
ALTER TABLE labels ADD COLUMN origin TEXT;
CREATE UNIQUE INDEX labels_by_origin ON labels (origin);
