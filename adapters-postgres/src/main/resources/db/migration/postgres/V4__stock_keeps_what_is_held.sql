-- Available stock is on hand minus what open reservations hold. Summing the open reservation lines of a book on every
-- reservation made each one slower as orders accumulated (every confirmed, unshipped order keeps its lines open), and
-- it ran under the book's row lock, so it capped the rate of checkouts of a popular book. The stock row now carries
-- the sum, kept by triggers in the same transaction as every change to reservations and their lines.
ALTER TABLE basket.stock ADD COLUMN held int NOT NULL DEFAULT 0;

UPDATE basket.stock s SET held = coalesce((
    SELECT sum(l.quantity) FROM basket.reservation_lines l
    JOIN basket.reservations r ON r.order_id = l.order_id
    WHERE r.open AND l.book_id = s.book_id), 0);

-- A line counts while its reservation is open.
CREATE FUNCTION basket.hold_line_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE')
     AND EXISTS (SELECT 1 FROM basket.reservations r WHERE r.order_id = OLD.order_id AND r.open) THEN
    UPDATE basket.stock SET held = held - OLD.quantity WHERE book_id = OLD.book_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE')
     AND EXISTS (SELECT 1 FROM basket.reservations r WHERE r.order_id = NEW.order_id AND r.open) THEN
    UPDATE basket.stock SET held = held + NEW.quantity WHERE book_id = NEW.book_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER reservation_lines_hold AFTER INSERT OR UPDATE OR DELETE ON basket.reservation_lines
  FOR EACH ROW EXECUTE FUNCTION basket.hold_line_change();

-- Opening or closing a reservation adds or removes all its lines at once (in book order: no deadlock between two).
CREATE FUNCTION basket.hold_reservation_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sign int := CASE WHEN NEW.open THEN 1 ELSE -1 END;
  line record;
BEGIN
  IF OLD.open IS DISTINCT FROM NEW.open THEN
    FOR line IN SELECT l.book_id, sum(l.quantity) AS quantity FROM basket.reservation_lines l
                WHERE l.order_id = NEW.order_id GROUP BY l.book_id ORDER BY l.book_id LOOP
      UPDATE basket.stock SET held = held + sign * line.quantity WHERE book_id = line.book_id;
    END LOOP;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER reservations_hold AFTER UPDATE OF open ON basket.reservations
  FOR EACH ROW EXECUTE FUNCTION basket.hold_reservation_change();
