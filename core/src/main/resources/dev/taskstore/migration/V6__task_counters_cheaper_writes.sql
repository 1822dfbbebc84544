-- taskstore schema, version 6: V5's counters kept at less cost to single-row writes (issue 19). Forward-only.
--
-- Same tables, same deltas, same compaction; what changes is how a write statement records its deltas:
--   insert  still one statement-level trigger (a bulk insert pays once per statement), but it writes each
--           counter table with a plain INSERT … SELECT … GROUP BY over the transition table instead of V5's one
--           statement whose data-modifying CTE fed both: the same rows, at a fraction of the cost for one row.
--   update  a row-level trigger that fires only when the row moves between groups (its priority, completed or
--           user_id changes; the WHEN clause is checked without calling any function): an update of a title or a
--           due date costs nothing, a status change four small inserts.
--   delete  a row-level trigger: two small inserts a row.
-- The statement-level update and delete triggers of V5 cost every such statement a plpgsql call and two queries
-- over transition tables, also when nothing moved; bench/README.md ("What the schema costs writes") has the
-- figures. The counts are exact as before: every delta is written in the transaction of the write it counts.
CREATE OR REPLACE FUNCTION task_count_track() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO task_count_by_user SELECT user_id, priority, completed, count(*) FROM new_rows GROUP BY 1, 2, 3;
    INSERT INTO task_count SELECT priority, completed, count(*) FROM new_rows GROUP BY 1, 2;
    IF random() < 1.0 / 256 THEN
        PERFORM task_count_compact();
    END IF;
    RETURN NULL;
END
$$;

-- One row's move between groups (update) or out of its group (delete).
CREATE FUNCTION task_count_row() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO task_count_by_user VALUES (OLD.user_id, OLD.priority, OLD.completed, -1);
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO task_count_by_user VALUES (NEW.user_id, NEW.priority, NEW.completed, 1);
        IF OLD.priority IS DISTINCT FROM NEW.priority OR OLD.completed IS DISTINCT FROM NEW.completed THEN
            INSERT INTO task_count VALUES (OLD.priority, OLD.completed, -1), (NEW.priority, NEW.completed, 1);
        END IF;
    ELSE
        INSERT INTO task_count VALUES (OLD.priority, OLD.completed, -1);
    END IF;
    IF random() < 1.0 / 256 THEN
        PERFORM task_count_compact();
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER task_count_update ON task;
DROP TRIGGER task_count_delete ON task;
CREATE TRIGGER task_count_update AFTER UPDATE ON task FOR EACH ROW
    WHEN (OLD.priority IS DISTINCT FROM NEW.priority OR OLD.completed IS DISTINCT FROM NEW.completed
          OR OLD.user_id IS DISTINCT FROM NEW.user_id)
    EXECUTE FUNCTION task_count_row();
CREATE TRIGGER task_count_delete AFTER DELETE ON task FOR EACH ROW EXECUTE FUNCTION task_count_row();
