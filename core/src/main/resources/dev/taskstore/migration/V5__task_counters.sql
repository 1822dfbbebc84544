-- taskstore schema, version 5: task counts kept by the database (issue 19, item 4). Forward-only.
--
-- A count of tasks by completed, priority and user (the guide's count of completed tasks, countByPriority)
-- reads these tables instead of the task rows, so its cost does not grow with the table. They are kept by
-- statement-level triggers with transition tables on task, so every writer keeps them right (taskstore, the
-- SQLModel guide's model, plain SQL, the ON DELETE SET NULL of a user) and a bulk insert pays once per statement.
--
-- The tables hold deltas, not one row per group: every write statement INSERTs one row per group it changed
-- (+n for rows that entered the group, -n for rows that left it), and a count is the sum of a group's rows.
-- Writers only insert, so concurrent writers never wait for each other or deadlock on a hot counter row, and a
-- rolled-back transaction takes its deltas with it; a count sees exactly the committed writes (and its own
-- transaction's) that it sees in task. task_count_compact() folds each group's rows into one; write statements
-- call it now and then (about one in 256), so the tables stay near one row per group.
--
--   task_count          per (priority, completed): counts without a user filter read at most a few hundred rows
--   task_count_by_user  per (user_id, priority, completed), user_id null for tasks without a user

CREATE TABLE task_count (
    priority  text NOT NULL,
    completed boolean NOT NULL,
    n         bigint NOT NULL
);

CREATE TABLE task_count_by_user (
    user_id   bigint,
    priority  text NOT NULL,
    completed boolean NOT NULL,
    n         bigint NOT NULL
);
-- The functions below run as their owner (SECURITY DEFINER, with the search_path of this migration fixed), so a
-- role that may write task needs no rights on the counter tables; a role that counts needs SELECT on them.

-- Counts of one user's tasks, and compaction, find a user's rows without reading the others'.
CREATE INDEX task_count_by_user_idx ON task_count_by_user (user_id);

-- Folds every group's rows into one (groups that sum to zero disappear). Only one compaction runs at a time (a
-- transaction-scoped advisory lock, taken without waiting: a busy compactor means this one is not needed), and
-- only under READ COMMITTED: a repeatable-read transaction deleting rows another compaction deleted would fail
-- with a serialization error, which a plain write must never do. It takes row locks only on committed delta
-- rows, which no writer touches, so it never makes a writer wait.
CREATE FUNCTION task_count_compact() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed'
            OR NOT pg_try_advisory_xact_lock(1952539500, 'task_count'::regclass::oid::int) THEN
        RETURN;
    END IF;
    WITH old AS (DELETE FROM task_count RETURNING priority, completed, n)
    INSERT INTO task_count SELECT priority, completed, sum(n) FROM old GROUP BY 1, 2 HAVING sum(n) <> 0;
    -- Only the users with more rows than groups (ids are >= 1, so 0 stands for "no user").
    WITH many AS (
        SELECT coalesce(user_id, 0) AS k FROM task_count_by_user GROUP BY 1
        HAVING count(*) > count(DISTINCT (priority, completed))),
    old AS (
        DELETE FROM task_count_by_user c USING many WHERE coalesce(c.user_id, 0) = many.k
        RETURNING c.user_id, c.priority, c.completed, c.n)
    INSERT INTO task_count_by_user
        SELECT user_id, priority, completed, sum(n) FROM old GROUP BY 1, 2, 3 HAVING sum(n) <> 0;
END
$$;

-- One function for the three statements; TG_OP says which transition tables exist.
CREATE FUNCTION task_count_track() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        WITH d AS (SELECT user_id, priority, completed, count(*) AS n FROM new_rows GROUP BY 1, 2, 3),
        u AS (INSERT INTO task_count_by_user SELECT * FROM d)
        INSERT INTO task_count SELECT priority, completed, sum(n) FROM d GROUP BY 1, 2;
    ELSIF TG_OP = 'DELETE' THEN
        WITH d AS (SELECT user_id, priority, completed, -count(*) AS n FROM old_rows GROUP BY 1, 2, 3),
        u AS (INSERT INTO task_count_by_user SELECT * FROM d)
        INSERT INTO task_count SELECT priority, completed, sum(n) FROM d GROUP BY 1, 2;
    ELSE
        -- An update that moves no row between groups (a title, a due date) writes nothing.
        WITH d AS (
            SELECT user_id, priority, completed, sum(n) AS n FROM (
                SELECT user_id, priority, completed, 1 AS n FROM new_rows
                UNION ALL
                SELECT user_id, priority, completed, -1 FROM old_rows) r
            GROUP BY 1, 2, 3 HAVING sum(n) <> 0),
        u AS (INSERT INTO task_count_by_user SELECT * FROM d)
        INSERT INTO task_count SELECT priority, completed, sum(n) FROM d GROUP BY 1, 2 HAVING sum(n) <> 0;
    END IF;
    IF random() < 1.0 / 256 THEN
        PERFORM task_count_compact();
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER task_count_insert AFTER INSERT ON task REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION task_count_track();
CREATE TRIGGER task_count_update AFTER UPDATE ON task REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION task_count_track();
CREATE TRIGGER task_count_delete AFTER DELETE ON task REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION task_count_track();

CREATE FUNCTION task_count_truncate() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM task_count;
    DELETE FROM task_count_by_user;
    RETURN NULL;
END
$$;

CREATE TRIGGER task_count_truncate AFTER TRUNCATE ON task
    FOR EACH STATEMENT EXECUTE FUNCTION task_count_truncate();

-- The tasks already there.
INSERT INTO task_count_by_user SELECT user_id, priority, completed, count(*) FROM task GROUP BY 1, 2, 3;
INSERT INTO task_count SELECT priority, completed, count(*) FROM task GROUP BY 1, 2;
