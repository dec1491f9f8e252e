-- Names across scripts: each person's name keys (NameKeys in AdalDomain: per token its Latin
-- skeleton and its phonetic key), indexed, so that a search in any script or spelling finds them
-- token by token. Rows stored before this migration are given their keys by `adal db migrate`
-- right after it (the keys are made in Swift, by the one rule), in batches.
ALTER TABLE people ADD COLUMN name_keys text[] NOT NULL DEFAULT '{}';
CREATE INDEX people_name_keys ON people USING gin (name_keys);
-- The rebuild finds the rows still without keys through this.
CREATE INDEX people_without_name_keys ON people (id) WHERE name_keys = '{}';

-- Possible duplicates are those born the same day whose names match by their keys: found by birth date.
CREATE INDEX people_birth_date ON people (birth_date);
CREATE INDEX applications_open_birth_date ON applications (birth_date) WHERE status IN ('received', 'screening', 'needs_info');
