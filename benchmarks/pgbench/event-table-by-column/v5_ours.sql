\set s random(1, 281474976710655)
INSERT INTO v5_ours (stream_type, stream_id, version, type, schema_version, data, event_id, metadata)
  SELECT 'order',
    ('00000000-0000-4000-8000-' || lpad(to_hex(:s::bigint), 12, '0'))::uuid, i, 'OrderPlaced', 1, data::json,
    ('018f0000-0000-7000-8000-' || lpad(to_hex(nextval('eid')), 12, '0'))::uuid, meta::json
  FROM src WHERE i <= :rows;
