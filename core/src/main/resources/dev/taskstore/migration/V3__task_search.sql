-- taskstore schema, version 3: full-text search over a task's title and description.
--
-- A GIN index on an expression rather than a stored tsvector column: no column that writers unaware of it
-- (the SQLModel guide's Task model, plain SQL) would have to keep in step, and nothing to backfill by hand.
-- TaskQueries.SEARCH_VECTOR must be exactly this expression, or PostgreSQL cannot use the index.
--
-- The text search configuration is 'simple' (lower case, no stemming, no stop words): task titles mix
-- languages and names, and a language's stemming would make "running" find "run" in English while mangling
-- other languages. It is fixed here, not a setting: another configuration needs another index, hence a
-- migration. Title words weigh more than description words in the relevance (weights A and B).
CREATE INDEX task_search_idx ON task USING gin (
    (setweight(to_tsvector('simple'::regconfig, title), 'A')
        || setweight(to_tsvector('simple'::regconfig, coalesce(description, '')), 'B')));
