import AdalDomain
import Foundation
import Logging
import PostgresNIO

/// Applications to volunteer, their history, attachments and the runs that imported them.
public struct ApplicationRepository: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    /// A draft with what storing it needs: row keys and its due date.
    public struct NewApplication: Sendable {
        public var draft: ApplicationDraft
        public var regionID: Int64
        public var officeID: Int64?
        public var dueOn: CivilDate

        public init(draft: ApplicationDraft, regionID: Int64, officeID: Int64?, dueOn: CivilDate) {
            self.draft = draft
            self.regionID = regionID
            self.officeID = officeID
            self.dueOn = dueOn
        }
    }

    /// Inserts the applications not stored yet (by channel and external reference), each with its
    /// `received` history line and audit entry, in one statement. Returns the new ones' ids by reference.
    public func insertNew(_ applications: [NewApplication], actor: String, importRunID: Int64?,
                          on connection: PostgresConnection) async throws -> [String: UUID] {
        guard !applications.isEmpty else { return [:] }
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var rows = JSONRows()
        for application in applications {
            let draft = application.draft
            rows.beginRow()
            rows.field("region_id", application.regionID)
            rows.field("office_id", application.officeID)
            rows.field("channel", draft.channel.rawValue)
            rows.field("external_ref", draft.externalRef)
            rows.field("appeal_type", draft.appealType?.rawValue)
            rows.field("received_at", iso.string(from: draft.receivedAt))
            rows.field("last_name", draft.lastName)
            rows.field("first_name", draft.firstName)
            rows.field("middle_name", draft.middleName)
            let fullName = draft.fullName
            rows.field("full_name", fullName)
            rows.field("search_key", SearchKey.make(fullName))
            rows.field("national_id_kind", draft.nationalIDKind?.rawValue)
            rows.field("national_id", draft.nationalID)
            rows.field("national_id_valid", draft.nationalIDValid)
            rows.field("birth_date", draft.birthDate?.description)
            rows.field("phone", draft.phone)
            rows.field("email", draft.email)
            rows.field("address", draft.address)
            rows.field("organisation", draft.organisation)
            rows.field("areas", strings: draft.areas.map(\.rawValue))
            rows.field("subject", draft.subject)
            rows.field("motivation", draft.motivation)
            rows.field("raw_source", draft.rawSource)
            rows.field("problems", objects: draft.problems.map { [("field", $0.field), ("reason", $0.reason)] })
            rows.field("due_on", application.dueOn.description)
            rows.field("import_run_id", importRunID)
            rows.endRow()
        }
        let json = rows.finish()
        let result = try await connection.query("""
            WITH input AS (
                SELECT * FROM jsonb_to_recordset(\(json)::jsonb) AS r(
                    region_id bigint, office_id bigint, channel text, external_ref text, appeal_type text,
                    received_at timestamptz, last_name text, first_name text, middle_name text, full_name text,
                    search_key text, national_id_kind text, national_id text, national_id_valid boolean, birth_date date,
                    phone text, email text, address text, organisation text, areas text[], subject text,
                    motivation text, raw_source text, problems jsonb, due_on date, import_run_id bigint)
            ), inserted AS (
                INSERT INTO applications (region_id, office_id, channel, external_ref, appeal_type, received_at,
                    last_name, first_name, middle_name, full_name, search_key, national_id_kind, national_id,
                    national_id_valid, birth_date, phone, email, address, organisation, areas, subject, motivation,
                    raw_source, problems, due_on, import_run_id)
                SELECT region_id, office_id, channel, external_ref, appeal_type, received_at, last_name, first_name,
                    middle_name, full_name, search_key, national_id_kind, national_id, coalesce(national_id_valid, false),
                    birth_date, phone, email, address, organisation, coalesce(areas, '{}'), subject, motivation,
                    raw_source, coalesce(problems, '[]'), due_on, import_run_id
                FROM input
                ON CONFLICT (channel, external_ref) DO NOTHING
                RETURNING id, region_id, channel, external_ref, status, due_on
            ), history AS (
                INSERT INTO application_history (application_id, region_id, actor, kind, to_status)
                SELECT id, region_id, \(actor), 'received', 'received' FROM inserted
            ), audit AS (
                INSERT INTO audit_entries (actor, action, entity, entity_id, region_id, after)
                SELECT \(actor), 'application.receive', 'application', id::text, region_id,
                       jsonb_build_object('channel', channel, 'external_ref', external_ref, 'status', status, 'due_on', due_on)
                FROM inserted
            )
            SELECT external_ref, id FROM inserted
            """, logger: logger)
        var ids: [String: UUID] = [:]
        for try await (reference, id) in result.decode((String, UUID).self) { ids[reference] = id }
        return ids
    }

    public func addAttachment(applicationID: UUID, regionID: Int64, _ attachment: AttachmentDraft, sha256: [UInt8],
                              on connection: PostgresConnection) async throws {
        try await connection.run("""
            INSERT INTO application_attachments (application_id, region_id, file_name, content_type, size, sha256, content)
            VALUES (\(applicationID), \(regionID), \(attachment.fileName), \(attachment.contentType),
                    \(attachment.content.count), \(ByteBuffer(bytes: sha256)), \(ByteBuffer(bytes: attachment.content)))
            ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    /// The state a transition starts from, locked until the transaction ends.
    public struct Current: Sendable {
        public let status: ApplicationStatus
        public let regionID: Int64
        public let country: Country
        public let receivedOn: CivilDate
        public let dueOn: CivilDate
        public let extensionDays: Int?
    }

    public func lock(id: UUID, on connection: PostgresConnection) async throws -> Current? {
        let rows = try await connection.query("""
            SELECT a.status, a.region_id, r.country, (a.received_at AT TIME ZONE r.time_zone)::date::text,
                   a.due_on::text, a.extension_days
            FROM applications a JOIN regions r ON r.id = a.region_id
            WHERE a.id = \(id) FOR UPDATE OF a
            """, logger: logger)
        for try await (status, regionID, country, received, due, extendedBy)
            in rows.decode((String, Int64, String, String, String, Int?).self) {
            return Current(status: try Decode.value(status, as: ApplicationStatus.self), regionID: regionID,
                           country: try Decode.value(country, as: Country.self), receivedOn: try Decode.date(received)!,
                           dueOn: try Decode.date(due)!, extensionDays: extendedBy)
        }
        return nil
    }

    /// Moves the application to `status`, with its history line, in the caller's transaction.
    public func transition(id: UUID, regionID: Int64, from: ApplicationStatus, to: ApplicationStatus, actor: String,
                           note: String?, volunteerID: UUID? = nil, on connection: PostgresConnection) async throws {
        let decided = !to.isOpen
        try await connection.run("""
            UPDATE applications
            SET status = \(to.rawValue), updated_at = now(),
                decided_at = CASE WHEN \(decided) THEN now() ELSE decided_at END,
                decision_reason = CASE WHEN \(decided) THEN \(note) ELSE decision_reason END,
                volunteer_id = coalesce(\(volunteerID), volunteer_id),
                person_id = coalesce((SELECT person_id FROM volunteers WHERE id = \(volunteerID)), person_id)
            WHERE id = \(id)
            """, logger: logger)
        try await appendHistory(id: id, regionID: regionID, actor: actor, kind: "transition", from: from.rawValue,
                                to: to.rawValue, note: note, on: connection)
    }

    public func assign(id: UUID, regionID: Int64, reviewer: String, actor: String, on connection: PostgresConnection) async throws {
        try await connection.run("UPDATE applications SET reviewer = \(reviewer), updated_at = now() WHERE id = \(id)",
                                 logger: logger)
        try await appendHistory(id: id, regionID: regionID, actor: actor, kind: "assignment", from: nil, to: nil,
                                note: reviewer, on: connection)
    }

    public func extend(id: UUID, regionID: Int64, days: Int, newDue: CivilDate, reason: String, actor: String,
                       on connection: PostgresConnection) async throws {
        try await connection.run("""
            UPDATE applications SET extension_days = \(days), extension_reason = \(reason),
                   due_on = \(newDue.description)::date, updated_at = now()
            WHERE id = \(id)
            """, logger: logger)
        try await appendHistory(id: id, regionID: regionID, actor: actor, kind: "extension", from: nil, to: nil,
                                note: "+\(days) working days, due \(newDue): \(reason)", on: connection)
    }

    public func appendHistory(id: UUID, regionID: Int64, actor: String, kind: String, from: String?, to: String?,
                              note: String?, on connection: PostgresConnection) async throws {
        try await connection.run("""
            INSERT INTO application_history (application_id, region_id, actor, kind, from_status, to_status, note)
            VALUES (\(id), \(regionID), \(actor), \(kind), \(from), \(to), \(note))
            """, logger: logger)
    }

    public struct Filter: Sendable {
        public var regionID: Int64?
        public var status: ApplicationStatus?
        public var overdueOn: CivilDate?
        public var dueBefore: CivilDate?
        public var reviewer: String?
        public var limit: Int

        public init(regionID: Int64? = nil, status: ApplicationStatus? = nil, overdueOn: CivilDate? = nil,
                    dueBefore: CivilDate? = nil, reviewer: String? = nil, limit: Int = 100) {
            self.regionID = regionID
            self.status = status
            self.overdueOn = overdueOn
            self.dueBefore = dueBefore
            self.reviewer = reviewer
            self.limit = limit
        }
    }

    /// Applications by due date, earliest first. `overdueOn`: open ones due before that day.
    public func list(_ filter: Filter, on connection: PostgresConnection) async throws -> [ApplicationRecord] {
        try await decode(connection.query("""
            \(unescaped: Self.selectClause)
            WHERE (\(filter.regionID)::bigint IS NULL OR a.region_id IN (SELECT region_subtree(\(filter.regionID))))
              AND (\(filter.status?.rawValue)::text IS NULL OR a.status = \(filter.status?.rawValue))
              AND (\(filter.overdueOn?.description)::date IS NULL
                   OR (a.status IN ('received', 'screening', 'needs_info') AND a.due_on < \(filter.overdueOn?.description)::date))
              AND (\(filter.dueBefore?.description)::date IS NULL OR a.due_on < \(filter.dueBefore?.description)::date)
              AND (\(filter.reviewer)::text IS NULL OR a.reviewer = \(filter.reviewer))
            ORDER BY a.due_on, a.received_at, a.id LIMIT \(filter.limit)
            """, logger: logger))
    }

    public func get(id: UUID, on connection: PostgresConnection) async throws -> ApplicationRecord? {
        guard var record = try await decode(connection.query("\(unescaped: Self.selectClause) WHERE a.id = \(id)",
                                                             logger: logger)).first else { return nil }
        let history = try await connection.query("""
            SELECT at, actor, kind, from_status, to_status, note FROM application_history
            WHERE application_id = \(id) ORDER BY id
            """, logger: logger)
        for try await (at, actor, kind, from, to, note) in history.decode((Date, String, String, String?, String?, String?).self) {
            record.history.append(.init(at: at, actor: actor, kind: kind, fromStatus: from, toStatus: to, note: note))
        }
        let files = try await connection.query("""
            SELECT file_name, content_type, size, encode(sha256, 'hex') FROM application_attachments
            WHERE application_id = \(id) ORDER BY id
            """, logger: logger)
        for try await (name, type, size, hash) in files.decode((String, String, Int, String).self) {
            record.attachments.append(.init(fileName: name, contentType: type, size: size, sha256: hash))
        }
        record.duplicates = try await duplicates(id: id, on: connection)
        return record
    }

    /// People, volunteers and other open applications with the same national ID; and, as suggestions,
    /// those with the same name key and birth date.
    public func duplicates(id: UUID, on connection: PostgresConnection) async throws -> [ApplicationRecord.DuplicateMatch] {
        let rows = try await connection.query("""
            WITH me AS (SELECT * FROM applications WHERE id = \(id))
            SELECT CASE WHEN v.id IS NULL THEN 'person' ELSE 'volunteer' END, coalesce(v.id, p.id)::text, p.full_name,
                   CASE WHEN p.national_id = me.national_id THEN 'national_id' ELSE 'name_and_birth_date' END
            FROM me JOIN people p ON (me.national_id_valid AND p.national_id_kind = me.national_id_kind
                                      AND p.national_id = me.national_id)
                                  OR (p.search_key = me.search_key AND p.birth_date = me.birth_date)
            LEFT JOIN volunteers v ON v.person_id = p.id
            UNION ALL
            SELECT 'application', o.id::text, o.full_name,
                   CASE WHEN o.national_id = me.national_id THEN 'national_id' ELSE 'name_and_birth_date' END
            FROM me JOIN applications o ON o.id <> me.id AND o.status IN ('received', 'screening', 'needs_info')
                 AND ((me.national_id IS NOT NULL AND o.national_id_kind = me.national_id_kind AND o.national_id = me.national_id)
                      OR (o.search_key = me.search_key AND o.birth_date = me.birth_date))
            ORDER BY 4, 1
            """, logger: logger)
        var result: [ApplicationRecord.DuplicateMatch] = []
        for try await (kind, matchID, name, matchedBy) in rows.decode((String, String, String, String).self) {
            result.append(.init(kind: kind, id: matchID, name: name, matchedBy: matchedBy))
        }
        return result
    }

    public func startRun(channel: ApplicationChannel, source: String, actor: String,
                         on connection: PostgresConnection) async throws -> Int64 {
        let rows = try await connection.query("""
            INSERT INTO import_runs (channel, source, actor) VALUES (\(channel.rawValue), \(source), \(actor)) RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        throw StoreError.unexpected("import run insert returned no row")
    }

    public func finishRun(id: Int64, new: Int, present: Int, followUps: Int, rejections: [(record: Int, reason: String)],
                          on connection: PostgresConnection) async throws {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: rejections.map { ["record": $0.record, "reason": $0.reason] }),
                          as: UTF8.self)
        try await connection.run("""
            UPDATE import_runs SET finished_at = now(), new_count = \(new), present_count = \(present),
                   follow_up_count = \(followUps), rejected_count = \(rejections.count), rejections = \(json)::jsonb
            WHERE id = \(id)
            """, logger: logger)
    }

    static let selectClause = """
        SELECT a.id, a.channel, a.external_ref, r.code, o.code, a.appeal_type, a.received_at, a.full_name,
               a.national_id_kind, a.national_id, a.national_id_valid, a.birth_date::text, a.phone, a.email, a.address,
               a.organisation, a.areas, a.subject, a.motivation, a.problems::text, a.status, a.reviewer, a.due_on::text,
               a.extension_days, a.decision_reason, a.volunteer_id
        FROM applications a JOIN regions r ON r.id = a.region_id LEFT JOIN offices o ON o.id = a.office_id
        """

    private func decode(_ rows: PostgresRowSequence) async throws -> [ApplicationRecord] {
        var result: [ApplicationRecord] = []
        for try await row in rows {
            let c = row.makeRandomAccess()
            let problems = try JSONDecoder().decode([ApplicationRecord.ProblemEntry].self,
                                                    from: Data(try c[19].decode(String.self).utf8))
            result.append(ApplicationRecord(
                id: try c[0].decode(UUID.self),
                channel: try Decode.value(try c[1].decode(String.self), as: ApplicationChannel.self),
                externalRef: try c[2].decode(String.self), regionCode: try c[3].decode(String.self),
                officeCode: try c[4].decode(String?.self),
                appealType: try c[5].decode(String?.self).map { try Decode.value($0, as: AppealType.self) },
                receivedAt: try c[6].decode(Date.self), fullName: try c[7].decode(String.self),
                nationalIDKind: try c[8].decode(String?.self).map { try Decode.value($0, as: NationalIDKind.self) },
                nationalID: try c[9].decode(String?.self), nationalIDValid: try c[10].decode(Bool.self),
                birthDate: try Decode.date(try c[11].decode(String?.self)), phone: try c[12].decode(String?.self),
                email: try c[13].decode(String?.self), address: try c[14].decode(String?.self),
                organisation: try c[15].decode(String?.self),
                areas: try c[16].decode([String].self).map { try Decode.value($0, as: VolunteerArea.self) },
                subject: try c[17].decode(String?.self), motivation: try c[18].decode(String?.self), problems: problems,
                status: try Decode.value(try c[20].decode(String.self), as: ApplicationStatus.self),
                reviewer: try c[21].decode(String?.self), dueOn: try Decode.date(try c[22].decode(String.self))!,
                extensionDays: try c[23].decode(Int?.self), decisionReason: try c[24].decode(String?.self),
                volunteerID: try c[25].decode(UUID?.self)))
        }
        return result
    }
}

/// Countries' working-day calendars, kept as data.
public struct CalendarRepository: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public func calendar(for country: Country, on connection: PostgresConnection) async throws -> WorkingCalendar {
        let rows = try await connection.query("SELECT day::text, kind FROM calendar_days WHERE country = \(country.rawValue)",
                                              logger: logger)
        var holidays = Set<CivilDate>(), working = Set<CivilDate>()
        for try await (day, kind) in rows.decode((String, String).self) {
            guard let date = try Decode.date(day) else { continue }
            if kind == "holiday" { holidays.insert(date) } else { working.insert(date) }
        }
        return WorkingCalendar(holidays: holidays, transferredWorkingDays: working)
    }

    public func insertIfAbsent(country: Country, day: CivilDate, kind: String, name: String,
                               on connection: PostgresConnection) async throws -> Bool {
        try await !connection.run("""
            INSERT INTO calendar_days (country, day, kind, name) VALUES (\(country.rawValue), \(day.description)::date, \(kind), \(name))
            ON CONFLICT DO NOTHING RETURNING day
            """, logger: logger).isEmpty
    }
}

extension ApplicationRepository {
    /// The applicant's details as stored, for turning an accepted application into a volunteer.
    public struct Applicant: Sendable {
        public let channel: ApplicationChannel
        public let externalRef: String
        public let lastName: String?
        public let firstName: String?
        public let middleName: String?
        public let nationalID: String?
        public let nationalIDValid: Bool
        public let birthDate: CivilDate?
        public let phone: String?
        public let email: String?
        public let organisation: String?
        public let areas: [VolunteerArea]
        public let regionCode: String
        public let country: Country
        public let officeCode: String?
    }

    public func applicant(id: UUID, on connection: PostgresConnection) async throws -> Applicant? {
        let rows = try await connection.query("""
            SELECT a.channel, a.external_ref, a.last_name, a.first_name, a.middle_name, a.national_id, a.national_id_valid,
                   a.birth_date::text, a.phone, a.email, a.organisation, a.areas, r.code, r.country, o.code
            FROM applications a JOIN regions r ON r.id = a.region_id LEFT JOIN offices o ON o.id = a.office_id
            WHERE a.id = \(id)
            """, logger: logger)
        for try await row in rows {
            let c = row.makeRandomAccess()
            return Applicant(
                channel: try Decode.value(try c[0].decode(String.self), as: ApplicationChannel.self),
                externalRef: try c[1].decode(String.self), lastName: try c[2].decode(String?.self),
                firstName: try c[3].decode(String?.self), middleName: try c[4].decode(String?.self),
                nationalID: try c[5].decode(String?.self), nationalIDValid: try c[6].decode(Bool.self),
                birthDate: try Decode.date(try c[7].decode(String?.self)), phone: try c[8].decode(String?.self),
                email: try c[9].decode(String?.self), organisation: try c[10].decode(String?.self),
                areas: try c[11].decode([String].self).map { try Decode.value($0, as: VolunteerArea.self) },
                regionCode: try c[12].decode(String.self),
                country: try Decode.value(try c[13].decode(String.self), as: Country.self),
                officeCode: try c[14].decode(String?.self))
        }
        return nil
    }
}

extension ApplicationRepository {
    /// The application a reply belongs to: one received as, or answered in, any of these Message-IDs.
    public func find(messageIDs: [String], on connection: PostgresConnection) async throws -> (id: UUID, regionID: Int64)? {
        guard !messageIDs.isEmpty else { return nil }
        let rows = try await connection.query("""
            SELECT id, region_id FROM applications WHERE channel = 'email' AND external_ref = ANY(\(messageIDs))
            UNION ALL
            SELECT application_id, region_id FROM application_messages WHERE message_id = ANY(\(messageIDs))
            LIMIT 1
            """, logger: logger)
        for try await (id, regionID) in rows.decode((UUID, Int64).self) { return (id, regionID) }
        return nil
    }

    /// Adds a follow-up message to an application's correspondence; false when it is already there.
    public func addMessage(applicationID: UUID, regionID: Int64, messageID: String, receivedAt: Date, sender: String?,
                           subject: String?, body: String, raw: String, actor: String,
                           on connection: PostgresConnection) async throws -> Bool {
        let inserted = try await !connection.run("""
            INSERT INTO application_messages (application_id, region_id, message_id, received_at, sender, subject, body, raw_source)
            VALUES (\(applicationID), \(regionID), \(messageID), \(receivedAt), \(sender), \(subject), \(body), \(raw))
            ON CONFLICT (message_id) DO NOTHING RETURNING id
            """, logger: logger).isEmpty
        if inserted {
            try await appendHistory(id: applicationID, regionID: regionID, actor: actor, kind: "correspondence",
                                    from: nil, to: nil, note: subject, on: connection)
        }
        return inserted
    }

    public func messageCount(applicationID: UUID, on connection: PostgresConnection) async throws -> Int {
        let rows = try await connection.query("SELECT count(*)::int FROM application_messages WHERE application_id = \(applicationID)",
                                              logger: logger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }
}

extension OfficeRepository {
    /// The office whose mailbox is one of these addresses, with its region.
    public func find(emails: [String], on connection: PostgresConnection) async throws -> (code: String, regionID: Int64)? {
        let lowered = emails.map { $0.lowercased() }
        guard !lowered.isEmpty else { return nil }
        let rows = try await connection.query("SELECT code, region_id FROM offices WHERE lower(email) = ANY(\(lowered)) ORDER BY id LIMIT 1",
                                              logger: logger)
        for try await (code, regionID) in rows.decode((String, Int64).self) { return (code, regionID) }
        return nil
    }
}
