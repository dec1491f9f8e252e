-- A job's occasion is a key made by Adal (kind, ids, offset), never shown or sorted for a reader:
-- its unique index compares bytes rather than by the database's ICU collation, which was a
-- noticeable part of PostgreSQL's time for every job enqueued, claimed and finished (each of
-- these writes a new entry into the index).
DROP INDEX jobs_occasion;
CREATE UNIQUE INDEX jobs_occasion ON jobs (occasion COLLATE "C") WHERE occasion IS NOT NULL;
