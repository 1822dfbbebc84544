-- The application's own migration, run by Boot's Flyway auto-configuration on all defaults
-- (classpath:db/migration, flyway_schema_history in public): it refers to taskstore's task table in schema
-- taskstore, so it works only when taskstore migrated first.
CREATE TABLE task_label (
    task_id bigint NOT NULL REFERENCES taskstore.task (id) ON DELETE CASCADE,
    label   text   NOT NULL,
    PRIMARY KEY (task_id, label)
);
