\set s random(1, 281474976710655)
INSERT INTO v2_log (stream_type, stream_id, version, type, schema_version, data)
  SELECT 'order',
    ('00000000-0000-4000-8000-' || lpad(to_hex(:s::bigint), 12, '0'))::uuid, i, 'OrderPlaced', 1, payload
  FROM src WHERE i <= :rows;
