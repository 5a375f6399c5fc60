\set s random(1, 281474976710655)
WITH s AS (SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(:s::bigint), 12, '0'))::uuid AS id),
  at AS (SELECT (SELECT coalesce(max(e.version), 0) FROM v5_ours e, s
    WHERE e.stream_type = 'order' AND e.stream_id = s.id) = 0 AS ok)
INSERT INTO v5_ours (stream_type, stream_id, version, type, schema_version, data, event_id, metadata)
  SELECT 'order', s.id, i, 'OrderPlaced', 1, data::json,
    ('018f0000-0000-7000-8000-' || lpad(to_hex(nextval('eid')), 12, '0'))::uuid, meta::json
  FROM src, s WHERE i <= :rows AND (SELECT ok FROM at) ORDER BY i;
