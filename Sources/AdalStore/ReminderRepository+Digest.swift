import AdalDomain
import Foundation
import PostgresNIO

extension ReminderRepository {
    /// Enqueues the weekly digest for every active admin: one per time zone of the regions (with an
    /// office) in the admin's scope, on Monday at 09:00 in that zone — this week's when it is not
    /// more than `graceHours` past (a worker that was down catches up), and next week's ahead.
    @discardableResult
    public func planWeeklyDigests(now: Date, graceHours: Int, on connection: PostgresConnection) async throws -> [Int64] {
        try await connection.run("""
            WITH zones AS (
                SELECT DISTINCT u.id AS user_id, r.time_zone
                FROM staff_users u JOIN regions r
                  ON u.all_regions OR r.id IN (SELECT region_subtree(u.region_id))
                WHERE u.role = 'admin' AND u.disabled_at IS NULL
                  AND EXISTS (SELECT 1 FROM offices o WHERE o.region_id = r.id)
            ), marks AS (
                SELECT z.user_id, z.time_zone, monday,
                       (monday + time '09:00') AT TIME ZONE z.time_zone AS at
                FROM zones z CROSS JOIN LATERAL (
                    SELECT (date_trunc('week', \(now)::timestamptz AT TIME ZONE z.time_zone)::date + weeks * 7) AS monday
                    FROM unnest(ARRAY[0, 1]) AS weeks) AS w
            )
            INSERT INTO jobs (kind, occasion, region_id, payload, run_at)
            SELECT 'weekly_digest', 'weekly-digest:' || m.time_zone || ':' || m.monday || ':' || m.user_id, NULL,
                   jsonb_build_object('user_id', m.user_id, 'time_zone', m.time_zone, 'monday', m.monday::text),
                   greatest(m.at, \(now)::timestamptz)
            FROM marks m
            WHERE m.at > \(now)::timestamptz - make_interval(hours => \(graceHours)::int)
              AND m.at <= \(now)::timestamptz + interval '8 days'
            ON CONFLICT (occasion) WHERE occasion IS NOT NULL DO NOTHING
            RETURNING id
            """, logger: logger).map { try $0.decode(Int64.self) }
    }

    /// What a weekly digest holds: in the admin's regions of one time zone, the volunteers
    /// registered in the week before `monday`, applications due in the week from it and those
    /// overdue, and events starting in that week. Lists hold at most `limit` entries each; the
    /// counts are whole.
    public struct Digest: Sendable {
        public struct Line: Sendable {
            public let text: String
            public let date: String
            public let detail: String
        }
        public let recipient: Recipient
        public var volunteers: [Line] = []
        public var dueSoon: [Line] = []
        public var overdue: [Line] = []
        public var events: [Line] = []
        public var counts: [String: Int] = [:]
    }

    public func digest(userID: UUID, timeZone: String, monday: CivilDate, limit: Int = 50,
                       on connection: PostgresConnection) async throws -> Digest? {
        guard let person = try await connection.run("""
            SELECT u.name, u.email, coalesce(u.language, adal_office_language(u.office_id), 'ru')
            FROM staff_users u WHERE u.id = \(userID) AND u.disabled_at IS NULL AND u.role = 'admin'
            """, logger: logger).first else { return nil }
        let (name, email, language) = try person.decode((String, String, String).self)
        var digest = Digest(recipient: Recipient(name: name, email: email, phone: nil,
                                                 language: try Decode.value(language, as: Language.self)))
        let rows = try await connection.run("""
            WITH scope AS (
                SELECT r.id, coalesce(r.names ->> \(language), r.names ->> 'en') AS name
                FROM staff_users u JOIN regions r ON u.all_regions OR r.id IN (SELECT region_subtree(u.region_id))
                WHERE u.id = \(userID) AND r.time_zone = \(timeZone)
            ), week AS (
                SELECT \(monday.description)::date AS monday,
                       (\(monday.description)::date + time '00:00') AT TIME ZONE \(timeZone) AS starts
            ), lines AS (
                SELECT 'volunteers' AS list, p.full_name AS text, to_char(v.created_at AT TIME ZONE \(timeZone), 'YYYY-MM-DD') AS date,
                       s.name AS detail, v.created_at AS sort
                FROM volunteers v JOIN people p ON p.id = v.person_id JOIN scope s ON s.id = v.region_id, week w
                WHERE v.created_at >= w.starts - interval '7 days' AND v.created_at < w.starts
                UNION ALL
                SELECT CASE WHEN a.due_on < w.monday THEN 'overdue' ELSE 'due_soon' END, a.full_name, a.due_on::text,
                       coalesce(a.reviewer, '—'), a.due_on::timestamptz
                FROM applications a JOIN scope s ON s.id = a.region_id, week w
                WHERE a.status IN ('received', 'screening', 'needs_info') AND a.due_on < w.monday + 7
                UNION ALL
                SELECT 'events', e.title, to_char(e.starts_at AT TIME ZONE \(timeZone), 'YYYY-MM-DD HH24:MI'), s.name, e.starts_at
                FROM events e JOIN scope s ON s.id = e.region_id, week w
                WHERE e.status = 'planned' AND e.starts_at >= w.starts AND e.starts_at < w.starts + interval '7 days'
            ), numbered AS (
                SELECT *, row_number() OVER (PARTITION BY list ORDER BY sort, text) AS n, count(*) OVER (PARTITION BY list) AS total
                FROM lines
            )
            SELECT list, text, date, detail, total::int FROM numbered WHERE n <= \(limit) ORDER BY list, n
            """, logger: logger)
        for row in rows {
            let (list, text, date, detail, total) = try row.decode((String, String, String, String, Int).self)
            let line = Digest.Line(text: text, date: date, detail: detail)
            digest.counts[list] = total
            switch list {
            case "volunteers": digest.volunteers.append(line)
            case "due_soon": digest.dueSoon.append(line)
            case "overdue": digest.overdue.append(line)
            default: digest.events.append(line)
            }
        }
        return digest
    }
}
