-- An online meeting in Karaganda 110 minutes from now with :count invited people, each with an
-- e-mail address :'prefix'N@example.kz: each one's 2-hour reminder is due at once. Used by the
-- reminders benchmark and the scale-out rehearsal:
--   psql -v count=N -v prefix=p -v title='…' -f scripts/online-meeting.sql
WITH event AS (
    INSERT INTO events (region_id, office_id, kind, format, title, link, starts_at, status)
    SELECT r.id, o.id, 'videoconference', 'online', :'title', 'https://meet.example.kz/' || :'prefix',
           now() + interval '110 minutes', 'planned'
    FROM regions r JOIN offices o ON o.region_id = r.id WHERE r.code = 'KZ-35' AND o.code = 'KAR'
    RETURNING id, region_id
), added AS (
    INSERT INTO people (region_id, full_name, search_key, email, language)
    SELECT e.region_id, 'Қатысушы ' || n, 'qatysushy ' || n, :'prefix' || n || '@example.kz', 'kk'
    FROM event e, generate_series(1, :count) AS n
    RETURNING id, region_id
)
INSERT INTO participants (event_id, person_id, region_id, role) SELECT e.id, a.id, a.region_id, 'participant' FROM event e, added a;
