-- The tables of run.sh: the raw floor's, then ours built up column by column (issue 14).
CREATE SEQUENCE eid;
CREATE TABLE src (i int PRIMARY KEY, data text NOT NULL, meta text NOT NULL,
  payload bytea NOT NULL, metab bytea NOT NULL);
INSERT INTO src SELECT g, d, m, convert_to(d, 'UTF8'), convert_to(m, 'UTF8') FROM (
  SELECT g,
    '{"orderId":"0192f0c8-0000-7000-8000-' || lpad(g::text, 12, '0') || '","n":' || g || ',"buyer":{"id":"0192f' ||
        '0c8-0000-7000-8000-00000000b001","name":"A Buyer","email":"buyer@example.org"},"address":{"street":"1 ' ||
        'Long Street","city":"Springfield","state":"ST","country":"Wonderland","zip":"12345"},"lines":[{"book":' ||
        '"0192f0c8-0000-7000-8000-000000000001","title":"Dune","quantity":1,"unitPrice":{"amount":"12.50","curr' ||
        'ency":"EUR"}},{"book":"0192f0c8-0000-7000-8000-000000000002","title":"Emma","quantity":2,"unitPrice":{' ||
        '"amount":"8.00","currency":"EUR"}}],"paymentMethodToken":"tok_approve","placedAt":"2026-12-07T04:33:09' ||
        '.123456Z"}' AS d,
    '{"correlationId":"0192f0c8-0000-7000-8000-' || lpad(g::text, 12, '0') || '","causationId":"0192f0c8-0000-7' ||
        '000-8000-' || lpad(g::text, 12, '0') || '","actor":"user:0192f0c8-0000-7000-8000-00000000b001","tracep' ||
        'arent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01","at":"2026-12-07T04:33:09Z"}' AS m
  FROM generate_series(1, 100) g) x;
-- 1: the raw floor's table
CREATE TABLE v1_floor (position bigserial PRIMARY KEY, stream uuid NOT NULL, version bigint NOT NULL,
  type text NOT NULL,
  payload bytea NOT NULL, UNIQUE (stream, version));
-- 2: + the log's columns: stream type, schema version, transaction id (gap-free reads), time recorded; its feed index
CREATE TABLE v2_log (global_position bigserial PRIMARY KEY, stream_type text NOT NULL, stream_id uuid NOT NULL,
  version int NOT NULL CHECK (version >= 1), type text NOT NULL,
  schema_version int NOT NULL CHECK (schema_version >= 1),
  data bytea NOT NULL, tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(), recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stream_type, stream_id, version));
CREATE INDEX ON v2_log (tx_id, global_position);
-- 3: + event ids, unique (idempotent appends)
CREATE TABLE v3_ids (LIKE v2_log INCLUDING ALL);
ALTER TABLE v3_ids ADD COLUMN event_id uuid NOT NULL, ADD UNIQUE (event_id);
CREATE SEQUENCE v3_seq; ALTER TABLE v3_ids ALTER global_position SET DEFAULT nextval('v3_seq');
-- 4: + metadata (audit), as bytes
CREATE TABLE v4_meta (LIKE v3_ids INCLUDING ALL);
ALTER TABLE v4_meta ADD COLUMN metadata bytea NOT NULL;
CREATE SEQUENCE v4_seq; ALTER TABLE v4_meta ALTER global_position SET DEFAULT nextval('v4_seq');
-- 5: our table as it is: data and metadata as json (checked well-formed on the way in)
CREATE TABLE v5_ours (LIKE v4_meta INCLUDING ALL);
ALTER TABLE v5_ours ALTER data TYPE json USING convert_from(data, 'UTF8'
    )::json, ALTER metadata TYPE json USING convert_from(metadata, 'UTF8')::json;
CREATE SEQUENCE v5_seq; ALTER TABLE v5_ours ALTER global_position SET DEFAULT nextval('v5_seq');
