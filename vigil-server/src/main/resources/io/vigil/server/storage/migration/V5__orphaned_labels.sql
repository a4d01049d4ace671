-- A label whose wait for its prediction ended unjoined is marked orphaned by the checkpoint that lets it go. The
-- performance answer counts the marked labels. It used to count labels with no stored prediction, which read every
-- label of the model on each query (50 ms at 200,000 labels). That count also took in labels whose prediction
-- retention had deleted after they joined.
ALTER TABLE labels ADD COLUMN orphaned INTEGER NOT NULL DEFAULT 0;
CREATE INDEX labels_orphaned ON labels (model, received) WHERE orphaned = 1;
-- Labels already past the default wait (24 h), unjoined and no longer pending, are orphans under the new rule.
UPDATE labels SET orphaned = 1 WHERE kind = 'l'
  AND received < CAST(strftime('%s', 'now') AS INTEGER) * 1000 - 86400000
  AND seq NOT IN (SELECT seq FROM pending_labels)
  AND NOT EXISTS (SELECT 1 FROM events e WHERE e.model = labels.model AND e.event_id = labels.event_id);
