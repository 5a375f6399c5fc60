-- Issues 13 and 14, ADR 0048: a lone append costs fewer statements inside the append function.
--
-- Most calls of eventstore.append_batch carry one append (the group committer's batches are often of one under a
-- moderate load). That append used to take the set-based call's stream lock (an unnest, a DISTINCT and a sort for one
-- key), then a nested call of append_each with all 22 arrays, which looked up the stream's version, claimed the key and
-- inserted the events as three more statements. The lone append with events now has a path of its own inside
-- append_batch: the lock on its one key, then the insert of its events guarded by the version check in the same
-- statement (two statements), or, with a key, the key claim guarded by the version check and then the events (three).
-- Whenever that path would write nothing (the stream is not at the expected version: a conflict or a retried append;
-- a key taken; every id stored elsewhere), nothing has been written and append_each answers under the same lock,
-- exactly as before. Every answer, every row and every error is the same; AppendBatchEquivalenceIT and AppendBatchIT
-- hold it to that.
--
-- Issue 13, ADR 0049: the event that ends a checkout completes its saga's deadlines in its own append.
--
-- A saga's deadlines were written with the appends of the requests that ask for them (ADR 0026), but completed by the
-- checkout reactor after it read the saga's last event: one more statement and one more commit (a WAL flush) per
-- checkout. Now the caller names, per append, the sagas its events end (SagaDeadlines.Deadline.endedBy, the one home
-- of the rule), and the function completes their deadlines in the same transaction, only for appends it wrote (answer
-- 0; a retried append's first attempt did it already).
--
-- The new append_batch takes two more arrays (ended_owners: the index of the append, counted from 1; ended_orders: the
-- saga's order). The 22-argument function of V10 stays as it is, for a process of the version before, whose reactor
-- still completes the deadlines itself and whose appends take the old paths.

-- The answers of the appends, after completing the deadlines of the sagas ended by the appends that were written.
-- One statement per ended saga, by its order's id: "order_id = $1" plans as the deadlines' key under the function's
-- generic plan whatever the table's statistics said when the plan was made. A set-based "order_id IN (SELECT ... FROM
-- generate_subscripts(...))" was planned on the table as it was when the session first ran it (empty, at a database's
-- start) and kept scanning all of it: 4.8 ms a call once it held 50,000 deadlines (pg_stat_statements, ADR 0049).
CREATE FUNCTION eventstore.ended_with(answers int[], ended_owners int[], ended_orders uuid[])
RETURNS int[] LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  FOR d IN 1 .. coalesce(array_length(ended_orders, 1), 0) LOOP
    IF answers[ended_owners[d]] = 0 THEN
      UPDATE finance.saga_deadlines SET completed = true, leased_until = NULL
        WHERE order_id = ended_orders[d] AND NOT completed;
    END IF;
  END LOOP;
  RETURN answers;
END $$;

CREATE FUNCTION eventstore.append_batch(
    stream_types    text[],
    stream_ids      uuid[],
    expected        int[],
    counts          int[],
    key_scopes      text[],
    key_values      text[],
    key_hashes      text[],
    key_stream_types text[],
    key_stream_ids  uuid[],
    key_versions    bigint[],
    key_created     text[],
    event_ids       uuid[],
    event_types     text[],
    schema_versions int[],
    payloads        text[],
    metadatas       text[],
    deadline_owners int[],
    deadline_orders uuid[],
    deadline_steps  int[],
    deadline_dues   bigint[],
    event_owners    int[],
    event_offsets   int[],
    ended_owners    int[],
    ended_orders    uuid[])
RETURNS int[] LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
  appends  int := coalesce(array_length(stream_types, 1), 0);
  answers  int[] := array_fill(0, ARRAY[appends]);
  ok       boolean[];
  taken    int[];
  retried  boolean;
  distinct_streams_and_keys boolean := true;
  has_keys boolean := false;
  wanted   int := 0;
  written  int;
  n        int;
BEGIN
  IF appends = 0 THEN
    RETURN answers;
  END IF;
  IF appends = 1 AND counts[1] > 0 THEN
    -- One append with events, the common case (most group commits carry one): its own path, two statements without
    -- a key (V19). The stream's lock, then its events inserted only if the stream stands at the expected version; with
    -- a key, the key claimed only if it does, then the events. Anything else (the stream moved, a retry, a key taken,
    -- ids stored elsewhere) writes nothing here and is answered by append_each, which looks again under the same lock.
    PERFORM pg_advisory_xact_lock(hashtextextended(stream_types[1] || '-' || stream_ids[1]::text, 14));
    n := counts[1];
    IF key_values[1] IS NOT NULL THEN
      INSERT INTO eventstore.idempotency AS held (scope, key, request_hash, outcome_stream_type, outcome_stream_id,
          outcome_version, created_at)
        SELECT key_scopes[1], key_values[1], key_hashes[1], key_stream_types[1], key_stream_ids[1], key_versions[1],
          key_created[1]::timestamptz
        WHERE (SELECT coalesce(max(e.version), 0) FROM eventstore.events e
               WHERE e.stream_type = stream_types[1] AND e.stream_id = stream_ids[1]) = expected[1]
        ON CONFLICT (scope, key) DO UPDATE
          SET outcome_stream_type = EXCLUDED.outcome_stream_type, outcome_stream_id = EXCLUDED.outcome_stream_id,
            outcome_version = EXCLUDED.outcome_version, claimed_until = NULL, created_at = EXCLUDED.created_at
          WHERE held.claimed_until IS NOT NULL AND held.request_hash = EXCLUDED.request_hash;
      GET DIAGNOSTICS written = ROW_COUNT;
      IF written = 0 THEN
        RETURN eventstore.ended_with(eventstore.append_each(stream_types, stream_ids, expected, counts, key_scopes,
          key_values, key_hashes, key_stream_types, key_stream_ids, key_versions, key_created, event_ids, event_types,
          schema_versions, payloads, metadatas, deadline_owners, deadline_orders, deadline_steps, deadline_dues,
          event_owners, event_offsets), ended_owners, ended_orders);
      END IF;
      INSERT INTO eventstore.events (stream_type, stream_id, version, event_id, type, schema_version, data, metadata)
        SELECT stream_types[1], stream_ids[1], expected[1] + k, event_ids[k], event_types[k], schema_versions[k],
               payloads[k]::json, metadatas[k]::json
        FROM generate_series(1, n) AS k ORDER BY k
        ON CONFLICT (event_id) DO NOTHING;
      GET DIAGNOSTICS written = ROW_COUNT;
    ELSE
      INSERT INTO eventstore.events (stream_type, stream_id, version, event_id, type, schema_version, data, metadata)
        SELECT stream_types[1], stream_ids[1], expected[1] + k, event_ids[k], event_types[k], schema_versions[k],
               payloads[k]::json, metadatas[k]::json
        FROM generate_series(1, n) AS k
        WHERE (SELECT coalesce(max(e.version), 0) FROM eventstore.events e
               WHERE e.stream_type = stream_types[1] AND e.stream_id = stream_ids[1]) = expected[1]
        ORDER BY k
        ON CONFLICT (event_id) DO NOTHING;
      GET DIAGNOSTICS written = ROW_COUNT;
      IF written = 0 THEN
        -- not at the expected version (a conflict, or a retry of an append that committed), or every id stored
        -- elsewhere: nothing was written, and append_each tells which
        RETURN eventstore.ended_with(eventstore.append_each(stream_types, stream_ids, expected, counts, key_scopes,
          key_values, key_hashes, key_stream_types, key_stream_ids, key_versions, key_created, event_ids, event_types,
          schema_versions, payloads, metadatas, deadline_owners, deadline_orders, deadline_steps, deadline_dues,
          event_owners, event_offsets), ended_owners, ended_orders);
      END IF;
    END IF;
    IF written <> n THEN
      RAISE EXCEPTION 'event ids of append 1 to %-% were stored before at other places', stream_types[1],
        stream_ids[1] USING ERRCODE = 'BW001';
    END IF;
    IF cardinality(deadline_owners) > 0 THEN
      INSERT INTO finance.saga_deadlines (order_id, step, due_at)
        SELECT deadline_orders[d], deadline_steps[d], deadline_dues[d]
        FROM generate_subscripts(deadline_owners, 1) AS d
        ON CONFLICT (order_id, step) DO NOTHING;
    END IF;
    IF cardinality(ended_orders) > 0 THEN
      RETURN eventstore.ended_with(answers, ended_owners, ended_orders); -- a nested call only when a saga ends
    END IF;
    RETURN answers;
  END IF;
  -- The streams' locks (V10), in the order of their keys so two calls never wait for each other in a cycle; held to
  -- the end of the transaction, so the version checks below see every append that committed before.
  PERFORM pg_advisory_xact_lock(l.k)
    FROM (SELECT DISTINCT hashtextextended(a.t || '-' || a.id::text, 14) AS k
          FROM unnest(stream_types, stream_ids) AS a(t, id) ORDER BY 1) AS l;
  IF appends > 1 THEN
    SELECT count(DISTINCT (a.t, a.id)) = appends AND count(DISTINCT a.ks || E'\x1f' || a.kv) = count(a.kv)
      INTO distinct_streams_and_keys
      FROM unnest(stream_types, stream_ids, key_scopes, key_values) AS a(t, id, ks, kv);
  END IF;
  IF appends = 1 OR NOT distinct_streams_and_keys THEN
    -- Appends to one stream (or with one key) depend on each other: one at a time, in order. A lone append without
    -- events (a key's outcome alone) takes the same path.
    RETURN eventstore.ended_with(eventstore.append_each(stream_types, stream_ids, expected, counts, key_scopes,
      key_values, key_hashes, key_stream_types, key_stream_ids, key_versions, key_created, event_ids, event_types,
      schema_versions, payloads, metadatas, deadline_owners, deadline_orders, deadline_steps, deadline_dues,
      event_owners, event_offsets), ended_owners, ended_orders);
  END IF;

  -- Every stream at its expected version?
  SELECT array_agg(coalesce(m.v, 0) = expected[a.i] ORDER BY a.i) INTO ok
    FROM generate_subscripts(stream_types, 1) AS a(i)
    LEFT JOIN LATERAL (SELECT max(e.version) AS v FROM eventstore.events e
                       WHERE e.stream_type = stream_types[a.i] AND e.stream_id = stream_ids[a.i]) AS m ON true;
  FOR i IN 1 .. appends LOOP
    IF NOT ok[i] THEN
      -- Stored at exactly these versions of this stream: an earlier attempt committed (its key with it).
      SELECT counts[i] > 0 AND count(*) = counts[i] INTO STRICT retried FROM eventstore.events e
        JOIN generate_subscripts(event_ids, 1) AS k ON e.event_id = event_ids[k]
        WHERE event_owners[k] = i AND e.stream_type = stream_types[i] AND e.stream_id = stream_ids[i]
          AND e.version = expected[i] + event_offsets[k];
      answers[i] := CASE WHEN retried THEN 1 ELSE 2 END;
    ELSIF key_values[i] IS NOT NULL THEN
      has_keys := true;
    END IF;
  END LOOP;

  -- Claim the keys of the appends still standing; a key already taken refuses its append.
  IF has_keys THEN
    WITH claimed AS (
      INSERT INTO eventstore.idempotency AS held (scope, key, request_hash, outcome_stream_type, outcome_stream_id, outcome_version,
            created_at)
        SELECT key_scopes[i], key_values[i], key_hashes[i], key_stream_types[i], key_stream_ids[i], key_versions[i],
            key_created[i]::timestamptz
        FROM generate_subscripts(stream_types, 1) AS i WHERE ok[i] AND key_values[i] IS NOT NULL ORDER BY i
        ON CONFLICT (scope, key) DO UPDATE
          SET outcome_stream_type = EXCLUDED.outcome_stream_type, outcome_stream_id = EXCLUDED.outcome_stream_id,
              outcome_version = EXCLUDED.outcome_version, claimed_until = NULL, created_at = EXCLUDED.created_at
          WHERE held.claimed_until IS NOT NULL AND held.request_hash = EXCLUDED.request_hash
        RETURNING held.scope, held.key)
    SELECT array_agg(i) INTO taken FROM generate_subscripts(stream_types, 1) AS i
      WHERE ok[i] AND key_values[i] IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM claimed c WHERE c.scope = key_scopes[i] AND c.key = key_values[i]);
    FOR j IN 1 .. coalesce(array_length(taken, 1), 0) LOOP
      ok[taken[j]] := false;
      answers[taken[j]] := 3;
    END LOOP;
  END IF;

  FOR i IN 1 .. appends LOOP
    IF ok[i] THEN
      wanted := wanted + counts[i];
    END IF;
  END LOOP;
  IF wanted > 0 THEN
    INSERT INTO eventstore.events (stream_type, stream_id, version, event_id, type, schema_version, data, metadata)
      SELECT stream_types[event_owners[k]], stream_ids[event_owners[k]], expected[event_owners[k]] + event_offsets[k],
             event_ids[k], event_types[k], schema_versions[k], payloads[k]::json, metadatas[k]::json
      FROM generate_subscripts(event_ids, 1) AS k WHERE ok[event_owners[k]] ORDER BY k
      ON CONFLICT (event_id) DO NOTHING;
    GET DIAGNOSTICS written = ROW_COUNT;
    IF written <> wanted THEN
      RAISE EXCEPTION 'event ids of this call were stored before at other places' USING ERRCODE = 'BW001';
    END IF;
    IF cardinality(deadline_owners) > 0 THEN
      INSERT INTO finance.saga_deadlines (order_id, step, due_at)
        SELECT deadline_orders[d], deadline_steps[d], deadline_dues[d]
        FROM generate_subscripts(deadline_owners, 1) AS d WHERE ok[deadline_owners[d]]
        ON CONFLICT (order_id, step) DO NOTHING;
    END IF;
  END IF;
  RETURN eventstore.ended_with(answers, ended_owners, ended_orders);
END $$;
