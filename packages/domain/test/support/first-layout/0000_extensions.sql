-- Trigram matching keeps wildcard searches on indexes (see the search indexes in 0001).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
