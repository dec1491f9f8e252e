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
        let rows = try await connection.query("""
            INSERT INTO people (region_id, full_name, last_name, first_name, middle_name, search_key, position,
                                organisation_id, national_id_kind, national_id, birth_date, sex, phone, email,
                                language, consent_at, consent_version, seed_ref)
            VALUES (\(person.regionID), \(person.fullName), \(person.name?.last), \(person.name?.first),
                    \(person.name?.middle), \(SearchKey.make(person.fullName)), \(person.position),
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
        let rows = try await connection.query("""
            SELECT id FROM people WHERE national_id_kind = \(nationalID.kind.rawValue) AND national_id = \(nationalID.value)
            """, logger: logger)
        for try await id in rows.decode(UUID.self) { return id }
        return nil
    }

    public func find(seedRef: String, on connection: PostgresConnection) async throws -> (id: UUID, regionID: Int64)? {
        let rows = try await connection.query("SELECT id, region_id FROM people WHERE seed_ref = \(seedRef)", logger: logger)
        for try await (id, regionID) in rows.decode((UUID, Int64).self) { return (id, regionID) }
        return nil
    }
}

extension PersonRepository {
    public func exists(id: UUID, on connection: PostgresConnection) async throws -> Bool {
        try await !connection.run("SELECT 1 FROM people WHERE id = \(id)", logger: logger).isEmpty
    }
}
