-- A request-id claim dies with the process that made it (ADR 0036, issue 15's kill test). Until now a claim of a
-- process killed mid-request held its key for its whole lease (claimed_until, 60 s after the claim), so the client's
-- resend with the same request id, on another replica, was told "still in progress" for a minute.
--
-- Each process now holds, for its whole life, one session-level advisory lock on a connection of its own: the two-int
-- key (0x0b00e = 45070, n), n drawn from the sequence below (never handed out twice while it has not cycled, so a key
-- names one process). Two-int keys whose first half is 0x0b00e belong to claim owners only: the stream locks of the
-- append (V10) use the one-bigint key space, which pg_locks keeps apart (objsubid 1), and the subscriptions' batches
-- (0x0b00c) and the rebuilds and reservations (0x0b00d) other first halves.
--
-- A claim records its owner's n. The claim statement may take over a claim whose claimed_until has passed, as before,
-- or one whose owner's lock no longer exists: PostgreSQL drops a session's advisory locks when the session ends, which
-- it notices at once when the client process dies (its socket closes). A paused or slow process keeps its lock, and its
-- claims hold for their lease as before; a vanished machine's session lingers until TCP keepalive ends it, and its
-- claims then lapse with their lease at the latest.
CREATE SEQUENCE eventstore.claim_owner_keys AS integer MINVALUE 1 CYCLE;

-- Meaningful on claims only (claimed_until set). The append functions turn a claim into its outcome without touching
-- it, so an outcome may keep the key of the process that claimed it, which nothing reads. NULL: a claim made before
-- V15, which only its lease ends.
ALTER TABLE eventstore.idempotency ADD COLUMN owner integer;
