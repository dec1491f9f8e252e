import AdalDomain
import Foundation
import PostgresNIO

extension PersonRepository {
    /// Who a record says someone is, to find the people, volunteers and open applications that may be
    /// the same person: its national ID (a valid one only), birth date and name as written.
    public struct DuplicateProbe: Sendable {
        public var nationalIDKind: String?
        public var nationalID: String?
        public var birthDate: CivilDate?
        public var fullName: String
        /// The record itself (a person, or the application shown), never its own duplicate.
        public var person: UUID?
        public var application: UUID?

        public init(nationalIDKind: String?, nationalID: String?, birthDate: CivilDate?, fullName: String,
                    person: UUID? = nil, application: UUID? = nil) {
            self.nationalIDKind = nationalIDKind
            self.nationalID = nationalID
            self.birthDate = birthDate
            self.fullName = fullName
            self.person = person
            self.application = application
        }

        var nationalKey: String? {
            guard let nationalIDKind, let nationalID else { return nil }
            return nationalIDKind + ":" + nationalID
        }
    }

    /// People (as volunteers when they are one) and open applications with the same national ID —
    /// certain; and those born the same day whose name matches token by token in any script or
    /// spelling — likely (DuplicateRule). A like name without the same birth date is never offered.
    /// Records with the same national ID come first; of those born the same day, 2,000 at most are
    /// judged (a day has about 40 at a country's million people).
    public func possibleDuplicates(of probe: DuplicateProbe, on connection: PostgresConnection) async throws -> [PossibleDuplicate] {
        guard probe.nationalKey != nil || probe.birthDate != nil else { return [] }
        let (kind, number, birth, key) = (probe.nationalIDKind, probe.nationalID, probe.birthDate, probe.nationalKey)
        let rows = try await connection.guardedQuery("""
            SELECT c.kind, c.id, c.full_name, c.national_key, c.birth_date::text FROM (
                SELECT CASE WHEN v.id IS NULL THEN 'person' ELSE 'volunteer' END AS kind, coalesce(v.id, p.id)::text AS id,
                       p.full_name, p.national_id_kind || ':' || p.national_id AS national_key, p.birth_date
                FROM people p LEFT JOIN volunteers v ON v.person_id = p.id
                WHERE ((p.national_id_kind = \(kind)::text AND p.national_id = \(number)::text) OR p.birth_date = \(birth))
                  AND p.id IS DISTINCT FROM \(probe.person)::uuid
                UNION ALL
                SELECT 'application', a.id::text, a.full_name,
                       CASE WHEN a.national_id_valid THEN a.national_id_kind || ':' || a.national_id END, a.birth_date
                FROM applications a
                WHERE a.status IN ('received', 'screening', 'needs_info')
                  AND ((a.national_id_kind = \(kind)::text AND a.national_id = \(number)::text) OR a.birth_date = \(birth))
                  AND a.id IS DISTINCT FROM \(probe.application)::uuid
            ) AS c
            ORDER BY coalesce(c.national_key = \(key)::text, false) DESC, c.kind, c.full_name, c.id
            LIMIT 2000
            """, logger: logger)
        var found: [PossibleDuplicate] = []
        for try await (kind, id, name, nationalKey, birthDate) in rows.decode((String, String, String, String?, String?).self) {
            let assessment = DuplicateRule.assess(nationalIDs: (key, nationalKey), birthDates: (probe.birthDate, try Decode.date(birthDate)),
                                                  names: (probe.fullName, name))
            if let match = PossibleDuplicate(kind: kind, id: id, name: name, assessment: assessment) { found.append(match) }
        }
        return found
    }

    /// The person's own record as a probe for `possibleDuplicates`; nil when there is no such person.
    public func duplicateProbe(person id: UUID, on connection: PostgresConnection) async throws -> DuplicateProbe? {
        let rows = try await connection.guardedQuery("""
            SELECT national_id_kind, national_id, birth_date::text, full_name FROM people WHERE id = \(id)
            """, logger: logger)
        for try await (kind, number, birth, name) in rows.decode((String?, String?, String?, String).self) {
            return DuplicateProbe(nationalIDKind: kind, nationalID: number, birthDate: try Decode.date(birth), fullName: name, person: id)
        }
        return nil
    }
}
