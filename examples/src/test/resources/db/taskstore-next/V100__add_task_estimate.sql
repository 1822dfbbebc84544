-- Stands in for a future taskstore release's next migration, to prove it applies after the application's.
ALTER TABLE task ADD COLUMN estimate_minutes integer;
