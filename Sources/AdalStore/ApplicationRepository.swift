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
            rows.field("answers", strings: draft.answers)
            rows.endRow()
        }
        let json = rows.finish()
        let result = try await connection.guardedQuery("""
            WITH input AS (
                SELECT * FROM jsonb_to_recordset(\(json)::jsonb) AS r(
                    region_id bigint, office_id bigint, channel text, external_ref text, appeal_type text,
                    received_at timestamptz, last_name text, first_name text, middle_name text, full_name text,
                    search_key text, national_id_kind text, national_id text, national_id_valid boolean, birth_date date,
                    phone text, email text, address text, organisation text, areas text[], subject text,
                    motivation text, raw_source text, problems jsonb, due_on date, import_run_id bigint, answers text[])
            ), inserted AS (
                INSERT INTO applications (region_id, office_id, channel, external_ref, appeal_type, received_at,
                    last_name, first_name, middle_name, full_name, search_key, national_id_kind, national_id,
                    national_id_valid, birth_date, phone, email, address, organisation, areas, subject, motivation,
                    raw_source, problems, due_on, import_run_id, answers)
                SELECT region_id, office_id, channel, external_ref, appeal_type, received_at, last_name, first_name,
                    middle_name, full_name, search_key, national_id_kind, national_id, coalesce(national_id_valid, false),
                    birth_date, phone, email, address, organisation, coalesce(areas, '{}'), subject, motivation,
                    raw_source, coalesce(problems, '[]'), due_on, import_run_id, coalesce(answers, '{}')
                FROM input
                ON CONFLICT (office_id, channel, external_ref) DO NOTHING
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
        let rows = try await connection.guardedQuery("""
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

}


extension ApplicationRepository {
    /// The application of the office `officeCode` a reply belongs to: one received as, or answered
    /// in, any of these Message-IDs. Another office's application is never one.
    public func find(messageIDs: [String], officeCode: String,
                     on connection: PostgresConnection) async throws -> (id: UUID, regionID: Int64)? {
        guard !messageIDs.isEmpty else { return nil }
        let rows = try await connection.guardedQuery("""
            WITH office AS (SELECT id FROM offices WHERE code = \(officeCode.uppercased()))
            SELECT a.id, a.region_id FROM applications a
            WHERE a.channel = 'email' AND a.external_ref = ANY(\(messageIDs)) AND a.office_id = (SELECT id FROM office)
            UNION ALL
            SELECT m.application_id, m.region_id FROM application_messages m JOIN applications a ON a.id = m.application_id
            WHERE m.message_id = ANY(\(messageIDs)) AND a.office_id = (SELECT id FROM office)
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
            ON CONFLICT (application_id, message_id) DO NOTHING RETURNING id
            """, logger: logger).isEmpty
        if inserted {
            try await appendHistory(id: applicationID, regionID: regionID, actor: actor, kind: "correspondence",
                                    from: nil, to: nil, note: subject, on: connection)
        }
        return inserted
    }
}
