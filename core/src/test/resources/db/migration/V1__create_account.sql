-- An application's own migration at Flyway's default location, for the tests of taskstore beside a host's
-- Flyway that runs with all of Flyway's defaults.
CREATE TABLE account (id bigint PRIMARY KEY, name text NOT NULL);
