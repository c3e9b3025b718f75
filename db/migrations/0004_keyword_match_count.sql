-- How many tickets a keyword matches, counted through the trigram index and never past `cap`.
-- lib/tickets/queries.ts calls a keyword "common" from this count: the planner's own estimate for an
-- unanchored LIKE comes from a 100-entry histogram sample and is noise for the keywords that matter
-- (a street in 2% of tickets may match none of the entries, a rare name one of them), and a plan built
-- on a wrong guess reads the whole table. Sequential and plain index scans are switched off inside the
-- function only, so the count is always a bitmap over the trigram index: the cost stays bounded by the
-- keyword's own matches (the bitmap) and `cap` (the rows rechecked).
CREATE FUNCTION "ticket_keyword_match_count"(pattern text, cap integer) RETURNS integer
  LANGUAGE sql STABLE PARALLEL SAFE
  SET enable_seqscan = off
  SET enable_indexscan = off
AS $$
  SELECT count(*)::integer FROM (SELECT 1 FROM tickets WHERE search_text LIKE pattern LIMIT cap) AS matches
$$;
