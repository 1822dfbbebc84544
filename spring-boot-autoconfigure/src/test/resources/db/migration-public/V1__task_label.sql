-- The same migration for taskstore in schema public beside the application's tables.
CREATE TABLE task_label (
    task_id bigint NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    label   text   NOT NULL,
    PRIMARY KEY (task_id, label)
);
