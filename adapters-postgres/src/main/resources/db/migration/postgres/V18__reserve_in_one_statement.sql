-- A reservation was five statements in one transaction (the order's lock, its state, the books' stock rows locked
-- and read, the reservation, its lines), and the stock rows stayed locked from the third of them to the commit: two
-- round trips to the server and back while every other checkout of the same book waited on that row. Under load a
-- popular book's row became a queue (ADR 0044). basket.reserve does the same work in one statement, called in its own
-- transaction, so the rows stay locked only while it runs and commits.
--
-- Answers 'reserved' (also for a reservation already open: a redelivered request), 'closed' (one released before),
-- or 'out_of_stock' with the books of the lines that cannot be held, in line order; then nothing is written.
CREATE FUNCTION basket.reserve(p_order uuid, p_books uuid[], p_quantities int[], p_lock_class int)
  RETURNS TABLE (answer text, short_books uuid[]) LANGUAGE plpgsql AS $$
DECLARE
  v_open boolean;
  v_short uuid[];
BEGIN
  IF coalesce(array_length(p_books, 1), 0) <> coalesce(array_length(p_quantities, 1), 0) THEN
    RAISE EXCEPTION 'basket.reserve: % books but % quantities',
      coalesce(array_length(p_books, 1), 0), coalesce(array_length(p_quantities, 1), 0);
  END IF;
  -- the order's lock, as adjust and release take it (ReservationRows.lockOrder: hashtext of the id's text)
  PERFORM pg_advisory_xact_lock(p_lock_class, hashtext(p_order::text));
  SELECT r.open INTO v_open FROM basket.reservations r WHERE r.order_id = p_order;
  IF FOUND THEN
    RETURN QUERY SELECT CASE WHEN v_open THEN 'reserved' ELSE 'closed' END, NULL::uuid[];
    RETURN;
  END IF;
  -- the books' stock rows locked in id order, so no two reservations deadlock; a book with no stock row has none
  PERFORM 1 FROM basket.stock s WHERE s.book_id = ANY (p_books) ORDER BY s.book_id FOR UPDATE;
  SELECT array_agg(l.book ORDER BY l.n) INTO v_short
    FROM unnest(p_books, p_quantities) WITH ORDINALITY AS l(book, quantity, n)
    LEFT JOIN basket.stock s ON s.book_id = l.book
   WHERE coalesce(s.on_hand - s.held, 0) < l.quantity;
  IF v_short IS NOT NULL THEN
    RETURN QUERY SELECT 'out_of_stock'::text, v_short;
    RETURN;
  END IF;
  INSERT INTO basket.reservations (order_id, open) VALUES (p_order, true);
  -- one row per line in line order, as ReservationRows.write inserts them; the trigger adds each to the book's held
  FOR i IN 1 .. coalesce(array_length(p_books, 1), 0) LOOP
    INSERT INTO basket.reservation_lines (order_id, book_id, line_no, quantity)
    VALUES (p_order, p_books[i], i - 1, p_quantities[i])
    ON CONFLICT (order_id, book_id) DO UPDATE SET quantity = EXCLUDED.quantity;
  END LOOP;
  RETURN QUERY SELECT 'reserved'::text, NULL::uuid[];
END $$;
