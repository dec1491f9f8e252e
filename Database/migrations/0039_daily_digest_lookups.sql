-- The daily digest's work, asked of every staff member every minute by the planner, read every
-- open application once per member at a country's scale (1.8 s a pass over 49 members and 50,000
-- applications, Benchmarks/daily-digest.sh): the reviewer's and the head's applications are now two
-- lookups, each through its own index (migration 0036 made them), instead of one OR. Same work.
CREATE OR REPLACE FUNCTION adal_staff_daily_work(staff uuid, day date, zone text)
RETURNS TABLE (list text, text text, date text, detail text, sort timestamptz)
LANGUAGE sql STABLE AS $$
    WITH member AS (
        SELECT u.id, u.email, u.role, u.office_id, u.region_id, u.all_regions
        FROM staff_users u WHERE u.id = staff AND u.disabled_at IS NULL
    ), headed AS (
        SELECT f.id FROM offices f JOIN member m ON f.head_user_id = m.id
    ), open_applications AS (
        -- Two lookups, each through its own index (an OR of the two read every open application).
        SELECT a.full_name, a.due_on, a.region_id, a.channel, a.external_ref, a.id, true AS reviewing
        FROM applications a, member m
        WHERE a.status IN ('received', 'screening', 'needs_info') AND lower(a.reviewer) = m.email
        UNION ALL
        SELECT a.full_name, a.due_on, a.region_id, a.channel, a.external_ref, a.id, false
        FROM applications a, member m
        WHERE a.status IN ('received', 'screening', 'needs_info') AND a.office_id IN (SELECT id FROM headed)
          AND lower(coalesce(a.reviewer, '')) <> m.email
    ), named AS (
        SELECT o.*,
               -- What staff know an application by: its eOtinish number, else the short ID the console and CLI take.
               CASE WHEN o.channel = 'eotinish' THEN 'eOtinish ' || o.external_ref ELSE right(o.id::text, 8) END AS reference
        FROM open_applications o
    )
    SELECT 'overdue', a.full_name, a.due_on::text, a.reference, a.due_on::timestamptz
    FROM named a WHERE a.due_on < day
    UNION ALL
    SELECT 'due_soon', a.full_name, a.due_on::text, a.reference, a.due_on::timestamptz
    FROM named a JOIN regions r ON r.id = a.region_id
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

