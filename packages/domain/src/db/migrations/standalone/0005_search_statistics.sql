-- The planner chooses between the ordered walk of the search cover index and the trigram index from
-- the statistics ANALYZE keeps on the search text. With the default 100 histogram entries, a word
-- that 3% of the users match was sometimes estimated at 0.01% and searched through the trigram
-- index (265 ms instead of 7 at 1,000,000 users); 1000 entries keep the estimate steady
-- (docs/performance/search-plans.md).
ALTER INDEX "customer_user_search_cover" ALTER COLUMN 3 SET STATISTICS 1000;--> statement-breakpoint
ALTER INDEX "customer_user_search_trgm" ALTER COLUMN 1 SET STATISTICS 1000;--> statement-breakpoint
ANALYZE "customer_user";
