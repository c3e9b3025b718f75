-- ticket_keyword_rows (0005) answers what ticket_keyword_match_count (0004) did, in the same statement
-- as the page: whether a keyword is common is told by how many rows it returned. One trigram guard
-- instead of two.
DROP FUNCTION IF EXISTS "ticket_keyword_match_count"(text, integer);
