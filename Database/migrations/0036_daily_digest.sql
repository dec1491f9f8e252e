-- The daily digest: one message a morning to each staff member with work waiting, in place of an
-- e-mail per overdue application. What counts as a member's work is defined once, here, for the
-- planner (is there any?) and the message (what is it?) alike.

-- The zone a staff member's morning is in: their office's region, else their own region, else
-- (a member who sees every region and has no office) the zone of the first office's region.
CREATE FUNCTION adal_staff_time_zone(staff uuid) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT coalesce(
        (SELECT r.time_zone FROM staff_users u JOIN offices f ON f.id = u.office_id JOIN regions r ON r.id = f.region_id WHERE u.id = staff),
        (SELECT r.time_zone FROM staff_users u JOIN regions r ON r.id = u.region_id WHERE u.id = staff),
        (SELECT r.time_zone FROM offices f JOIN regions r ON r.id = f.region_id ORDER BY f.id LIMIT 1),
        'UTC')
$$;

-- A staff member's work on the morning of `day` (in `zone`):
--   overdue          open applications they review, and every open one of an office they head, past due;
--   due_soon         open applications they review, due within 3 working days of their country;
--   overdue_tasks    open tasks past due from the meetings of an office they head, or of their own
--                    office when they are its coordinator;
--   failed_reminders for admins: jobs given up since the previous morning, in the regions they see.
CREATE FUNCTION adal_staff_daily_work(staff uuid, day date, zone text)
RETURNS TABLE (list text, text text, date text, detail text, sort timestamptz)
LANGUAGE sql STABLE AS $$
    WITH member AS (
        SELECT u.id, u.email, u.role, u.office_id, u.region_id, u.all_regions
        FROM staff_users u WHERE u.id = staff AND u.disabled_at IS NULL
    ), headed AS (
        SELECT f.id FROM offices f JOIN member m ON f.head_user_id = m.id
    ), open_applications AS (
        SELECT a.full_name, a.due_on, a.region_id,
               -- What staff know an application by: its eOtinish number, else the short ID the console and CLI take.
               CASE WHEN a.channel = 'eotinish' THEN 'eOtinish ' || a.external_ref ELSE right(a.id::text, 8) END AS reference,
               lower(a.reviewer) = m.email AS reviewing
        FROM applications a, member m
        WHERE a.status IN ('received', 'screening', 'needs_info')
          AND (lower(a.reviewer) = m.email OR a.office_id IN (SELECT id FROM headed))
    )
    SELECT 'overdue', a.full_name, a.due_on::text, a.reference, a.due_on::timestamptz
    FROM open_applications a WHERE a.due_on < day
    UNION ALL
    SELECT 'due_soon', a.full_name, a.due_on::text, a.reference, a.due_on::timestamptz
    FROM open_applications a JOIN regions r ON r.id = a.region_id
    WHERE a.reviewing AND a.due_on >= day
      AND a.due_on <= (SELECT d::date FROM generate_series(day + 1, day + 30, interval '1 day') AS d
                       WHERE coalesce((SELECT c.kind = 'working' FROM calendar_days c WHERE c.country = r.country AND c.day = d::date),
                                      extract(isodow FROM d) < 6)
                       ORDER BY d OFFSET 2 LIMIT 1)
    UNION ALL
    SELECT 'overdue_tasks', t.title, t.due_on::text, e.title, t.due_on::timestamptz
    FROM tasks t JOIN decisions d ON d.id = t.decision_id JOIN events e ON e.id = d.event_id, member m
    WHERE t.status = 'open' AND t.due_on < day
      AND (e.office_id IN (SELECT id FROM headed) OR (m.role = 'coordinator' AND e.office_id = m.office_id))
    UNION ALL
    SELECT 'failed_reminders', j.kind, to_char(j.finished_at AT TIME ZONE zone, 'YYYY-MM-DD HH24:MI'),
           left(coalesce(j.last_error, ''), 200), j.finished_at
    FROM jobs j, member m
    WHERE m.role = 'admin' AND j.state = 'dead'
      AND j.finished_at >= ((day - 1) + time '09:00') AT TIME ZONE zone
      AND (m.all_regions OR j.region_id IN (SELECT region_subtree(m.region_id)))
$$;

-- The planner asks every minute whether each member has work: these keep that cheap.
CREATE INDEX applications_open_reviewer ON applications (lower(reviewer)) WHERE status IN ('received', 'screening', 'needs_info');
CREATE INDEX applications_open_office ON applications (office_id, due_on) WHERE status IN ('received', 'screening', 'needs_info');
CREATE INDEX jobs_dead ON jobs (finished_at) WHERE state = 'dead';
