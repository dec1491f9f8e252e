import AdalDomain
import Foundation
import Logging
import PostgresNIO

/// Hearings, seminars, round tables and meetings, with participants, partners and plan items.
public struct EventRepository: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public struct NewEvent: Sendable {
        public var seedRef: String?
        public var regionID: Int64
        public var officeID: Int64?
        public var councilID: Int64?
        public var kind: EventKind
        public var format: EventFormat
        public var title: String
        public var topic: String?
        public var venue: String?
        public var link: String?
        public var startsAt: Date?
        public var endsAt: Date?
        public var heldOn: CivilDate?
        public var status: EventStatus

        public init(seedRef: String?, regionID: Int64, officeID: Int64?, councilID: Int64?, kind: EventKind,
                    format: EventFormat, title: String, topic: String?, venue: String?, link: String?,
                    startsAt: Date?, endsAt: Date?, heldOn: CivilDate? = nil, status: EventStatus) {
            self.heldOn = heldOn
            self.seedRef = seedRef
            self.regionID = regionID
            self.officeID = officeID
            self.councilID = councilID
            self.kind = kind
            self.format = format
            self.title = title
            self.topic = topic
            self.venue = venue
            self.link = link
            self.startsAt = startsAt
            self.endsAt = endsAt
            self.status = status
        }
    }

    /// Inserts the event unless one with its seed key exists; returns its id and whether it is new.
    public func insertIfAbsent(_ event: NewEvent, on connection: PostgresConnection) async throws -> (id: UUID, inserted: Bool) {
        let rows = try await connection.guardedQuery("""
            INSERT INTO events (seed_ref, region_id, office_id, council_id, kind, format, title, topic, venue, link,
                                starts_at, ends_at, held_on, status)
            VALUES (\(event.seedRef), \(event.regionID), \(event.officeID), \(event.councilID), \(event.kind.rawValue),
                    \(event.format.rawValue), \(event.title), \(event.topic), \(event.venue), \(event.link),
                    \(event.startsAt), \(event.endsAt), \(event.heldOn?.description)::date, \(event.status.rawValue))
            ON CONFLICT (seed_ref) DO NOTHING
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(UUID.self) { return (id, true) }
        guard let ref = event.seedRef else { throw StoreError.unexpected("event insert returned no row") }
        let existing = try await connection.guardedQuery("SELECT id FROM events WHERE seed_ref = \(ref)", logger: logger)
        for try await id in existing.decode(UUID.self) { return (id, false) }
        throw StoreError.unexpected("event \(ref) neither inserted nor found")
    }

    public func linkPlanItemIfAbsent(eventID: UUID, planItemID: Int64, on connection: PostgresConnection) async throws -> Bool {
        try await !connection.run("""
            INSERT INTO event_plan_items (event_id, plan_item_id) VALUES (\(eventID), \(planItemID))
            ON CONFLICT DO NOTHING RETURNING event_id
            """, logger: logger).isEmpty
    }

    public func addPartnerIfAbsent(eventID: UUID, organisationID: Int64, on connection: PostgresConnection) async throws -> Bool {
        try await !connection.run("""
            INSERT INTO event_partners (event_id, organisation_id) VALUES (\(eventID), \(organisationID))
            ON CONFLICT DO NOTHING RETURNING event_id
            """, logger: logger).isEmpty
    }

    public func addParticipantIfAbsent(eventID: UUID, personID: UUID, regionID: Int64, role: ParticipantRole,
                                       attendance: Attendance?, on connection: PostgresConnection) async throws -> Bool {
        try await !connection.run("""
            INSERT INTO participants (event_id, person_id, region_id, role, invitation, attendance)
            VALUES (\(eventID), \(personID), \(regionID), \(role.rawValue), 'registered', \(attendance?.rawValue))
            ON CONFLICT (event_id, person_id) DO NOTHING RETURNING id
            """, logger: logger).isEmpty
    }

    /// Events in the region's subtree (or everywhere), most recent first; undated ones last.
    public func list(regionID: Int64?, limit: Int, within: [Int64]? = nil, after: UUID? = nil, search: String? = nil,
                     on connection: PostgresConnection) async throws -> [Event] {
        let rows = try await connection.guardedQuery("""
            \(unescaped: Self.selectClause)
            WHERE (\(regionID)::bigint IS NULL OR e.region_id IN (SELECT region_subtree(\(regionID))))
              AND (\(within)::bigint[] IS NULL OR e.region_id = ANY(\(within)))
              AND (\(search)::text IS NULL OR e.title ILIKE '%' || \(search) || '%' OR e.seed_ref = \(search))
              -- Keyset pagination in the list's order: later days first, undated last, then by id.
              AND (\(after)::uuid IS NULL OR EXISTS (
                   SELECT 1 FROM events a WHERE a.id = \(after) AND (
                       coalesce(e.starts_at::date, e.held_on) < coalesce(a.starts_at::date, a.held_on)
                       OR (coalesce(a.starts_at::date, a.held_on) IS NOT NULL AND coalesce(e.starts_at::date, e.held_on) IS NULL)
                       OR (coalesce(e.starts_at::date, e.held_on) IS NOT DISTINCT FROM coalesce(a.starts_at::date, a.held_on)
                           AND e.id > a.id))))
            ORDER BY coalesce(e.starts_at::date, e.held_on) DESC NULLS LAST, e.id LIMIT \(limit)
            """, logger: logger)
        return try await decode(rows)
    }

    /// Events postponed until further notice (no time set), latest change first.
    public func postponedUntilFurtherNotice(within: [Int64]?, limit: Int, on connection: PostgresConnection) async throws -> [Event] {
        let rows = try await connection.guardedQuery("""
            \(unescaped: Self.selectClause)
            WHERE e.status = 'postponed' AND e.starts_at IS NULL
              AND (\(within)::bigint[] IS NULL OR e.region_id = ANY(\(within)))
            ORDER BY e.updated_at DESC, e.id LIMIT \(limit)
            """, logger: logger)
        return try await decode(rows)
    }

    /// Events starting (or, with no start, held) between `from` and `to`, earliest first.
    public func list(from: Date, to: Date, within: [Int64]?, limit: Int, on connection: PostgresConnection) async throws -> [Event] {
        let rows = try await connection.guardedQuery("""
            \(unescaped: Self.selectClause)
            WHERE (e.starts_at >= \(from) AND e.starts_at < \(to)
                   OR e.starts_at IS NULL AND e.held_on BETWEEN (\(from)::timestamptz)::date AND (\(to)::timestamptz)::date)
              AND (\(within)::bigint[] IS NULL OR e.region_id = ANY(\(within)))
            ORDER BY coalesce(e.starts_at, e.held_on::timestamptz), e.id LIMIT \(limit)
            """, logger: logger)
        return try await decode(rows)
    }

    /// One event with its participants, by id or seed key.
    public func get(idOrRef: String, on connection: PostgresConnection) async throws -> Event? {
        let id = UUID(uuidString: idOrRef)
        let rows = try await connection.guardedQuery("""
            \(unescaped: Self.selectClause)
            WHERE e.id = \(id) OR e.seed_ref = \(idOrRef)
            """, logger: logger)
        guard var event = try await decode(rows).first else { return nil }
        let people = try await connection.guardedQuery("""
            SELECT p.full_name, p.position, g.name, pa.role, pa.attendance, p.id, pa.invitation
            FROM participants pa JOIN people p ON p.id = pa.person_id
            LEFT JOIN organisations g ON g.id = p.organisation_id
            WHERE pa.event_id = \(event.id)
            ORDER BY array_position(ARRAY['moderator','organiser','speaker','participant','media','observer'], pa.role),
                     p.full_name
            """, logger: logger)
        for try await (name, position, organisation, role, attendance, personID, invitation)
            in people.decode((String, String?, String?, String, String?, UUID, String).self) {
            event.participants.append(EventParticipant(
                personID: personID, fullName: name, position: position, organisation: organisation,
                role: try Decode.value(role, as: ParticipantRole.self),
                attendance: try attendance.map { try Decode.value($0, as: Attendance.self) }, invitation: invitation))
        }
        return event
    }

    static let selectClause = """
        SELECT e.id, e.kind, e.format, e.title, e.topic, e.venue, e.link, e.starts_at, e.ends_at, r.time_zone, r.code,
               o.code, c.code, e.status,
               coalesce((SELECT array_agg(ap.code || ' ' || i.number ORDER BY ap.code, i.number)
                         FROM event_plan_items ei JOIN plan_items i ON i.id = ei.plan_item_id
                         JOIN action_plans ap ON ap.id = i.plan_id WHERE ei.event_id = e.id), '{}'),
               coalesce((SELECT array_agg(g.name ORDER BY g.name)
                         FROM event_partners ep JOIN organisations g ON g.id = ep.organisation_id
                         WHERE ep.event_id = e.id), '{}'),
               e.held_on::text, e.minutes, e.capacity
        FROM events e
        JOIN regions r ON r.id = e.region_id
        LEFT JOIN offices o ON o.id = e.office_id
        LEFT JOIN councils c ON c.id = e.council_id
        """

    private func decode(_ rows: CollectedRows) async throws -> [Event] {
        var result: [Event] = []
        for try await row in rows {
            let (id, kind, format, title, topic, venue, link, startsAt, endsAt, zone, region) =
                try row.decode((UUID, String, String, String, String?, String?, String?, Date?, Date?, String, String).self)
            let cells = row.makeRandomAccess()
            result.append(Event(
                id: id, kind: try Decode.value(kind, as: EventKind.self),
                format: try Decode.value(format, as: EventFormat.self), title: title, topic: topic, venue: venue,
                link: link, startsAt: startsAt, endsAt: endsAt,
                heldOn: try Decode.date(try cells[16].decode(String?.self)), timeZone: zone, regionCode: region,
                officeCode: try cells[11].decode(String?.self), councilCode: try cells[12].decode(String?.self),
                status: try Decode.value(try cells[13].decode(String.self), as: EventStatus.self),
                planItems: try cells[14].decode([String].self), partners: try cells[15].decode([String].self),
                participants: [], minutes: try cells[17].decode(String?.self), capacity: try cells[18].decode(Int?.self)))
        }
        return result
    }
}
