\set s random(1, 281474976710655)
WITH s AS (SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(:s::bigint), 12, '0'))::uuid AS id),
  at AS (SELECT (SELECT coalesce(max(e.version), 0) FROM v4_meta e, s
    WHERE e.stream_type = 'order' AND e.stream_id = s.id) = 0 AS ok)
INSERT INTO v4_meta (stream_type, stream_id, version, type, schema_version, data, event_id, metadata)
  SELECT 'order', s.id, i, 'OrderPlaced', 1, payload,
    ('018f0000-0000-7000-8000-' || lpad(to_hex(nextval('eid')), 12, '0'))::uuid, metab
  FROM src, s WHERE i <= :rows AND (SELECT ok FROM at) ORDER BY i;
