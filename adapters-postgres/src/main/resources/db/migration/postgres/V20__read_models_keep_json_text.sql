-- Issue 16, ADR 0059: the read models' detail is stored as json, not jsonb, as the events' payloads are since V10.
--
-- No query of the product looks inside a view's detail: it is written whole by the projections (one upsert per batch,
-- or a rebuild's binary COPY) and read whole (view::text, decoded by the adapter). With jsonb the server parsed every
-- written view into jsonb's tree and printed every read one back out. With json it checks that the text is JSON and
-- keeps it as it came. Rows stored before are converted here, once. Their text is jsonb's normalised form, which
-- the adapter reads as it reads its own (any key order).
ALTER TABLE ordering.order_views ALTER COLUMN view TYPE json USING view::json;
ALTER TABLE ordering.buyer_views ALTER COLUMN view TYPE json USING view::json;
-- A rebuild killed before this migration left its shadow with the old column. The rebuild now copies json's binary
-- form into it, so the shadow is converted too, and the rebuild resumes from its checkpoint as before.
ALTER TABLE IF EXISTS ordering.order_views_shadow ALTER COLUMN view TYPE json USING view::json;
ALTER TABLE IF EXISTS ordering.buyer_views_shadow ALTER COLUMN view TYPE json USING view::json;
