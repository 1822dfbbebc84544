-- taskstore schema, version 6: V5's counters kept at less cost to single-row writes (issue 19). Forward-only.
--
-- Same tables, same deltas, same compaction; what changes is how a write statement records its deltas:
--   insert, delete  still one statement-level trigger each (a statement of many rows pays once), but each
--           writes the two counter tables with plain INSERT … SELECT … GROUP BY statements over the transition
--           table instead of V5's one statement whose data-modifying CTE fed both: the same rows, for less.
--   update  a row-level trigger that fires only when the row moves between groups (its priority, completed or
--           user_id changes; the WHEN clause is checked without calling any function): an update of a title or
--           a due date records nothing and costs nothing, a status change two or four small inserts. A
--           statement-level trigger without transition tables calls the compaction now and then, as the
--           others do (never from the row-level trigger: a statement that moves many rows would compact once
--           every few hundred rows, each time over all the rows its transaction wrote).
-- V5's statement-level update trigger cost every update a plpgsql call and two queries over transition tables,
-- also when no row changed group; bench/README.md ("What the schema costs writes") has the figures. The counts
-- are exact as before: every delta is written in the transaction of the write it counts.
CREATE OR REPLACE FUNCTION task_count_track() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO task_count_by_user SELECT user_id, priority, completed, count(*) FROM new_rows GROUP BY 1, 2, 3;
        INSERT INTO task_count SELECT priority, completed, count(*) FROM new_rows GROUP BY 1, 2;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO task_count_by_user SELECT user_id, priority, completed, -count(*) FROM old_rows GROUP BY 1, 2, 3;
        INSERT INTO task_count SELECT priority, completed, -count(*) FROM old_rows GROUP BY 1, 2;
    END IF;
    IF random() < 1.0 / 256 THEN
        PERFORM task_count_compact();
    END IF;
    RETURN NULL;
END
$$;

-- One row's move between groups.
CREATE FUNCTION task_count_move() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO task_count_by_user VALUES (OLD.user_id, OLD.priority, OLD.completed, -1),
        (NEW.user_id, NEW.priority, NEW.completed, 1);
    IF OLD.priority IS DISTINCT FROM NEW.priority OR OLD.completed IS DISTINCT FROM NEW.completed THEN
        INSERT INTO task_count VALUES (OLD.priority, OLD.completed, -1), (NEW.priority, NEW.completed, 1);
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER task_count_update ON task;
CREATE TRIGGER task_count_update AFTER UPDATE ON task FOR EACH ROW
    WHEN (OLD.priority IS DISTINCT FROM NEW.priority OR OLD.completed IS DISTINCT FROM NEW.completed
          OR OLD.user_id IS DISTINCT FROM NEW.user_id)
    EXECUTE FUNCTION task_count_move();
CREATE TRIGGER task_count_update_compact AFTER UPDATE ON task FOR EACH STATEMENT EXECUTE FUNCTION task_count_track();
