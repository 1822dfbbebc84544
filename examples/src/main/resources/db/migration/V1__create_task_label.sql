-- An application's own table: free-form labels on tasks. The application runs Flyway with all its defaults
-- (classpath:db/migration, history flyway_schema_history, schema public); taskstore lives in its own schema,
-- taskstore, with its own history table there, so neither Flyway sees the other's migrations. This migration
-- refers to taskstore's task table, so taskstore migrates first.
CREATE TABLE task_label (
    task_id bigint NOT NULL,
    label   text   NOT NULL,
    CONSTRAINT task_label_pkey PRIMARY KEY (task_id, label),
    CONSTRAINT task_label_task_id_fkey FOREIGN KEY (task_id) REFERENCES taskstore.task (id) ON DELETE CASCADE,
    CONSTRAINT task_label_label_check CHECK (char_length(label) BETWEEN 1 AND 50)
);
