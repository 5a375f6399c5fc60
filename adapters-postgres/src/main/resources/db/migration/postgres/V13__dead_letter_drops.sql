-- Issue 16: an operator who drops a held lane gives its events up for good; the drop is recorded with who did it,
-- why, when, and the events as they were held, so the one deliberate skip of the log stays accountable (ADR 0032).
CREATE TABLE eventstore.dead_letter_drops (
  seq          bigserial   PRIMARY KEY,
  subscription text        NOT NULL,
  lane         uuid        NOT NULL,
  events       int         NOT NULL CHECK (events >= 1),
  dropped_by   text        NOT NULL CHECK (length(dropped_by) BETWEEN 1 AND 200),
  reason       text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  dropped_at   timestamptz NOT NULL DEFAULT now(),
  letters      jsonb       NOT NULL);
CREATE INDEX dead_letter_drops_lane ON eventstore.dead_letter_drops (subscription, lane);
