-- An application's own table beside taskstore's: free-form labels on tasks.
-- Applied by the application's Flyway (history table app_schema_history), after taskstore's migrations,
-- because it refers to taskstore's task table.
CREATE TABLE task_label (
    task_id bigint NOT NULL,
    label   text   NOT NULL,
    CONSTRAINT task_label_pkey PRIMARY KEY (task_id, label),
    CONSTRAINT task_label_task_id_fkey FOREIGN KEY (task_id) REFERENCES task (id) ON DELETE CASCADE,
    CONSTRAINT task_label_label_check CHECK (char_length(label) BETWEEN 1 AND 50)
);
