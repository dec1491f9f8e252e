import AdalDomain
import Foundation
import Logging
import PostgresNIO

/// Which reminders are due, and what a reminder needs to be written.
public struct ReminderRepository: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    /// Enqueues a reminder for every invited (not declined) participant with an e-mail address or
    /// a phone number of every planned event starting within `horizonHours`, at each of the event's
    /// offsets (its own, else its kind and format's, else 72 h and 24 h before in person and 24 h
    /// and 2 h online). The occasion key names the event's SEQUENCE, so a postponed event plans
    /// afresh and what was planned for the old time finds the sequence changed and sends nothing.
    /// A reminder whose time passed less than `graceHours` ago is sent now (a missed tick is caught
    /// up); older ones are not. `eventID` plans one event only (what a preview shows).
    @discardableResult
    public func planEventReminders(horizonHours: Int, graceHours: Int, eventID: UUID? = nil,
                                   on connection: PostgresConnection) async throws -> [Int64] {
        try await connection.run("""
            INSERT INTO jobs (kind, occasion, region_id, payload, run_at)
            SELECT 'event_reminder',
                   'event-reminder:' || e.id || ':' || e.sequence || ':' || o.hours || ':' || p.id,
                   e.region_id,
                   jsonb_build_object('event_id', e.id, 'person_id', p.id, 'sequence', e.sequence, 'hours', o.hours),
                   greatest(e.starts_at - make_interval(hours => o.hours), now())
            FROM events e
            CROSS JOIN LATERAL (\(unescaped: Self.eventPeople)) AS pa
            JOIN people p ON p.id = pa.person_id AND (p.email IS NOT NULL OR p.phone IS NOT NULL)
            CROSS JOIN LATERAL unnest(adal_reminder_hours(e.reminder_hours, e.kind, e.format)) AS o(hours)
            WHERE e.status = 'planned' AND e.starts_at > now()
              AND (\(eventID)::uuid IS NULL OR e.id = \(eventID))
              AND e.starts_at <= now() + make_interval(hours => \(horizonHours)::int)
              AND e.starts_at - make_interval(hours => o.hours) > now() - make_interval(hours => \(graceHours)::int)
            ON CONFLICT (occasion) WHERE occasion IS NOT NULL DO NOTHING
            RETURNING id
            """, logger: logger).map { try $0.decode(Int64.self) }
    }

    /// The people an event's messages go to: those invited who have not declined, and the active
    /// volunteers assigned to it (a lateral subquery of the event `e`, each part found by its index).
    static let eventPeople = """
        SELECT person_id FROM participants WHERE event_id = e.id AND invitation <> 'declined'
        UNION SELECT v.person_id FROM event_volunteers ev JOIN volunteers v ON v.id = ev.volunteer_id
        WHERE ev.event_id = e.id AND v.status = 'active'
        """

    /// Enqueues, in the cancelling transaction, a cancellation notice to everyone invited (and every volunteer assigned).
    public func enqueueCancellations(eventID: UUID, on connection: PostgresConnection) async throws {
        try await connection.run("""
            INSERT INTO jobs (kind, occasion, region_id, payload)
            SELECT 'event_cancellation', 'event-cancellation:' || e.id || ':' || p.id, e.region_id,
                   jsonb_build_object('event_id', e.id, 'person_id', p.id, 'sequence', e.sequence)
            FROM events e CROSS JOIN LATERAL (\(unescaped: Self.eventPeople)) AS pa
            JOIN people p ON p.id = pa.person_id AND (p.email IS NOT NULL OR p.phone IS NOT NULL)
            WHERE e.id = \(eventID)
            ON CONFLICT (occasion) WHERE occasion IS NOT NULL DO NOTHING
            """, logger: logger)
    }

    /// Enqueues, in the inviting transaction, the invitation (with the event's calendar) to a person
    /// who can be reached; once per person and calendar SEQUENCE.
    public func enqueueInvitation(eventID: UUID, personID: UUID, on connection: PostgresConnection) async throws {
        try await connection.run("""
            INSERT INTO jobs (kind, occasion, region_id, payload)
            SELECT 'event_invitation', 'event-invitation:' || e.id || ':' || e.sequence || ':' || p.id, e.region_id,
                   jsonb_build_object('event_id', e.id, 'person_id', p.id, 'sequence', e.sequence)
            FROM events e JOIN participants pa ON pa.event_id = e.id AND pa.person_id = \(personID) AND pa.invitation <> 'declined'
            JOIN people p ON p.id = pa.person_id AND (p.email IS NOT NULL OR p.phone IS NOT NULL)
            WHERE e.id = \(eventID) AND e.status IN ('planned', 'postponed')
            ON CONFLICT (occasion) WHERE occasion IS NOT NULL DO NOTHING
            """, logger: logger)
    }

    /// Enqueues, in the changing transaction, an update to everyone invited: the event was moved,
    /// postponed until further notice or its details changed (its SEQUENCE went up).
    public func enqueueUpdates(eventID: UUID, on connection: PostgresConnection) async throws {
        try await connection.run("""
            INSERT INTO jobs (kind, occasion, region_id, payload)
            SELECT 'event_update', 'event-update:' || e.id || ':' || e.sequence || ':' || p.id, e.region_id,
                   jsonb_build_object('event_id', e.id, 'person_id', p.id, 'sequence', e.sequence)
            FROM events e CROSS JOIN LATERAL (\(unescaped: Self.eventPeople)) AS pa
            JOIN people p ON p.id = pa.person_id AND (p.email IS NOT NULL OR p.phone IS NOT NULL)
            WHERE e.id = \(eventID)
            ON CONFLICT (occasion) WHERE occasion IS NOT NULL DO NOTHING
            """, logger: logger)
    }

    /// Enqueues a held meeting's minutes to each of its people who can be reached, once a person;
    /// returns how many were queued now.
    public func enqueueMinutes(eventID: UUID, on connection: PostgresConnection) async throws -> Int {
        try await connection.run("""
            INSERT INTO jobs (kind, occasion, region_id, payload)
            SELECT 'event_minutes', 'event-minutes:' || e.id || ':' || p.id, e.region_id,
                   jsonb_build_object('event_id', e.id, 'person_id', p.id)
            FROM events e CROSS JOIN LATERAL (\(unescaped: Self.eventPeople)) AS pa
            JOIN people p ON p.id = pa.person_id AND p.email IS NOT NULL
            WHERE e.id = \(eventID) AND e.status = 'held'
            ON CONFLICT (occasion) WHERE occasion IS NOT NULL DO NOTHING
            RETURNING id
            """, logger: logger).count
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
        public let recipientPhone: String?
        public let language: Language
        public let cancelReason: String?
    }

    /// The notices for many (event, person) pairs at once, keyed `event:person` (lower-case ids).
    public func eventNotices(_ pairs: [(eventID: UUID, personID: UUID)],
                             on connection: PostgresConnection) async throws -> [String: EventNotice] {
        guard !pairs.isEmpty else { return [:] }
        let rows = try await connection.run("""
            SELECT e.id, e.title, e.topic, e.status, e.sequence, e.starts_at, e.ends_at, r.time_zone, e.venue, e.link,
                   coalesce(o.names::text, '{}'), o.email, p.full_name, p.email, p.language, p.id, p.phone, e.cancel_reason
            FROM unnest(\(pairs.map(\.eventID))::uuid[], \(pairs.map(\.personID))::uuid[]) AS wanted(event_id, person_id)
            JOIN events e ON e.id = wanted.event_id JOIN regions r ON r.id = e.region_id
            LEFT JOIN offices o ON o.id = e.office_id
            JOIN people p ON p.id = wanted.person_id
            """, logger: logger)
        var notices: [String: EventNotice] = [:]
        // An event's invitees share its office: its names are read from JSON once, not once a row.
        var officeNames: [String: [String: String]] = [:]
        for row in rows {
            let c = row.makeRandomAccess()
            let namesJSON = try c[10].decode(String.self)
            let names = try officeNames[namesJSON] ?? Decode.names(namesJSON)
            officeNames[namesJSON] = names
            let notice = try Self.notice(c, officeNames: names)
            let person = try c[15].decode(UUID.self)
            notices["\(notice.eventID.uuidString.lowercased()):\(person.uuidString.lowercased())"] = notice
        }
        return notices
    }

    static func notice(_ c: PostgresRandomAccessRow, officeNames names: [String: String]) throws -> EventNotice {
        return EventNotice(
            eventID: try c[0].decode(UUID.self), title: try c[1].decode(String.self), topic: try c[2].decode(String?.self),
            status: try Decode.value(try c[3].decode(String.self), as: EventStatus.self), sequence: try c[4].decode(Int.self),
            startsAt: try c[5].decode(Date?.self), endsAt: try c[6].decode(Date?.self), timeZone: try c[7].decode(String.self),
            venue: try c[8].decode(String?.self), link: try c[9].decode(String?.self), officeName: names,
            officeEmail: try c[11].decode(String?.self), recipientName: try c[12].decode(String.self),
            recipientEmail: try c[13].decode(String?.self), recipientPhone: try c[16].decode(String?.self),
            language: try Decode.value(try c[14].decode(String.self), as: Language.self), cancelReason: try c[17].decode(String?.self))
    }
}

extension ReminderRepository {
    /// Enqueues task reminders: to the assignee 7 days and 1 day before the due date, and while the
    /// task is overdue to the assignee and the council's secretary, first on the working day after
    /// the due date and then weekly — each at 09:00 in the task's region. Only people with an e-mail address are reminded (an organisation has none).
    /// `now` is the moment planning happens (the worker's clock; tests choose it).
    @discardableResult
    public func planTaskReminders(now: Date, graceHours: Int, horizonDays: Int = 8, taskID: UUID? = nil,
                                  on connection: PostgresConnection) async throws -> [Int64] {
        try await connection.run("""
            WITH open_tasks AS (
                SELECT t.id, t.region_id, t.due_on, t.assignee_person_id, r.time_zone, e.council_id,
                       (\(now)::timestamptz AT TIME ZONE r.time_zone)::date AS today,
                       -- The first working day after the due date, on the country's calendar: the first overdue reminder.
                       (SELECT d::date FROM generate_series(t.due_on + 1, t.due_on + 30, interval '1 day') AS d
                        WHERE coalesce((SELECT c.kind = 'working' FROM calendar_days c WHERE c.country = r.country AND c.day = d::date),
                                       extract(isodow FROM d) < 6)
                        ORDER BY d LIMIT 1) AS late_from
                FROM tasks t JOIN decisions d ON d.id = t.decision_id JOIN events e ON e.id = d.event_id
                JOIN regions r ON r.id = t.region_id
                WHERE t.status = 'open' AND (\(taskID)::uuid IS NULL OR t.id = \(taskID))
            ), due AS (
                SELECT o.id, o.region_id, o.assignee_person_id AS person_id, 'due' AS kind, days AS step,
                       ((o.due_on - days) + time '09:00') AT TIME ZONE o.time_zone AS at
                FROM open_tasks o CROSS JOIN unnest(ARRAY[7, 1]) AS days
                WHERE o.assignee_person_id IS NOT NULL AND o.due_on >= o.today
            ), overdue AS (
                SELECT o.id, o.region_id, who.person_id, 'overdue' AS kind, (o.today - o.late_from) / 7 AS step,
                       ((o.late_from + 7 * ((o.today - o.late_from) / 7)) + time '09:00') AT TIME ZONE o.time_zone AS at
                FROM open_tasks o
                CROSS JOIN LATERAL (
                    SELECT o.assignee_person_id AS person_id WHERE o.assignee_person_id IS NOT NULL
                    UNION
                    SELECT m.person_id FROM council_members m
                    WHERE m.council_id = o.council_id AND m.role = 'secretary'
                      AND (m.term_to IS NULL OR m.term_to >= o.today)) AS who
                WHERE o.late_from <= o.today
            ), planned AS (
                SELECT * FROM due UNION ALL SELECT * FROM overdue
            )
            INSERT INTO jobs (kind, occasion, region_id, payload, run_at)
            SELECT 'task_reminder', 'task-' || p.kind || ':' || p.id || ':' || p.step || ':' || p.person_id, p.region_id,
                   jsonb_build_object('task_id', p.id, 'person_id', p.person_id, 'kind', p.kind), greatest(p.at, \(now)::timestamptz)
            FROM planned p JOIN people pe ON pe.id = p.person_id AND (pe.email IS NOT NULL OR pe.phone IS NOT NULL)
            WHERE p.at > \(now)::timestamptz - make_interval(hours => \(graceHours)::int)
              AND p.at <= \(now)::timestamptz + make_interval(days => \(horizonDays)::int)
            ON CONFLICT (occasion) WHERE occasion IS NOT NULL DO NOTHING
            RETURNING id
            """, logger: logger).map { try $0.decode(Int64.self) }
    }

    /// What a task reminder says, and to whom.
    public struct TaskNotice: Sendable {
        public let title: String
        public let decision: String
        public let dueOn: CivilDate
        public let open: Bool
        public let officeName: [String: String]
        public let recipientName: String
        public let recipientEmail: String?
        public let recipientPhone: String?
        public let language: Language
    }

    public func taskNotice(taskID: UUID, personID: UUID, on connection: PostgresConnection) async throws -> TaskNotice? {
        guard let row = try await connection.run("""
            SELECT t.title, d.text, t.due_on::text, t.status = 'open', coalesce(o.names::text, '{}'), p.full_name, p.email, p.language, p.phone
            FROM tasks t JOIN decisions d ON d.id = t.decision_id JOIN events e ON e.id = d.event_id
            LEFT JOIN offices o ON o.id = e.office_id, people p
            WHERE t.id = \(taskID) AND p.id = \(personID)
            """, logger: logger).first else { return nil }
        let c = row.makeRandomAccess()
        let names = try Decode.names(try c[4].decode(String.self))
        return TaskNotice(title: try c[0].decode(String.self), decision: try c[1].decode(String.self),
                          dueOn: try Decode.date(try c[2].decode(String.self))!, open: try c[3].decode(Bool.self),
                          officeName: names, recipientName: try c[5].decode(String.self), recipientEmail: try c[6].decode(String?.self),
                          recipientPhone: try c[8].decode(String?.self), language: try Decode.value(try c[7].decode(String.self), as: Language.self))
    }
}
