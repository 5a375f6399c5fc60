-- The raw floor's table (benchmarks' RawJdbcSubject) and one event's payload, for run.sh.
CREATE TABLE events (position bigserial PRIMARY KEY, stream uuid NOT NULL, version bigint NOT NULL,
  type text NOT NULL, payload bytea NOT NULL, UNIQUE (stream, version));
CREATE TABLE src (payload bytea NOT NULL);
INSERT INTO src VALUES (convert_to('{"orderId":"0192f0c8-0000-7000-8000-000000000001","buyer":{"id":"0192f0c8-0000-7'
  || '000-8000-00000000b001","name":"A Buyer"},"lines":[{"book":"0192f0c8-0000-7000-8000-000000000001","quantity":1}]'
  || ',"placedAt":"2026-12-07T04:33:09.123456Z"}', 'UTF8'));
