import AdalDomain
import Foundation
import PostgresNIO

/// Reading applications: lists, one with its history and attachments, possible duplicates.
extension ApplicationRepository {
    public struct Filter: Sendable {
        public var regionID: Int64?
        public var status: ApplicationStatus?
        public var overdueOn: CivilDate?
        public var dueBefore: CivilDate?
        public var reviewer: String?
        public var limit: Int
        /// Keyset pagination: applications after this one in the list's order (due date, received, id).
        public var after: UUID?
        /// The caller's regions (nil: all), on top of row-level security.
        public var within: [Int64]?
        /// Only applications still waiting for the office (received, screening, needs information).
        public var openOnly = false
        /// Only applications whose name's search key holds this one (or is close to it), or whose
        /// reference or national ID is `exact`.
        public var search: (nameKey: String, exact: String)?

        public init(regionID: Int64? = nil, status: ApplicationStatus? = nil, overdueOn: CivilDate? = nil,
                    dueBefore: CivilDate? = nil, reviewer: String? = nil, limit: Int = 100, after: UUID? = nil,
                    within: [Int64]? = nil) {
            self.after = after
            self.within = within
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
        try await decode(connection.guardedQuery("""
            \(unescaped: Self.selectClause)
            WHERE (\(filter.regionID)::bigint IS NULL OR a.region_id IN (SELECT region_subtree(\(filter.regionID))))
              AND (\(filter.status?.rawValue)::text IS NULL OR a.status = \(filter.status?.rawValue))
              AND (\(filter.overdueOn?.description)::date IS NULL
                   OR (a.status IN ('received', 'screening', 'needs_info') AND a.due_on < \(filter.overdueOn?.description)::date))
              AND (\(filter.dueBefore?.description)::date IS NULL OR a.due_on < \(filter.dueBefore?.description)::date)
              AND (NOT \(filter.openOnly) OR a.status IN ('received', 'screening', 'needs_info'))
              AND (\(filter.reviewer)::text IS NULL OR a.reviewer = \(filter.reviewer))
              AND (\(filter.within)::bigint[] IS NULL OR a.region_id = ANY(\(filter.within)))
              AND (\(filter.search?.exact)::text IS NULL
                   OR (\(filter.search?.nameKey) <> '' AND (a.search_key LIKE '%' || \(filter.search?.nameKey) || '%'
                                                          OR \(filter.search?.nameKey) <% a.search_key))
                   OR upper(a.external_ref) = upper(\(filter.search?.exact)) OR a.national_id = \(filter.search?.exact))
              AND (\(filter.after)::uuid IS NULL OR (a.due_on, a.received_at, a.id) >
                   (SELECT b.due_on, b.received_at, b.id FROM applications b WHERE b.id = \(filter.after)))
            ORDER BY a.due_on, a.received_at, a.id LIMIT \(filter.limit)
            """, logger: logger))
    }

    public func get(id: UUID, on connection: PostgresConnection) async throws -> ApplicationRecord? {
        guard var record = try await decode(connection.guardedQuery("\(unescaped: Self.selectClause) WHERE a.id = \(id)",
                                                             logger: logger)).first else { return nil }
        let history = try await connection.guardedQuery("""
            SELECT at, actor, kind, from_status, to_status, note FROM application_history
            WHERE application_id = \(id) ORDER BY id
            """, logger: logger)
        for try await (at, actor, kind, from, to, note) in history.decode((Date, String, String, String?, String?, String?).self) {
            record.history.append(.init(at: at, actor: actor, kind: kind, fromStatus: from, toStatus: to, note: note))
        }
        let files = try await connection.guardedQuery("""
            SELECT file_name, content_type, size, encode(sha256, 'hex') FROM application_attachments
            WHERE application_id = \(id) ORDER BY id
            """, logger: logger)
        for try await (name, type, size, hash) in files.decode((String, String, Int, String).self) {
            record.attachments.append(.init(fileName: name, contentType: type, size: size, sha256: hash))
        }
        record.duplicates = try await duplicates(id: id, on: connection)
        return record
    }

    /// People, volunteers and other open applications that may be the same person as this
    /// application's applicant (PersonRepository.possibleDuplicates): a national ID counts only
    /// when it is valid.
    public func duplicates(id: UUID, on connection: PostgresConnection) async throws -> [ApplicationRecord.DuplicateMatch] {
        let rows = try await connection.guardedQuery("""
            SELECT CASE WHEN national_id_valid THEN national_id_kind END, CASE WHEN national_id_valid THEN national_id END,
                   birth_date::text, full_name
            FROM applications WHERE id = \(id)
            """, logger: logger)
        for try await (kind, number, birth, name) in rows.decode((String?, String?, String?, String).self) {
            let probe = PersonRepository.DuplicateProbe(nationalIDKind: kind, nationalID: number, birthDate: try Decode.date(birth),
                                                        fullName: name, application: id)
            return try await PersonRepository(logger: logger).possibleDuplicates(of: probe, on: connection)
        }
        return []
    }

    static let selectClause = """
        SELECT a.id, a.channel, a.external_ref, r.code, o.code, a.appeal_type, a.received_at, a.full_name,
               a.national_id_kind, a.national_id, a.national_id_valid, a.birth_date::text, a.phone, a.email, a.address,
               a.organisation, a.areas, a.subject, a.motivation, a.problems::text, a.status, a.reviewer, a.due_on::text,
               a.extension_days, a.decision_reason, a.volunteer_id, r.time_zone
        FROM applications a JOIN regions r ON r.id = a.region_id LEFT JOIN offices o ON o.id = a.office_id
        """

    private func decode(_ rows: CollectedRows) async throws -> [ApplicationRecord] {
        var result: [ApplicationRecord] = []
        for try await row in rows {
            let c = row.makeRandomAccess()
            let problems = try JSONDecoder().decode([ApplicationRecord.ProblemEntry].self,
                                                    from: Data(try c[19].decode(String.self).utf8))
            var record = ApplicationRecord(
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
                volunteerID: try c[25].decode(UUID?.self))
            record.timeZone = try c[26].decode(String.self)
            result.append(record)
        }
        return result
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
        let rows = try await connection.guardedQuery("""
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
