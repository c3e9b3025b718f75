-- A finer sample of search_text for the planner (lib/tickets/queries.ts decides "common keyword" from its
-- estimate). An unanchored LIKE is estimated from the share of histogram entries the pattern matches:
-- with the default 100 entries, a street in 2% of tickets matches about 2 of them, or by chance none
-- (then called rare, counted exactly through the trigram index: every match read). 1000 entries make
-- a keyword in ≥ 1% of tickets reliably common. Takes effect at the next ANALYZE (autovacuum's or the seed's).
ALTER TABLE "tickets" ALTER COLUMN "search_text" SET STATISTICS 1000;
