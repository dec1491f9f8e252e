import AdalDomain
import Foundation
import Logging
import PostgresNIO

/// Everyone the office knows: volunteers, applicants, council members, speakers, participants.
public struct PersonRepository: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public struct NewPerson: Sendable {
        public var regionID: Int64
        public var fullName: String
        public var name: PersonName?
        public var position: String?
        public var organisationID: Int64?
        public var nationalID: NationalID?
        public var birthDate: CivilDate?
        public var phone: String?
        public var email: String?
        public var language: Language
        public var consentVersion: String?
        public var seedRef: String?

        public init(regionID: Int64, fullName: String, name: PersonName? = nil, position: String? = nil,
                    organisationID: Int64? = nil, nationalID: NationalID? = nil, birthDate: CivilDate? = nil,
                    phone: String? = nil, email: String? = nil, language: Language, consentVersion: String? = nil,
                    seedRef: String? = nil) {
            self.regionID = regionID
            self.fullName = fullName
            self.name = name
            self.position = position
            self.organisationID = organisationID
            self.nationalID = nationalID
            self.birthDate = birthDate
            self.phone = phone
            self.email = email
            self.language = language
            self.consentVersion = consentVersion
            self.seedRef = seedRef
        }
    }

    /// Inserts the person; returns nil when one with the same national ID or seed key exists.
    public func insert(_ person: NewPerson, on connection: PostgresConnection) async throws -> UUID? {
        let rows = try await connection.guardedQuery("""
            INSERT INTO people (region_id, full_name, last_name, first_name, middle_name, search_key, name_keys, position,
                                organisation_id, national_id_kind, national_id, birth_date, sex, phone, email,
                                language, consent_at, consent_version, seed_ref)
            VALUES (\(person.regionID), \(person.fullName), \(person.name?.last), \(person.name?.first),
                    \(person.name?.middle), \(SearchKey.make(person.fullName)), \(NameKeys(person.fullName).stored), \(person.position),
                    \(person.organisationID), \(person.nationalID?.kind.rawValue), \(person.nationalID?.value),
                    \(person.birthDate?.description)::date, \(person.nationalID?.sex?.rawValue), \(person.phone),
                    \(person.email), \(person.language.rawValue),
                    CASE WHEN \(person.consentVersion)::text IS NULL THEN NULL ELSE now() END, \(person.consentVersion),
                    \(person.seedRef))
            ON CONFLICT DO NOTHING
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(UUID.self) { return id }
        return nil
    }

    public func find(nationalID: NationalID, on connection: PostgresConnection) async throws -> UUID? {
        let rows = try await connection.guardedQuery("""
            SELECT id FROM people WHERE national_id_kind = \(nationalID.kind.rawValue) AND national_id = \(nationalID.value)
            """, logger: logger)
        for try await id in rows.decode(UUID.self) { return id }
        return nil
    }

    public func find(seedRef: String, on connection: PostgresConnection) async throws -> (id: UUID, regionID: Int64)? {
        let rows = try await connection.guardedQuery("SELECT id, region_id FROM people WHERE seed_ref = \(seedRef)", logger: logger)
        for try await (id, regionID) in rows.decode((UUID, Int64).self) { return (id, regionID) }
        return nil
    }
}

extension PersonRepository {
    public func exists(id: UUID, on connection: PostgresConnection) async throws -> Bool {
        try await !connection.run("SELECT 1 FROM people WHERE id = \(id)", logger: logger).isEmpty
    }

    /// Keeps an attempt to register the holder of `nationalID` in `regionID` beside the person
    /// already kept (wherever that is: the database looks, the caller learns nothing); nil when no
    /// person has that ID.
    public func recordRegistrationConflict(nationalID: NationalID, regionID: Int64, officeID: Int64?, fullName: String,
                                           source: String, actor: String,
                                           on connection: PostgresConnection) async throws -> UUID? {
        try await connection.run("""
            SELECT adal_record_registration_conflict(\(nationalID.kind.rawValue), \(nationalID.value), \(regionID),
                                                     \(officeID), \(fullName), \(source), \(actor))
            """, logger: logger).first?.decode(UUID?.self)
    }

    /// An attempt to register a person another region's office keeps, with both sides' places.
    public struct RegistrationConflict: Sendable, Encodable {
        public let id: UUID
        public let attemptedAt: Date
        public let attemptedBy: String
        public let source: String
        public let fullName: String
        public let region: String
        public let office: String?
        public let person: UUID
        public let otherRegion: String
        public let otherOffice: String?
    }

    /// The attempts whose both regions are among `within` (nil: all), newest first.
    public func registrationConflicts(within: [Int64]?, limit: Int,
                                      on connection: PostgresConnection) async throws -> [RegistrationConflict] {
        let rows = try await connection.guardedQuery("""
            SELECT c.id, c.attempted_at, c.attempted_by, c.source, c.full_name, r.code, o.code, c.person_id, r2.code, o2.code
            FROM registration_conflicts c
            JOIN regions r ON r.id = c.region_id LEFT JOIN offices o ON o.id = c.office_id
            JOIN regions r2 ON r2.id = c.other_region_id LEFT JOIN offices o2 ON o2.id = c.other_office_id
            WHERE \(within)::bigint[] IS NULL OR (c.region_id = ANY (\(within)) AND c.other_region_id = ANY (\(within)))
            ORDER BY c.attempted_at DESC, c.id DESC LIMIT \(limit)
            """, logger: logger)
        var conflicts: [RegistrationConflict] = []
        for try await row in rows {
            let c = row.makeRandomAccess()
            conflicts.append(RegistrationConflict(
                id: try c[0].decode(UUID.self), attemptedAt: try c[1].decode(Date.self), attemptedBy: try c[2].decode(String.self),
                source: try c[3].decode(String.self), fullName: try c[4].decode(String.self), region: try c[5].decode(String.self),
                office: try c[6].decode(String?.self), person: try c[7].decode(UUID.self), otherRegion: try c[8].decode(String.self),
                otherOffice: try c[9].decode(String?.self)))
        }
        return conflicts
    }

    /// The region a person is kept in; nil when no person (visible in the scope) has this id.
    public func regionID(of id: UUID, on connection: PostgresConnection) async throws -> Int64? {
        try await connection.run("SELECT region_id FROM people WHERE id = \(id)", logger: logger).first?.decode(Int64.self)
    }
}

extension PersonRepository {
    /// Whether the person has an e-mail address or a phone number to be reached by.
    public func isReachable(id: UUID, on connection: PostgresConnection) async throws -> Bool {
        let rows = try await connection.guardedQuery(
            "SELECT email IS NOT NULL OR phone IS NOT NULL FROM people WHERE id = \(id)", logger: logger)
        for try await reachable in rows.decode(Bool.self) { return reachable }
        return false
    }
}
