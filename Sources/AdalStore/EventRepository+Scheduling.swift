import AdalDomain
import Foundation
import PostgresNIO

/// Scheduling, postponing, cancelling and holding events; attendance; certificates.
extension EventRepository {
    /// An event's state as changes need it, locked until the transaction ends.
    public struct State: Sendable {
        public let id: UUID
        public let regionID: Int64
        public let regionCode: String
        public let timeZone: String
        public let officeID: Int64?
        public let officeCode: String?
        public let councilID: Int64?
        public let kind: EventKind
        public let format: EventFormat
        public let venue: String?
        public let link: String?
        public let status: EventStatus
        public let startsAt: Date?
        public let endsAt: Date?
        public let heldOn: CivilDate?
        public let sequence: Int
    }

    public func insert(_ event: NewEvent, capacity: Int?, on connection: PostgresConnection) async throws -> UUID {
        let rows = try await connection.guardedQuery("""
            INSERT INTO events (region_id, office_id, council_id, kind, format, title, topic, venue, link, starts_at, ends_at,
                                status, capacity)
            VALUES (\(event.regionID), \(event.officeID), \(event.councilID), \(event.kind.rawValue), \(event.format.rawValue),
                    \(event.title), \(event.topic), \(event.venue), \(event.link), \(event.startsAt), \(event.endsAt),
                    \(event.status.rawValue), \(capacity))
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(UUID.self) { return id }
        throw StoreError.unexpected("event insert returned no row")
    }

    public func lock(id: UUID, on connection: PostgresConnection) async throws -> State? {
        let rows = try await connection.guardedQuery("""
            SELECT e.id, e.region_id, r.code, r.time_zone, e.office_id, o.code, e.council_id, e.kind, e.status,
                   e.starts_at, e.ends_at, e.held_on::text, e.sequence, e.format, e.venue, e.link
            FROM events e JOIN regions r ON r.id = e.region_id LEFT JOIN offices o ON o.id = e.office_id
            WHERE e.id = \(id) FOR UPDATE OF e
            """, logger: logger)
        for try await row in rows {
            let c = row.makeRandomAccess()
            return State(id: try c[0].decode(UUID.self), regionID: try c[1].decode(Int64.self), regionCode: try c[2].decode(String.self),
                         timeZone: try c[3].decode(String.self), officeID: try c[4].decode(Int64?.self),
                         officeCode: try c[5].decode(String?.self), councilID: try c[6].decode(Int64?.self),
                         kind: try Decode.value(try c[7].decode(String.self), as: EventKind.self),
                         format: try Decode.value(try c[13].decode(String.self), as: EventFormat.self),
                         venue: try c[14].decode(String?.self), link: try c[15].decode(String?.self),
                         status: try Decode.value(try c[8].decode(String.self), as: EventStatus.self),
                         startsAt: try c[9].decode(Date?.self), endsAt: try c[10].decode(Date?.self),
                         heldOn: try Decode.date(try c[11].decode(String?.self)), sequence: try c[12].decode(Int.self))
        }
        return nil
    }

    /// New times (or none: postponed until further notice); the calendar sequence goes up.
    public func reschedule(id: UUID, startsAt: Date?, endsAt: Date?, on connection: PostgresConnection) async throws {
        try await connection.run("""
            UPDATE events SET starts_at = \(startsAt)::timestamptz, ends_at = \(endsAt)::timestamptz,
                   status = CASE WHEN \(startsAt)::timestamptz IS NULL THEN 'postponed' ELSE 'planned' END,
                   sequence = sequence + 1, updated_at = now()
            WHERE id = \(id)
            """, logger: logger)
    }

    /// New details; nil leaves one as it is, `.some(nil)` clears it. The calendar sequence goes up.
    public func updateDetails(id: UUID, title: String?, topic: String??, venue: String??, link: String??, capacity: Int??,
                              on connection: PostgresConnection) async throws {
        try await connection.run("""
            UPDATE events SET title = coalesce(\(title), title),
                   topic = CASE WHEN \(topic != nil) THEN \(topic ?? nil) ELSE topic END,
                   venue = CASE WHEN \(venue != nil) THEN \(venue ?? nil) ELSE venue END,
                   link = CASE WHEN \(link != nil) THEN \(link ?? nil) ELSE link END,
                   capacity = CASE WHEN \(capacity != nil) THEN \(capacity ?? nil) ELSE capacity END,
                   sequence = sequence + 1, updated_at = now()
            WHERE id = \(id)
            """, logger: logger)
    }

    public func cancel(id: UUID, reason: String, on connection: PostgresConnection) async throws {
        try await connection.run("""
            UPDATE events SET status = 'cancelled', cancel_reason = \(reason), sequence = sequence + 1, updated_at = now()
            WHERE id = \(id)
            """, logger: logger)
    }

    public func markHeld(id: UUID, heldOn: CivilDate, withoutQuorumReason: String?, minutes: String?,
                         on connection: PostgresConnection) async throws {
        try await connection.run("""
            UPDATE events SET status = 'held', held_on = coalesce(held_on, \(heldOn.description)::date),
                   without_quorum_reason = \(withoutQuorumReason), minutes = coalesce(\(minutes), minutes), updated_at = now()
            WHERE id = \(id)
            """, logger: logger)
    }

    public func appendChange(eventID: UUID, regionID: Int64, actor: String, kind: String, from: Date?, to: Date?,
                             note: String?, on connection: PostgresConnection) async throws {
        try await connection.run("""
            INSERT INTO event_changes (event_id, region_id, actor, kind, from_starts_at, to_starts_at, note)
            VALUES (\(eventID), \(regionID), \(actor), \(kind), \(from), \(to), \(note))
            """, logger: logger)
    }

    /// Adds the person as a participant, or changes their role; returns the participant's id.
    public func upsertParticipant(eventID: UUID, personID: UUID, regionID: Int64, role: ParticipantRole,
                                  on connection: PostgresConnection) async throws -> UUID {
        let rows = try await connection.guardedQuery("""
            INSERT INTO participants (event_id, person_id, region_id, role, invitation)
            VALUES (\(eventID), \(personID), \(regionID), \(role.rawValue), 'invited')
            ON CONFLICT (event_id, person_id) DO UPDATE SET role = excluded.role
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(UUID.self) { return id }
        throw StoreError.unexpected("participant upsert returned no row")
    }

    /// Marks these people attended and the event's other participants absent; returns how many attended.
    @discardableResult
    public func recordAttendance(eventID: UUID, attended: [UUID], on connection: PostgresConnection) async throws -> Int {
        let rows = try await connection.run("""
            UPDATE participants SET attendance = CASE WHEN person_id = ANY(\(attended)) THEN 'attended' ELSE 'absent' END
            WHERE event_id = \(eventID) RETURNING attendance
            """, logger: logger)
        return try rows.filter { try $0.decode(String.self) == "attended" }.count
    }

    /// The council's members in office on `day`, and the share of them its quorum needs (nil: more than half).
    public func councilMembers(councilID: Int64, on day: CivilDate,
                               connection: PostgresConnection) async throws -> (members: [UUID], fraction: Double?) {
        let rows = try await connection.run("""
            SELECT m.person_id, c.quorum_fraction::float8
            FROM councils c LEFT JOIN council_members m ON m.council_id = c.id
                 AND (m.term_from IS NULL OR m.term_from <= \(day.description)::date)
                 AND (m.term_to IS NULL OR m.term_to >= \(day.description)::date)
            WHERE c.id = \(councilID)
            """, logger: logger)
        var members: [UUID] = []
        var fraction: Double?
        for row in rows {
            let (person, share) = try row.decode((UUID?, Double?).self)
            if let person { members.append(person) }
            fraction = share
        }
        return (members, fraction)
    }

    /// Attended participants who have no certificate yet, in the order they were added.
    public func attendedWithoutCertificate(eventID: UUID, on connection: PostgresConnection) async throws
        -> [(participantID: UUID, personID: UUID, language: Language)] {
        let rows = try await connection.run("""
            SELECT pa.id, pa.person_id, p.language FROM participants pa JOIN people p ON p.id = pa.person_id
            WHERE pa.event_id = \(eventID) AND pa.attendance = 'attended'
              AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.participant_id = pa.id)
            ORDER BY pa.id
            """, logger: logger)
        return try rows.map { row in
            let (id, person, language) = try row.decode((UUID, UUID, String).self)
            return (id, person, try Decode.value(language, as: Language.self))
        }
    }

    /// Takes `count` serials for the office's year and returns the first. The counter's row stays
    /// locked until the transaction ends: issuers queue, and a rollback takes the numbers back.
    public func takeSerials(officeID: Int64, regionID: Int64, year: Int, count: Int,
                            on connection: PostgresConnection) async throws -> Int {
        let rows = try await connection.guardedQuery("""
            INSERT INTO certificate_counters (office_id, region_id, year, last_serial)
            VALUES (\(officeID), \(regionID), \(year), \(count))
            ON CONFLICT (office_id, year) DO UPDATE SET last_serial = certificate_counters.last_serial + \(count)
            RETURNING last_serial
            """, logger: logger)
        for try await last in rows.decode(Int.self) { return last - count + 1 }
        throw StoreError.unexpected("certificate counter returned no row")
    }

    public func insertCertificate(number: String, officeID: Int64, year: Int, serial: Int, eventID: UUID, participantID: UUID,
                                  personID: UUID, regionID: Int64, language: Language, checkCode: String, actor: String,
                                  on connection: PostgresConnection) async throws {
        try await connection.run("""
            INSERT INTO certificates (number, office_id, year, serial, event_id, participant_id, person_id, region_id,
                                      language, check_code, issued_by)
            VALUES (\(number), \(officeID), \(year), \(serial), \(eventID), \(participantID), \(personID), \(regionID),
                    \(language.rawValue), \(checkCode), \(actor))
            """, logger: logger)
    }

    /// A certificate as anyone with its number and check code may see it: holder, event and date.
    public func lookupCertificate(_ number: String, checkCode: String,
                                  on connection: PostgresConnection) async throws -> CertificateRecord? {
        let rows = try await connection.run("""
            SELECT number, holder, event_title, event_date::text, office_code FROM certificate_lookup(\(number), \(checkCode))
            """, logger: logger)
        guard let row = rows.first else { return nil }
        let (number, holder, title, date, office) = try row.decode((String, String, String, String?, String).self)
        return CertificateRecord(number: number, holder: holder, eventTitle: title, eventDate: try Decode.date(date),
                                 officeCode: office)
    }
}

extension EventRepository {
    /// The calendar SEQUENCE and the organising office's e-mail and English name.
    public func calendarDetails(id: UUID, on connection: PostgresConnection) async throws -> (Int, String?, String?) {
        let rows = try await connection.run("""
            SELECT e.sequence, o.email, o.names->>'en' FROM events e LEFT JOIN offices o ON o.id = e.office_id
            WHERE e.id = \(id)
            """, logger: logger)
        guard let row = rows.first else { return (0, nil, nil) }
        return try row.decode((Int, String?, String?).self)
    }
}

extension EventRepository {
    /// A certificate for printing: the public record, its holder's language and the office's names.
    public func certificateForPrint(_ number: String, on connection: PostgresConnection) async throws
        -> (record: CertificateRecord, language: Language, officeNames: [String: String], regionID: Int64)? {
        let rows = try await connection.run("""
            SELECT c.number, p.full_name, e.title, coalesce((e.starts_at AT TIME ZONE r.time_zone)::date, e.held_on)::text,
                   o.code, c.language, o.names::text, c.region_id, c.check_code
            FROM certificates c
            JOIN people p ON p.id = c.person_id JOIN events e ON e.id = c.event_id
            JOIN regions r ON r.id = e.region_id JOIN offices o ON o.id = c.office_id
            WHERE c.number = upper(\(number))
            """, logger: logger)
        guard let row = rows.first else { return nil }
        let c = row.makeRandomAccess()
        let record = CertificateRecord(number: try c[0].decode(String.self), holder: try c[1].decode(String.self),
                                       eventTitle: try c[2].decode(String.self), eventDate: try Decode.date(try c[3].decode(String?.self)),
                                       officeCode: try c[4].decode(String.self), checkCode: try c[8].decode(String.self))
        let names = (try? JSONDecoder().decode([String: String].self, from: Data(try c[6].decode(String.self).utf8))) ?? [:]
        return (record, try Decode.value(try c[5].decode(String.self), as: Language.self), names, try c[7].decode(Int64.self))
    }
}

extension EventRepository {
    /// Assigns the volunteer (or changes the role); returns the volunteer's other live events whose
    /// times overlap this one's (an event without an end counts two hours).
    public func assignVolunteer(eventID: UUID, volunteerID: UUID, regionID: Int64, role: String,
                                on connection: PostgresConnection) async throws -> [String] {
        try await connection.run("""
            INSERT INTO event_volunteers (event_id, volunteer_id, region_id, role)
            VALUES (\(eventID), \(volunteerID), \(regionID), \(role))
            ON CONFLICT (event_id, volunteer_id) DO UPDATE SET role = excluded.role
            """, logger: logger)
        return try await connection.run("""
            SELECT o.title || ' (' || to_char(o.starts_at AT TIME ZONE r.time_zone, 'YYYY-MM-DD HH24:MI') || ')'
            FROM events e, event_volunteers ov JOIN events o ON o.id = ov.event_id JOIN regions r ON r.id = o.region_id
            WHERE e.id = \(eventID) AND ov.volunteer_id = \(volunteerID) AND ov.event_id <> e.id
              AND o.status IN ('planned', 'postponed') AND o.starts_at IS NOT NULL AND e.starts_at IS NOT NULL
              AND tstzrange(o.starts_at, coalesce(o.ends_at, o.starts_at + interval '2 hours'))
                  && tstzrange(e.starts_at, coalesce(e.ends_at, e.starts_at + interval '2 hours'))
            ORDER BY o.starts_at
            """, logger: logger).map { try $0.decode(String.self) }
    }

    public func volunteerRegion(id: UUID, on connection: PostgresConnection) async throws -> Int64? {
        try await connection.run("SELECT region_id FROM volunteers WHERE id = \(id)", logger: logger).first?.decode(Int64.self)
    }

    /// The invitation's answer; false when the person is not invited.
    public func respond(eventID: UUID, personID: UUID, invitation: String, on connection: PostgresConnection) async throws -> Bool {
        try await !connection.run("""
            UPDATE participants SET invitation = \(invitation) WHERE event_id = \(eventID) AND person_id = \(personID)
            RETURNING id
            """, logger: logger).isEmpty
    }

    /// The event's participants: person id and the search key of their name.
    public func participantKeys(eventID: UUID, on connection: PostgresConnection) async throws -> [(personID: UUID, key: String)] {
        try await connection.run("""
            SELECT p.id, p.search_key FROM participants pa JOIN people p ON p.id = pa.person_id WHERE pa.event_id = \(eventID)
            """, logger: logger).map { try $0.decode((UUID, String).self) }
    }
}

extension EventRepository {
    public func attendedAmong(eventID: UUID, people: [UUID], on connection: PostgresConnection) async throws -> [UUID] {
        try await connection.run("""
            SELECT person_id FROM participants WHERE event_id = \(eventID) AND person_id = ANY(\(people)) AND attendance = 'attended'
            """, logger: logger).map { try $0.decode(UUID.self) }
    }
}
