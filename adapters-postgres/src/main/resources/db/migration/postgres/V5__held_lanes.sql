-- Issue 11.1: a subscription holds back the lane (stream id) of an event its handler failed on, instead of stalling
-- on it or parking it for good. The lane's events stay in eventstore.dead_letters, in log order; its state is here:
-- RETRYING (a failure that passes by waiting: retried with backoff at next_attempt_at, for as long as it takes) or
-- PARKED (a failure that does not: it waits for an operator to retry or drop it). See ADR 0014.
CREATE TABLE eventstore.held_lanes (
  seq             bigserial   NOT NULL UNIQUE,                 -- the longest held lane lists first
  subscription    text        NOT NULL,
  lane            uuid        NOT NULL,                        -- the stream id the held events share
  status          text        NOT NULL CHECK (status IN ('RETRYING', 'PARKED')),
  attempts        int         NOT NULL CHECK (attempts >= 0),  -- failed attempts of the lane's first event
  next_attempt_at timestamptz NOT NULL,
  error           text        NOT NULL,
  held_since      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (subscription, lane));

-- Events parked before this version were parked for good: their lanes start PARKED, so an operator can retry them.
INSERT INTO eventstore.held_lanes (subscription, lane, status, attempts, next_attempt_at, error, held_since)
SELECT DISTINCT ON (subscription, stream_id) subscription, stream_id, 'PARKED', 1, parked_at, error, parked_at
FROM eventstore.dead_letters
ORDER BY subscription, stream_id, seq;

CREATE INDEX dead_letters_lane ON eventstore.dead_letters (subscription, stream_id, log_tx, log_position);
