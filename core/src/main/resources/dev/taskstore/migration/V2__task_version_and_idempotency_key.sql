-- taskstore schema, version 2: updated_at and version kept by the database, and an optional idempotency key
-- for creates (issue 17). Forward-only; V1 stays as it was.
--
-- Every new column has a default or is maintained by a trigger, so a writer that knows nothing of this
-- migration (the SQLModel guide's Task model, plain SQL) still inserts and updates correctly:
--   task.updated_at       set on insert (default now(), like created_at); set by the trigger on every update
--   task.version          1 on insert (default); +1 on every update, by the trigger, whatever the UPDATE sets
--   task.idempotency_key  a client's key for a create, or null; unique over the whole table (not per user:
--                         a task may have no user, and its user can change, while the key must keep naming the
--                         one create it was sent with); 1..255 printable ASCII characters, no space
--   task.idempotency_fingerprint  a digest of what the keyed create asked to store, written by taskstore, so
--                         that a retry is compared with the first attempt even after the task was updated

-- Existing rows: updated_at starts as created_at (rewrites the table once), version as 1.
ALTER TABLE task ADD COLUMN updated_at timestamptz;
UPDATE task SET updated_at = created_at;
ALTER TABLE task
    ALTER COLUMN updated_at SET DEFAULT now(),
    ALTER COLUMN updated_at SET NOT NULL,
    ADD COLUMN version bigint NOT NULL DEFAULT 1,
    ADD COLUMN idempotency_key text,
    ADD COLUMN idempotency_fingerprint bytea,
    ADD CONSTRAINT task_version_check CHECK (version >= 1),
    ADD CONSTRAINT task_idempotency_key_check
        CHECK (char_length(idempotency_key) BETWEEN 1 AND 255 AND idempotency_key ~ '^[!-~]+$');

-- Only keyed rows are indexed: a create without a key (and every bulk insert without keys) pays nothing.
CREATE UNIQUE INDEX task_idempotency_key ON task (idempotency_key) WHERE idempotency_key IS NOT NULL;

-- A row trigger on UPDATE only: inserts take the defaults and pay no trigger. clock_timestamp(), not now(): an
-- update in a transaction that began before the row's last update still moves updated_at forward, and two
-- updates in one transaction get different times. A referential action (ON DELETE SET NULL of a user) is an
-- update too, and counts.
CREATE FUNCTION task_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := OLD.version + 1;
    NEW.updated_at := clock_timestamp();
    RETURN NEW;
END
$$;

CREATE TRIGGER task_touch BEFORE UPDATE ON task FOR EACH ROW EXECUTE FUNCTION task_touch();
