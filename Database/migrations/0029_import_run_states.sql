-- An import run says how it ended: finished, failed (with the reason: the database went read-only,
-- say) or interrupted (its process died). A running run holds an advisory lock on its own session
-- for as long as it runs, so the next run, or the worker's hourly sweep, can tell a dead one from a
-- live one at once and finish it; the records it stored stay, and running the import again adds the rest.

ALTER TABLE import_runs
    ADD COLUMN state text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'finished', 'failed', 'interrupted')),
    ADD COLUMN reason text;
UPDATE import_runs SET state = 'finished' WHERE finished_at IS NOT NULL;
UPDATE import_runs SET state = 'interrupted', finished_at = now(), reason = 'left unfinished before runs had a state'
WHERE finished_at IS NULL;
ALTER TABLE import_runs ADD CONSTRAINT import_runs_ended CHECK ((state = 'running') = (finished_at IS NULL));
CREATE INDEX import_runs_running ON import_runs (id) WHERE state = 'running';
-- The key of the advisory lock (class 7262) a running run's process holds; taken before the run is
-- recorded, so no live run is ever taken for a dead one.
ALTER TABLE import_runs ADD COLUMN lock_key int;
