import AdalDomain
import Foundation
import PostgresNIO

extension ReminderRepository {
    /// Enqueues the daily digest for every active staff member who has work that morning (see
    /// `adal_staff_daily_work`): one a day, at 09:00 in their zone — today's, planned from local
    /// midnight on, and sent late when a worker that was down comes back within `graceHours`. Work
    /// that appears later in the night is found by the next minute's planning; a member already
    /// planned for that day is not asked again.
    @discardableResult
    public func planDailyDigests(now: Date, graceHours: Int, on connection: PostgresConnection) async throws -> [Int64] {
        try await connection.run("""
            WITH members AS (
                SELECT u.id AS user_id, adal_staff_time_zone(u.id) AS time_zone
                FROM staff_users u WHERE u.disabled_at IS NULL
            ), mornings AS (
                SELECT m.user_id, m.time_zone, d.day, (d.day + time '09:00') AT TIME ZONE m.time_zone AS at,
                       'daily-digest:' || m.user_id || ':' || d.day AS occasion
                FROM members m CROSS JOIN LATERAL (SELECT (\(now)::timestamptz AT TIME ZONE m.time_zone)::date AS day) AS d
            )
            INSERT INTO jobs (kind, occasion, region_id, payload, run_at)
            SELECT 'daily_digest', m.occasion, NULL,
                   jsonb_build_object('user_id', m.user_id, 'day', m.day::text, 'time_zone', m.time_zone),
                   greatest(m.at, \(now)::timestamptz)
            FROM mornings m
            WHERE m.at > \(now)::timestamptz - make_interval(hours => \(graceHours)::int)
              AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.occasion = m.occasion)
              AND EXISTS (SELECT 1 FROM adal_staff_daily_work(m.user_id, m.day, m.time_zone))
            ON CONFLICT (occasion) WHERE occasion IS NOT NULL DO NOTHING
            RETURNING id
            """, logger: logger).map { try $0.decode(Int64.self) }
    }

    /// What a daily digest holds: the member's overdue and due-soon applications, overdue tasks and
    /// (for admins) failed reminders on the morning of `day`. Lists hold at most `limit` entries
    /// each; the counts are whole. Nil when the account is disabled.
    public struct DailyDigest: Sendable {
        public let recipient: Recipient
        public var lists: [String: [Digest.Line]] = [:]
        public var counts: [String: Int] = [:]

        public var isEmpty: Bool { counts.values.allSatisfy { $0 == 0 } }
    }

    public func dailyDigest(userID: UUID, day: CivilDate, timeZone: String, limit: Int = 50,
                            on connection: PostgresConnection) async throws -> DailyDigest? {
        guard let person = try await connection.run("""
            SELECT u.name, u.email, coalesce(u.language, adal_office_language(u.office_id), 'ru')
            FROM staff_users u WHERE u.id = \(userID) AND u.disabled_at IS NULL
            """, logger: logger).first else { return nil }
        let (name, email, language) = try person.decode((String, String, String).self)
        var digest = DailyDigest(recipient: Recipient(name: name, email: email, phone: nil,
                                                      language: try Decode.value(language, as: Language.self)))
        let rows = try await connection.run("""
            SELECT list, text, date, detail, total::int FROM (
                SELECT w.*, row_number() OVER (PARTITION BY w.list ORDER BY w.sort, w.text) AS n,
                       count(*) OVER (PARTITION BY w.list) AS total
                FROM adal_staff_daily_work(\(userID), \(day.description)::date, \(timeZone)) AS w) AS numbered
            WHERE n <= \(limit) ORDER BY list, n
            """, logger: logger)
        for row in rows {
            let (list, text, date, detail, total) = try row.decode((String, String, String, String, Int).self)
            digest.counts[list] = total
            digest.lists[list, default: []].append(Digest.Line(text: text, date: date, detail: detail))
        }
        return digest
    }
}
