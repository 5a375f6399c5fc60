-- Basket: the catalog of books and prices lives here when the server runs on PostgreSQL (the Redis book cache stays a
-- cache in front of it). Money is exact minor units plus an ISO 4217 code; a sale price is in the list price's
-- currency. A retired book stays, marked, so baskets and checkout can name it.
CREATE TABLE basket.books (
  book_id          uuid    PRIMARY KEY,
  title            text    NOT NULL CHECK (title <> ''),
  currency         text    NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  price_minor      bigint  NOT NULL CHECK (price_minor >= 0),
  sale_price_minor bigint  CHECK (sale_price_minor >= 0),
  stock_status     text    NOT NULL CHECK (stock_status IN ('IN_STOCK', 'OUT_OF_STOCK')),
  retired          boolean NOT NULL DEFAULT false);

-- Deliveries (ReceiveStock): one row per receipt, written in the transaction that adds its copies on hand, so a
-- retried delivery adds nothing and answers the copies on hand right after the first.
CREATE TABLE basket.stock_receipts (
  receipt_id    uuid        PRIMARY KEY,
  book_id       uuid        NOT NULL,
  copies        int         NOT NULL CHECK (copies > 0),
  on_hand_after int,
  received_at   timestamptz NOT NULL DEFAULT now());
