-- taskstore schema, version 4: "not blank" means the same in the database as in Java (dev.taskstore.spi.Checks).
-- Version 1 asked for one character outside [:space:], which depends on the server's locale and lets a title of
-- only U+00A0 (no-break space) or U+200B (zero width space) through. A title and a team name now need one
-- character outside this fixed set, whatever the locale:
--   the Unicode White_Space characters  U+0009..U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000..U+200A,
--                                       U+2028, U+2029, U+202F, U+205F, U+3000
--   Java's other whitespace             U+001C..U+001F
--   invisible format characters         U+180E, U+200B..U+200D, U+2060, U+FEFF
-- The constraints keep their names, which the library reports to callers.
--
-- Rows stored before this version that are blank by the new rule (only possible through plain SQL or an older
-- version) stay: the constraint is then left NOT VALID, with a warning, and applies to new and changed rows.

ALTER TABLE task DROP CONSTRAINT task_title_check,
  ADD CONSTRAINT task_title_check CHECK (char_length(title) BETWEEN 1 AND 500
    AND title ~ '[^\u0009-\u000D\u001C-\u0020\u0085\u00A0\u1680\u180E\u2000-\u200D\u2028\u2029\u202F\u205F\u2060\u3000\uFEFF]')
    NOT VALID;

ALTER TABLE team DROP CONSTRAINT team_name_check,
  ADD CONSTRAINT team_name_check CHECK (char_length(name) BETWEEN 1 AND 200
    AND name ~ '[^\u0009-\u000D\u001C-\u0020\u0085\u00A0\u1680\u180E\u2000-\u200D\u2028\u2029\u202F\u205F\u2060\u3000\uFEFF]')
    NOT VALID;

DO $$
BEGIN
  ALTER TABLE task VALIDATE CONSTRAINT task_title_check;
EXCEPTION WHEN check_violation THEN
  RAISE WARNING 'taskstore V4: some task titles are blank by the new rule; task_title_check stays NOT VALID';
END $$;

DO $$
BEGIN
  ALTER TABLE team VALIDATE CONSTRAINT team_name_check;
EXCEPTION WHEN check_violation THEN
  RAISE WARNING 'taskstore V4: some team names are blank by the new rule; team_name_check stays NOT VALID';
END $$;
