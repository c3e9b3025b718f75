-- Keyword search by characters and character pairs (lib/tickets/search, docs/ticket-search.md).
-- Trigrams cannot look up a keyword of one or two characters, which is the normal case in Chinese
-- (浦东, 西湖, a given name like 王伟). A GIN index over every character and every pair of adjacent
-- characters of search_text serves a keyword of any length: its pairs (its one character, for a
-- one-character keyword) must all be in the row, and strpos then confirms they are adjacent, in order.
-- An expression index, not a stored column: the grams would double the row; the index alone holds them.
CREATE FUNCTION "ticket_search_grams"(haystack text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT coalesce(array_agg(DISTINCT gram), '{}')
  FROM generate_series(1, char_length(haystack)) AS i,
       LATERAL (VALUES (substr(haystack, i, 1)), (substr(haystack, i, 2))) AS grams(gram)
$$;--> statement-breakpoint
-- What a (lower-cased) keyword looks up: its pairs of adjacent characters, or its one character.
CREATE FUNCTION "ticket_keyword_grams"(keyword text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT CASE
    WHEN char_length(keyword) <= 1 THEN ARRAY[keyword]
    ELSE ARRAY(SELECT substr(keyword, i, 2) FROM generate_series(1, char_length(keyword) - 1) AS i)
  END
$$;--> statement-breakpoint
CREATE INDEX "tickets_search_grams_idx" ON "tickets" USING gin (ticket_search_grams("search_text"));--> statement-breakpoint
-- The tickets a keyword matches, through the grams index, never more than `cap` of them. Sequential and
-- plain index scans are off inside the function so a misestimate can never turn this into a read of the
-- whole table. Whole rows: the other filters and the sort read them here (lib/tickets/search).
DROP FUNCTION IF EXISTS "ticket_keyword_rows"(text, integer);--> statement-breakpoint
CREATE FUNCTION "ticket_keyword_rows"(keyword text, cap integer) RETURNS SETOF tickets
  LANGUAGE sql STABLE PARALLEL SAFE
  ROWS 200
  SET enable_seqscan = off
  SET enable_indexscan = off
AS $$
  SELECT * FROM tickets
  WHERE ticket_search_grams(search_text) @> ticket_keyword_grams(lower(keyword))
    AND strpos(search_text, lower(keyword)) > 0
  LIMIT cap
$$;--> statement-breakpoint
-- Served by the grams index now: the trigram index (three characters and up) and the name-prefix index
-- (one or two characters, start of the name only) it replaces.
DROP INDEX "tickets_search_trgm_idx";--> statement-breakpoint
DROP INDEX "tickets_customer_name_prefix_idx";
