-- PostgreSQL form of migration/V3: the alert history and silences, shared by every instance (one evaluates at a
-- time, README "Scaling out"). Times are epoch milliseconds, as in SQLite; last_notified_at lets the instance
-- that takes evaluation over re-notify nothing.
CREATE TABLE alerts (
  id               TEXT             PRIMARY KEY,
  rule             TEXT             NOT NULL,
  model            TEXT             NOT NULL,
  version          TEXT             NOT NULL,
  severity         TEXT             NOT NULL,
  state            TEXT             NOT NULL,
  value            DOUBLE PRECISION,
  threshold        DOUBLE PRECISION NOT NULL,
  active_at        BIGINT           NOT NULL,
  starts_at        BIGINT           NOT NULL,
  ends_at          BIGINT,
  summary          TEXT             NOT NULL,
  last_notified_at BIGINT
);
CREATE INDEX alerts_by_state ON alerts (state, model);
CREATE INDEX alerts_by_start ON alerts (starts_at);

CREATE TABLE silences (
  id         TEXT   PRIMARY KEY,
  matchers   TEXT   NOT NULL,
  starts_at  BIGINT NOT NULL,
  ends_at    BIGINT NOT NULL,
  comment    TEXT,
  created_at BIGINT NOT NULL
);
