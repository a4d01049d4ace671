-- A label whose wait for its prediction ended unjoined is marked orphaned by the checkpoint that lets it go (see
-- the SQLite migration V5); the performance answer counts the marked labels.
ALTER TABLE labels ADD COLUMN orphaned BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX labels_orphaned ON labels (model, received) WHERE orphaned;
UPDATE labels l SET orphaned = TRUE WHERE l.kind = 'l'
  AND l.received < (extract(epoch FROM now()) * 1000)::bigint - 86400000
  AND NOT EXISTS (SELECT 1 FROM pending_labels p WHERE p.seq = l.seq)
  AND NOT EXISTS (SELECT 1 FROM events e WHERE e.model = l.model AND e.event_id = l.event_id);
