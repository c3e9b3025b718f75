-- The tickets a keyword matches, found through the trigram index and never more than `cap` of them.
-- Same guard as ticket_keyword_match_count (0004): sequential and plain index scans are off inside the
-- function, so the planner's noisy estimate for an unanchored LIKE can never turn this into a scan of
-- the table. lib/tickets/queries.ts gathers, filters, counts and pages a rare keyword's matches from
-- these rows in one statement, and learns from the same statement whether the keyword is common (the
-- cap reached). Whole rows, so the other filters and the sort read them here instead of looking each
-- match up again by id. ROWS: the planner's guess for the result.
CREATE FUNCTION "ticket_keyword_rows"(pattern text, cap integer) RETURNS SETOF tickets
  LANGUAGE sql STABLE PARALLEL SAFE
  ROWS 200
  SET enable_seqscan = off
  SET enable_indexscan = off
AS $$
  SELECT * FROM tickets WHERE search_text LIKE pattern LIMIT cap
$$;
