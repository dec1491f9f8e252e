-- An e-mail application keeps the Message-IDs its message answers (In-Reply-To, References): a
-- reply that reached the mailbox before its original (or was imported a run earlier) is stored as
-- an application of its own, and is joined to the original when the original is imported.
ALTER TABLE applications ADD COLUMN answers text[] NOT NULL DEFAULT '{}';
CREATE INDEX applications_answers ON applications USING gin (answers) WHERE channel = 'email' AND answers <> '{}';
