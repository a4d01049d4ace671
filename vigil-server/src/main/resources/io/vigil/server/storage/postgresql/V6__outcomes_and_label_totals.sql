-- PostgreSQL form of what migration/V4 gained after the first PostgreSQL migrations: business outcomes share the
-- label log (kind 'o', with their name, once per model, id and name), and totals count labels.
ALTER TABLE labels ADD COLUMN kind TEXT NOT NULL DEFAULT 'l';
ALTER TABLE labels ADD COLUMN name TEXT;
CREATE UNIQUE INDEX outcomes_once ON labels (model, event_id, name) WHERE kind = 'o';
ALTER TABLE totals ADD COLUMN labels BIGINT NOT NULL DEFAULT 0;
