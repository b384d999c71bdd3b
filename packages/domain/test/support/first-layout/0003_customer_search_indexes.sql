DROP INDEX "customer_company_search_trgm";--> statement-breakpoint
CREATE INDEX "customer_company_id_trgm" ON "customer_company" USING gin (lower("customer_id") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customer_company_name_trgm" ON "customer_company" USING gin (lower("name") gin_trgm_ops);