import AdalDomain
import Foundation
import Logging
import PostgresNIO

/// Volunteers, read together with their person, region, office and organisation.
public struct VolunteerRepository: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public struct NewVolunteer: Sendable {
        public var personID: UUID
        public var regionID: Int64
        public var officeID: Int64?
        public var kind: VolunteerKind
        public var organisationID: Int64?
        public var areas: [VolunteerArea]
        public var joinedOn: CivilDate?

        public init(personID: UUID, regionID: Int64, officeID: Int64?, kind: VolunteerKind, organisationID: Int64?,
                    areas: [VolunteerArea], joinedOn: CivilDate?) {
            self.personID = personID
            self.regionID = regionID
            self.officeID = officeID
            self.kind = kind
            self.organisationID = organisationID
            self.areas = areas
            self.joinedOn = joinedOn
        }
    }

    /// Inserts the volunteer; returns nil when the person already is one.
    public func insert(_ volunteer: NewVolunteer, on connection: PostgresConnection) async throws -> UUID? {
        let rows = try await connection.guardedQuery("""
            INSERT INTO volunteers (person_id, region_id, office_id, kind, organisation_id, areas, joined_on)
            VALUES (\(volunteer.personID), \(volunteer.regionID), \(volunteer.officeID), \(volunteer.kind.rawValue),
                    \(volunteer.organisationID), \(volunteer.areas.map(\.rawValue)),
                    coalesce(\(volunteer.joinedOn?.description)::date, current_date))
            ON CONFLICT (person_id) DO NOTHING
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(UUID.self) { return id }
        return nil
    }

    public func id(forPerson personID: UUID, on connection: PostgresConnection) async throws -> UUID? {
        let rows = try await connection.guardedQuery("SELECT id FROM volunteers WHERE person_id = \(personID)", logger: logger)
        for try await id in rows.decode(UUID.self) { return id }
        return nil
    }

    public func get(id: UUID, on connection: PostgresConnection) async throws -> Volunteer? {
        try await getWithRegion(id: id, on: connection)?.volunteer
    }

    /// The volunteer with its region's row key.
    public func getWithRegion(id: UUID, on connection: PostgresConnection) async throws -> (volunteer: Volunteer, regionID: Int64)? {
        try await connection.guardedExecute(ByID(id: id), logger: logger).first
    }

    /// Prepared once per connection: one volunteer is read on every GET of one and after every
    /// registration, and planning its joins under row security cost PostgreSQL more than running them.
    struct ByID: PostgresPreparedStatement {
        static let name = "adal.volunteer_by_id"
        static let sql = VolunteerRepository.selectClause + " WHERE v.id = $1"
        static let bindingDataTypes: [PostgresDataType] = [.uuid]
        let id: UUID

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(id)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> (volunteer: Volunteer, regionID: Int64) {
            try VolunteerRepository.volunteer(from: row)
        }
    }

    /// The volunteer, locked until the transaction ends, with its region's row key.
    public func lock(id: UUID, on connection: PostgresConnection) async throws -> (volunteer: Volunteer, regionID: Int64)? {
        try await decodeWithRegion(connection.guardedQuery(
            "\(unescaped: Self.selectClause) WHERE v.id = \(id) FOR UPDATE OF v", logger: logger)).first
    }

    /// Changes what staff may change after registration; nil leaves a value as it is.
    public func update(id: UUID, personID: UUID, status: VolunteerStatus?, areas: [VolunteerArea]?, officeID: Int64??,
                       phone: String??, email: String??, language: Language?, on connection: PostgresConnection) async throws {
        try await connection.run("""
            UPDATE volunteers SET status = coalesce(\(status?.rawValue), status),
                   areas = coalesce(\(areas?.map(\.rawValue))::text[], areas),
                   office_id = CASE WHEN \(officeID != nil) THEN \(officeID ?? nil) ELSE office_id END,
                   updated_at = now()
            WHERE id = \(id)
            """, logger: logger)
        try await connection.run("""
            UPDATE people SET phone = CASE WHEN \(phone != nil) THEN \(phone ?? nil) ELSE phone END,
                   email = CASE WHEN \(email != nil) THEN \(email ?? nil) ELSE email END,
                   language = coalesce(\(language?.rawValue), language), updated_at = now()
            WHERE id = \(personID)
            """, logger: logger)
    }

    public struct Filter: Sendable {
        public var regionID: Int64?
        public var status: VolunteerStatus?
        public var kind: VolunteerKind?
        /// Only volunteers working in this area.
        public var area: VolunteerArea?
        /// Keyset pagination: only volunteers after this one (ids are time-ordered).
        public var after: UUID?
        public var limit: Int
        /// The caller's regions (nil: all), on top of row-level security.
        public var within: [Int64]?
        /// Only volunteers whose name's search key holds this one (or is close to it), or whose
        /// national ID is `exact`.
        public var search: (nameKey: String, exact: String)?

        public init(regionID: Int64? = nil, status: VolunteerStatus? = nil, kind: VolunteerKind? = nil,
                    area: VolunteerArea? = nil, after: UUID? = nil, limit: Int = 100, within: [Int64]? = nil) {
            self.area = area
            self.within = within
            self.regionID = regionID
            self.status = status
            self.kind = kind
            self.after = after
            self.limit = limit
        }
    }

    /// Volunteers in the region's subtree (or everywhere), oldest first.
    public func list(_ filter: Filter, on connection: PostgresConnection) async throws -> [Volunteer] {
        try await decode(connection.guardedQuery("""
            \(unescaped: Self.selectClause)
            WHERE (\(filter.regionID)::bigint IS NULL OR v.region_id IN (SELECT region_subtree(\(filter.regionID))))
            AND (\(filter.status?.rawValue)::text IS NULL OR v.status = \(filter.status?.rawValue))
            AND (\(filter.kind?.rawValue)::text IS NULL OR v.kind = \(filter.kind?.rawValue))
            AND (\(filter.area?.rawValue)::text IS NULL OR \(filter.area?.rawValue) = ANY(v.areas))
            AND (\(filter.after)::uuid IS NULL OR v.id > \(filter.after))
            AND (\(filter.within)::bigint[] IS NULL OR v.region_id = ANY(\(filter.within)))
            AND (\(filter.search?.exact)::text IS NULL
                 OR (\(filter.search?.nameKey) <> '' AND (p.search_key LIKE '%' || \(filter.search?.nameKey) || '%'
                                                        OR \(filter.search?.nameKey) <% p.search_key))
                 OR p.national_id = upper(\(filter.search?.exact)))
            ORDER BY v.id LIMIT \(filter.limit)
            """, logger: logger))
    }

    /// Volunteers whose name matches the query's tokens on their keys (NameKeys: any script, any
    /// order): those matching every token, found through the keys' index, closest by trigrams
    /// first; only when there is none, those matching some tokens or close by trigrams, the most
    /// tokens first (a slower search, kept for names typed wrong).
    public func search(_ query: NameKeys, limit: Int, within: [Int64]? = nil,
                       on connection: PostgresConnection) async throws -> [Volunteer] {
        let key = query.tokens.map(\.skeleton).joined(separator: " ")
        guard !key.isEmpty else { return [] }
        // A skeleton's phonetic key is its own fold: tokens equal on the skeleton are equal on it too.
        let phonetics = Array(Set(query.tokens.map(\.phonetic))).sorted()
        let whole = try await decode(connection.guardedQuery("""
            \(unescaped: Self.selectClause)
            WHERE v.id IN (SELECT adal_volunteers_with_all_name_keys(\(phonetics)::text[])) AND (\(within)::bigint[] IS NULL OR v.region_id = ANY(\(within)))
            ORDER BY word_similarity(\(key), p.search_key) DESC, v.id LIMIT \(limit)
            """, logger: logger))
        guard whole.isEmpty else { return whole }
        let partial = try await decode(connection.guardedQuery("""
            \(unescaped: Self.selectClause)
            WHERE NOT v.name_keys @> \(phonetics)::text[]
              AND (v.name_keys && \(phonetics)::text[] OR p.search_key LIKE '%' || \(key) || '%' OR \(key) <% p.search_key)
              AND (\(within)::bigint[] IS NULL OR v.region_id = ANY(\(within)))
            ORDER BY (SELECT count(*) FROM unnest(\(phonetics)::text[]) AS t(f) WHERE t.f = ANY (v.name_keys)) DESC,
                     word_similarity(\(key), p.search_key) DESC, v.id LIMIT \(limit)
            """, logger: logger))
        return whole + partial
    }

    static let selectClause = """
            SELECT v.id, p.id, p.full_name, p.national_id_kind, p.national_id, p.birth_date::text, p.phone, p.email,
                   p.language, r.code, o.code, v.kind, v.areas, g.name, v.status, v.joined_on::text, v.hours::text,
                   v.created_at, v.region_id
            FROM volunteers v
            JOIN people p ON p.id = v.person_id
            JOIN regions r ON r.id = v.region_id
            LEFT JOIN offices o ON o.id = v.office_id
            LEFT JOIN organisations g ON g.id = v.organisation_id
        """

    private func decode(_ rows: CollectedRows) async throws -> [Volunteer] {
        try await decodeWithRegion(rows).map(\.volunteer)
    }

    private func decodeWithRegion(_ rows: CollectedRows) async throws -> [(volunteer: Volunteer, regionID: Int64)] {
        var result: [(volunteer: Volunteer, regionID: Int64)] = []
        for try await row in rows { result.append(try Self.volunteer(from: row)) }
        return result
    }

    /// A row of `selectClause`.
    static func volunteer(from row: PostgresRow) throws -> (volunteer: Volunteer, regionID: Int64) {
        let (id, personID, name, idKind, nationalID, birth, phone, email, language, region, office) =
            try row.decode((UUID, UUID, String, String?, String?, String?, String?, String?, String, String, String?).self)
        let cells = row.makeRandomAccess()
        let kind = try cells[11].decode(String.self)
        let areas = try cells[12].decode([String].self)
        let organisation = try cells[13].decode(String?.self)
        let status = try cells[14].decode(String.self)
        let joinedOn = try cells[15].decode(String.self)
        let hours = try cells[16].decode(String.self)
        let createdAt = try cells[17].decode(Date.self)
        let regionID = try cells[18].decode(Int64.self)
        return (Volunteer(
            id: id, personID: personID, fullName: name,
            nationalIDKind: try idKind.map { try Decode.value($0, as: NationalIDKind.self) },
            nationalID: nationalID, birthDate: try Decode.date(birth), phone: phone, email: email,
            language: try Decode.value(language, as: Language.self), regionCode: region, officeCode: office,
            kind: try Decode.value(kind, as: VolunteerKind.self),
            areas: try areas.map { try Decode.value($0, as: VolunteerArea.self) }, organisation: organisation,
            status: try Decode.value(status, as: VolunteerStatus.self), joinedOn: try Decode.date(joinedOn)!,
            hours: hours, createdAt: createdAt), regionID)
    }
}
