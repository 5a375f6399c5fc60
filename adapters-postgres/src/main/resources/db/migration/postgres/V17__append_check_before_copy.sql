-- Issue 14, ADR 0042: a large append writes its events with COPY instead of through append_batch's arrays.
--
-- eventstore.append_check does for one append everything append_each does except inserting the events: it takes the
-- stream's lock (the same key append_batch takes, so both paths queue on one lock), checks the expected version,
-- recognises a retry of an append already stored at these versions, claims the request key and writes the saga
-- deadlines. It answers 0 (go on: the caller COPYs the events into eventstore.events in the same transaction, then
-- commits), 1 (retried: stored before), 2 (conflict) or 3 (key taken), the codes of append_batch. The events' global
-- position, tx_id and recorded_at come from the columns' defaults, as with the insert. The version constraint and the
-- event_id key still decide: a COPY that meets a taken version or a stored event id fails the transaction, and
-- nothing of it is kept.
CREATE FUNCTION eventstore.append_check(
    append_type     text,
    append_id       uuid,
    expected        int,
    event_ids       uuid[],
    key_scope       text,
    key_value       text,
    key_hash        text,
    key_stream_type text,
    key_stream_id   uuid,
    key_version     bigint,
    key_created     text,
    deadline_orders uuid[],
    deadline_steps  int[],
    deadline_dues   bigint[])
RETURNS int LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
  n       int := coalesce(array_length(event_ids, 1), 0);
  current int;
  retried boolean;
  written int;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(append_type || '-' || append_id::text, 14));
  SELECT coalesce(max(e.version), 0) INTO current FROM eventstore.events e
    WHERE e.stream_type = append_type AND e.stream_id = append_id;
  IF current <> expected THEN
    -- Stored at exactly these versions of this stream: an earlier attempt committed (its key with it).
    SELECT n > 0 AND count(*) = n INTO STRICT retried FROM eventstore.events e
      JOIN generate_series(0, n - 1) AS k ON e.event_id = event_ids[k + 1]
      WHERE e.stream_type = append_type AND e.stream_id = append_id AND e.version = expected + k + 1;
    RETURN CASE WHEN retried THEN 1 ELSE 2 END;
  END IF;
  IF key_value IS NOT NULL THEN
    -- a free key, or the claim of this same request (V6), takes the outcome; a stored outcome never changes
    INSERT INTO eventstore.idempotency AS held (scope, key, request_hash, outcome_stream_type, outcome_stream_id,
        outcome_version, created_at)
      VALUES (key_scope, key_value, key_hash, key_stream_type, key_stream_id, key_version, key_created::timestamptz)
      ON CONFLICT (scope, key) DO UPDATE
        SET outcome_stream_type = EXCLUDED.outcome_stream_type, outcome_stream_id = EXCLUDED.outcome_stream_id,
          outcome_version = EXCLUDED.outcome_version, claimed_until = NULL, created_at = EXCLUDED.created_at
        WHERE held.claimed_until IS NOT NULL AND held.request_hash = EXCLUDED.request_hash;
    GET DIAGNOSTICS written = ROW_COUNT;
    IF written = 0 THEN
      RETURN 3;
    END IF;
  END IF;
  IF n > 0 AND cardinality(deadline_orders) > 0 THEN
    INSERT INTO finance.saga_deadlines (order_id, step, due_at)
      SELECT deadline_orders[d], deadline_steps[d], deadline_dues[d]
      FROM generate_subscripts(deadline_orders, 1) AS d
      ON CONFLICT (order_id, step) DO NOTHING;
  END IF;
  RETURN 0;
END $$;
