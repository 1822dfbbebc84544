-- Finding the tasks with a label reads the index, not the whole table.
CREATE INDEX task_label_label_idx ON task_label (label, task_id);
