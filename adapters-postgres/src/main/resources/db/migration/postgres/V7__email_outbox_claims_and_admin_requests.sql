-- The e-mail outbox of ADR 0020. A deliverer claims one due row at a time with a lease (claimed_until), so two
-- deliverers never send the same row and a deliverer that died releases it when the lease ends. The give-up window
-- of the retry policy counts from retrying_since: when the row was queued, or when an admin last resent it. An e-mail
-- to a buyer without an address is recorded as UNSENDABLE and never tried (ADR 0021). An admin's resend or clean-up
-- keeps its answer under its request id, so a repeat answers the same and changes nothing.
ALTER TABLE notification.email_outbox DROP CONSTRAINT email_outbox_status_check;
ALTER TABLE notification.email_outbox
  ADD CONSTRAINT email_outbox_status_check CHECK (status IN ('PENDING', 'SENT', 'DEAD', 'UNSENDABLE'));

ALTER TABLE notification.email_outbox ADD COLUMN retrying_since bigint;
UPDATE notification.email_outbox SET retrying_since = created_at;
ALTER TABLE notification.email_outbox ALTER COLUMN retrying_since SET NOT NULL;

ALTER TABLE notification.email_outbox ADD COLUMN claimed_until bigint;

-- claims take the pending row due longest ago
DROP INDEX notification.email_outbox_due;
CREATE INDEX email_outbox_due ON notification.email_outbox (next_attempt_at, created_at) WHERE status = 'PENDING';

CREATE TABLE notification.admin_requests (
  scope        text   NOT NULL,
  key          text   NOT NULL,
  request_hash text   NOT NULL,
  answer       int    NOT NULL,
  created_at   bigint NOT NULL,
  PRIMARY KEY (scope, key));
