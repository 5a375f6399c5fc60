\set s random(1, 281474976710655)
INSERT INTO v1_floor (stream, version, type, payload)
  SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(:s::bigint), 12, '0'))::uuid, i, 'OrderPlaced', payload
  FROM src WHERE i <= :rows;
