-- One schema per service plus the event store (RELIABILITY.md sections 1 and 2).
CREATE SCHEMA IF NOT EXISTS eventstore;
CREATE SCHEMA IF NOT EXISTS ordering;
CREATE SCHEMA IF NOT EXISTS basket;
CREATE SCHEMA IF NOT EXISTS finance;
CREATE SCHEMA IF NOT EXISTS notification;

CREATE TABLE eventstore.events (
  global_position bigserial   PRIMARY KEY,
  stream_type     text        NOT NULL,
  stream_id       uuid        NOT NULL,
  version         int         NOT NULL CHECK (version >= 1),
  event_id        uuid        NOT NULL,
  type            text        NOT NULL,
  schema_version  int         NOT NULL CHECK (schema_version >= 1),
  data            jsonb       NOT NULL,
  metadata        jsonb       NOT NULL,
  tx_id           xid8        NOT NULL DEFAULT pg_current_xact_id(),
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_event_id_key UNIQUE (event_id),
  CONSTRAINT events_stream_version_key UNIQUE (stream_type, stream_id, version));
-- Serves the global reader: WHERE (tx_id, global_position) > (...) ORDER BY tx_id, global_position.
CREATE INDEX events_feed ON eventstore.events (tx_id, global_position);

-- Stored events are never rewritten: upcasting happens on read (section 6).
CREATE FUNCTION eventstore.refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'eventstore.events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON eventstore.events
  FOR EACH ROW EXECUTE FUNCTION eventstore.refuse_event_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON eventstore.events
  FOR EACH STATEMENT EXECUTE FUNCTION eventstore.refuse_event_change();

-- Client request keys, claimed in the same transaction as the append (section 4).
CREATE TABLE eventstore.idempotency (
  scope        text        NOT NULL,
  key          text        NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
  request_hash text        NOT NULL,
  outcome      text        NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (scope, key));
CREATE INDEX idempotency_created_at ON eventstore.idempotency (created_at);

-- How far each subscription has handled the global log: (tx_id, position), see section 3.
CREATE TABLE eventstore.checkpoints (
  subscription  text        PRIMARY KEY,
  last_tx_id    xid8        NOT NULL,
  last_position bigint      NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now());

-- Events a subscription could not handle, with their error; later events of the stream park behind them. The whole
-- event is kept (as it was read, exactly), so an admin can inspect it even if the log's copy cannot be decoded.
CREATE TABLE eventstore.dead_letters (
  seq             bigserial   PRIMARY KEY,
  subscription    text        NOT NULL,
  event_id        uuid        NOT NULL,
  log_tx          bigint      NOT NULL,
  log_position    bigint      NOT NULL,
  stream_type     text        NOT NULL,
  stream_id       uuid        NOT NULL,
  version         bigint      NOT NULL,
  type            text        NOT NULL,
  schema_version  int         NOT NULL,
  data            jsonb       NOT NULL,
  metadata        jsonb       NOT NULL,
  recorded_at     text        NOT NULL, -- ISO-8601 with nanoseconds: the exact instant the reader saw
  error           text        NOT NULL,
  parked_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (subscription, event_id));
CREATE INDEX dead_letters_stream ON eventstore.dead_letters (subscription, stream_type, stream_id);

-- A disposable cache of folded state, tagged with the decider that folded it (section 6).
CREATE TABLE eventstore.snapshots (
  stream_type             text        NOT NULL,
  stream_id               uuid        NOT NULL,
  version                 bigint      NOT NULL,
  decider_version         int         NOT NULL,
  snapshot_schema_version int         NOT NULL,
  state_type              text        NOT NULL,
  data                    jsonb       NOT NULL,
  taken_at                timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (stream_type, stream_id));

-- Order read models: the detail as JSON plus the columns the list filters and pages on.
CREATE TABLE ordering.order_views (
  order_id   uuid        PRIMARY KEY,
  buyer_id   uuid        NOT NULL,
  status     text        NOT NULL,
  placed_at  bigint      NOT NULL, -- epoch nanoseconds: timestamptz keeps micros, page tokens keep nanos
  version    bigint      NOT NULL,
  deleted    boolean     NOT NULL,
  view       jsonb       NOT NULL);
CREATE INDEX order_views_by_buyer ON ordering.order_views (buyer_id, placed_at DESC, order_id DESC) WHERE NOT deleted;
CREATE INDEX order_views_by_status ON ordering.order_views (status, placed_at DESC, order_id DESC) WHERE NOT deleted;
CREATE INDEX order_views_newest ON ordering.order_views (placed_at DESC, order_id DESC) WHERE NOT deleted;

CREATE TABLE ordering.buyer_views (
  buyer_id uuid    PRIMARY KEY,
  version  bigint  NOT NULL,
  deleted  boolean NOT NULL,
  view     jsonb   NOT NULL);
