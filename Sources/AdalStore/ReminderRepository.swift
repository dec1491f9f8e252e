import AdalDomain
import Foundation
import Logging
import PostgresNIO

/// Which reminders are due, and what a reminder needs to be written.
public struct ReminderRepository: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    /// Enqueues a reminder for every invited (not declined) participant with an e-mail address of
    /// every planned event starting within `horizonHours`, at each offset of the event's format
    /// (in person and hybrid: 72 h and 24 h before; online: 24 h and 2 h). The occasion key
    /// names the event's SEQUENCE, so a postponed event plans afresh and what was planned for the
    /// old time finds the sequence changed and sends nothing. A reminder whose time passed less
    /// than `graceHours` ago is sent now (a missed tick is caught up); older ones are not.
    public func planEventReminders(horizonHours: Int, graceHours: Int, on connection: PostgresConnection) async throws -> Int {
        try await connection.run("""
            INSERT INTO jobs (kind, occasion, region_id, payload, run_at)
            SELECT 'event_reminder',
                   'event-reminder:' || e.id || ':' || e.sequence || ':' || o.hours || ':' || p.id,
                   e.region_id,
                   jsonb_build_object('event_id', e.id, 'person_id', p.id, 'sequence', e.sequence, 'hours', o.hours),
                   greatest(e.starts_at - make_interval(hours => o.hours), now())
            FROM events e
            JOIN participants pa ON pa.event_id = e.id AND pa.invitation <> 'declined'
            JOIN people p ON p.id = pa.person_id AND p.email IS NOT NULL
            CROSS JOIN LATERAL unnest(CASE WHEN e.format = 'online' THEN ARRAY[24, 2] ELSE ARRAY[72, 24] END) AS o(hours)
            WHERE e.status = 'planned' AND e.starts_at > now()
              AND e.starts_at <= now() + make_interval(hours => \(horizonHours)::int)
              AND e.starts_at - make_interval(hours => o.hours) > now() - make_interval(hours => \(graceHours)::int)
            ON CONFLICT (occasion) WHERE occasion IS NOT NULL DO NOTHING
            RETURNING id
            """, logger: logger).count
    }

    /// Enqueues, in the cancelling transaction, a cancellation notice to everyone invited.
    public func enqueueCancellations(eventID: UUID, on connection: PostgresConnection) async throws {
        try await connection.run("""
            INSERT INTO jobs (kind, occasion, region_id, payload)
            SELECT 'event_cancellation', 'event-cancellation:' || e.id || ':' || p.id, e.region_id,
                   jsonb_build_object('event_id', e.id, 'person_id', p.id, 'sequence', e.sequence)
            FROM events e JOIN participants pa ON pa.event_id = e.id AND pa.invitation <> 'declined'
            JOIN people p ON p.id = pa.person_id AND p.email IS NOT NULL
            WHERE e.id = \(eventID)
            ON CONFLICT (occasion) WHERE occasion IS NOT NULL DO NOTHING
            """, logger: logger)
    }

    /// What an event reminder says, and to whom.
    public struct EventNotice: Sendable {
        public let eventID: UUID
        public let title: String
        public let topic: String?
        public let status: EventStatus
        public let sequence: Int
        public let startsAt: Date?
        public let endsAt: Date?
        public let timeZone: String
        public let venue: String?
        public let link: String?
        public let officeName: [String: String]
        public let officeEmail: String?
        public let recipientName: String
        public let recipientEmail: String?
        public let language: Language
    }

    /// The notices for many (event, person) pairs at once, keyed `event:person` (lower-case ids).
    public func eventNotices(_ pairs: [(eventID: UUID, personID: UUID)],
                             on connection: PostgresConnection) async throws -> [String: EventNotice] {
        guard !pairs.isEmpty else { return [:] }
        let rows = try await connection.run("""
            SELECT e.id, e.title, e.topic, e.status, e.sequence, e.starts_at, e.ends_at, r.time_zone, e.venue, e.link,
                   coalesce(o.names::text, '{}'), o.email, p.full_name, p.email, p.language, p.id
            FROM unnest(\(pairs.map(\.eventID))::uuid[], \(pairs.map(\.personID))::uuid[]) AS wanted(event_id, person_id)
            JOIN events e ON e.id = wanted.event_id JOIN regions r ON r.id = e.region_id
            LEFT JOIN offices o ON o.id = e.office_id
            JOIN people p ON p.id = wanted.person_id
            """, logger: logger)
        var notices: [String: EventNotice] = [:]
        for row in rows {
            let notice = try Self.notice(row)
            let person = try row.makeRandomAccess()[15].decode(UUID.self)
            notices["\(notice.eventID.uuidString.lowercased()):\(person.uuidString.lowercased())"] = notice
        }
        return notices
    }

    static func notice(_ row: PostgresRow) throws -> EventNotice {
        let c = row.makeRandomAccess()
        let names = (try? JSONDecoder().decode([String: String].self, from: Data(try c[10].decode(String.self).utf8))) ?? [:]
        return EventNotice(
            eventID: try c[0].decode(UUID.self), title: try c[1].decode(String.self), topic: try c[2].decode(String?.self),
            status: try Decode.value(try c[3].decode(String.self), as: EventStatus.self), sequence: try c[4].decode(Int.self),
            startsAt: try c[5].decode(Date?.self), endsAt: try c[6].decode(Date?.self), timeZone: try c[7].decode(String.self),
            venue: try c[8].decode(String?.self), link: try c[9].decode(String?.self), officeName: names,
            officeEmail: try c[11].decode(String?.self), recipientName: try c[12].decode(String.self),
            recipientEmail: try c[13].decode(String?.self),
            language: try Decode.value(try c[14].decode(String.self), as: Language.self))
    }
}
