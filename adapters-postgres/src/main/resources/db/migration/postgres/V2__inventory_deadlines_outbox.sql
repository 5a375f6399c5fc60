-- Instants that callers compare for equality are kept as epoch nanoseconds: timestamptz keeps microseconds only.

-- Basket: copies on hand and the reservations of orders (all or nothing per order, idempotent, RELIABILITY §4).
CREATE TABLE basket.stock (
  book_id uuid PRIMARY KEY,
  on_hand int  NOT NULL CHECK (on_hand >= 0));
CREATE TABLE basket.reservations (
  order_id uuid    PRIMARY KEY,
  open     boolean NOT NULL);
CREATE TABLE basket.reservation_lines (
  order_id uuid NOT NULL REFERENCES basket.reservations (order_id),
  book_id  uuid NOT NULL,
  line_no  int  NOT NULL,
  quantity int  NOT NULL CHECK (quantity >= 0),
  PRIMARY KEY (order_id, book_id));
CREATE INDEX reservation_lines_by_book ON basket.reservation_lines (book_id);
CREATE TABLE basket.shipments (
  shipment_id  uuid        PRIMARY KEY,
  order_id     uuid        NOT NULL,
  committed_at timestamptz NOT NULL DEFAULT now());

-- Finance: durable saga deadlines, claimed with FOR UPDATE SKIP LOCKED and a lease.
CREATE TABLE finance.saga_deadlines (
  order_id     uuid    NOT NULL,
  step         int     NOT NULL,
  due_at       bigint  NOT NULL,
  leased_until bigint,
  completed    boolean NOT NULL DEFAULT false,
  PRIMARY KEY (order_id, step));
CREATE INDEX saga_deadlines_due ON finance.saga_deadlines (due_at) WHERE NOT completed;

-- Notification: one e-mail per (order, kind); the row id makes the SMTP Message-ID.
CREATE TABLE notification.email_outbox (
  id              uuid    PRIMARY KEY,
  order_id        uuid    NOT NULL,
  kind            text    NOT NULL,
  email           jsonb   NOT NULL,
  status          text    NOT NULL CHECK (status IN ('PENDING', 'SENT', 'DEAD')),
  attempts        int     NOT NULL,
  created_at      bigint  NOT NULL,
  next_attempt_at bigint  NOT NULL,
  sent_at         bigint,
  last_error      text,
  UNIQUE (order_id, kind));
CREATE INDEX email_outbox_due ON notification.email_outbox (next_attempt_at) WHERE status = 'PENDING';
