import AdalDomain
import Foundation
import Logging
import PostgresNIO

/// Standing councils and commissions with their members and terms.
public struct CouncilRepository: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public func insertIfAbsent(code: String, regionID: Int64, officeID: Int64?, kind: CouncilKind, names: [String: String],
                               establishedOn: CivilDate?, quorumFraction: Double?,
                               on connection: PostgresConnection) async throws -> Bool {
        try await !connection.run("""
            INSERT INTO councils (code, region_id, office_id, kind, names, established_on, quorum_fraction)
            VALUES (\(code), \(regionID), \(officeID), \(kind.rawValue), \(Decode.json(names))::jsonb,
                    \(establishedOn?.description)::date, \(quorumFraction)::numeric)
            ON CONFLICT (code) DO NOTHING RETURNING id
            """, logger: logger).isEmpty
    }

    public func find(code: String, on connection: PostgresConnection) async throws -> (id: Int64, regionID: Int64)? {
        let rows = try await connection.guardedQuery("SELECT id, region_id FROM councils WHERE code = \(code.uppercased())",
                                              logger: logger)
        for try await (id, regionID) in rows.decode((Int64, Int64).self) { return (id, regionID) }
        return nil
    }

    public func addMemberIfAbsent(councilID: Int64, personID: UUID, regionID: Int64, position: String?, role: CouncilRole,
                                  termFrom: CivilDate?, termTo: CivilDate?, on connection: PostgresConnection) async throws -> Bool {
        try await !connection.run("""
            INSERT INTO council_members (council_id, person_id, region_id, position, role, term_from, term_to)
            VALUES (\(councilID), \(personID), \(regionID), \(position), \(role.rawValue),
                    \(termFrom?.description)::date, \(termTo?.description)::date)
            ON CONFLICT (council_id, person_id, term_from) DO NOTHING RETURNING id
            """, logger: logger).isEmpty
    }

    public func setQuorumFraction(councilID: Int64, fraction: Double?, on connection: PostgresConnection) async throws {
        try await connection.run("UPDATE councils SET quorum_fraction = \(fraction)::numeric(3, 2) WHERE id = \(councilID)",
                                 logger: logger)
    }

    /// Councils in the region's subtree (or everywhere), without members.
    public func list(regionID: Int64?, within: [Int64]? = nil, on connection: PostgresConnection) async throws -> [Council] {
        let rows = try await connection.guardedQuery("""
            \(unescaped: Self.selectClause)
            WHERE (\(regionID)::bigint IS NULL OR c.region_id IN (SELECT region_subtree(\(regionID))))
              AND (\(within)::bigint[] IS NULL OR c.region_id = ANY(\(within)))
            ORDER BY r.code, c.code
            """, logger: logger)
        return try await decode(rows)
    }

    /// One council with its members, by code.
    public func get(code: String, on connection: PostgresConnection) async throws -> Council? {
        let rows = try await connection.guardedQuery("\(unescaped: Self.selectClause) WHERE c.code = \(code.uppercased())",
                                              logger: logger)
        guard var council = try await decode(rows).first else { return nil }
        let members = try await connection.guardedQuery("""
            SELECT p.id, p.full_name, m.position, m.role, m.term_from::text, m.term_to::text
            FROM council_members m JOIN people p ON p.id = m.person_id
            WHERE m.council_id = \(council.id)
            ORDER BY array_position(ARRAY['chair','deputy_chair','secretary','member'], m.role), p.full_name
            """, logger: logger)
        for try await (person, name, position, role, from, to)
            in members.decode((UUID, String, String?, String, String?, String?).self) {
            council.members.append(CouncilMember(personID: person, fullName: name, position: position,
                                                 role: try Decode.value(role, as: CouncilRole.self),
                                                 termFrom: try Decode.date(from), termTo: try Decode.date(to)))
        }
        return council
    }

    static let selectClause = """
        SELECT c.id, c.code, c.kind, c.names::text, r.code, o.code, c.established_on::text
        FROM councils c JOIN regions r ON r.id = c.region_id LEFT JOIN offices o ON o.id = c.office_id
        """

    private func decode(_ rows: CollectedRows) async throws -> [Council] {
        var result: [Council] = []
        for try await (id, code, kind, names, region, office, established)
            in rows.decode((Int64, String, String, String, String, String?, String?).self) {
            result.append(Council(id: id, code: code, kind: try Decode.value(kind, as: CouncilKind.self),
                                  names: try Decode.names(names), regionCode: region, officeCode: office,
                                  establishedOn: try Decode.date(established), members: []))
        }
        return result
    }
}

extension CouncilRepository {
    /// Locks the council's row, so that two changes of its chair wait for each other.
    public func lock(councilID: Int64, on connection: PostgresConnection) async throws {
        _ = try await connection.guardedQuery("SELECT id FROM councils WHERE id = \(councilID) FOR UPDATE", logger: logger)
    }

    /// The chairs whose term reaches `day` or begins after it, other than `person`.
    public func chairs(councilID: Int64, servingOnOrAfter day: CivilDate, except person: UUID,
                       on connection: PostgresConnection) async throws -> [(personID: UUID, termFrom: CivilDate?)] {
        let rows = try await connection.guardedQuery("""
            SELECT person_id, term_from::text FROM council_members
            WHERE council_id = \(councilID) AND role = 'chair' AND person_id <> \(person)
              AND (term_to IS NULL OR term_to >= \(day.description)::date)
            """, logger: logger)
        var found: [(personID: UUID, termFrom: CivilDate?)] = []
        for try await (id, from) in rows.decode((UUID, String?).self) { found.append((id, try Decode.date(from))) }
        return found
    }

    /// Ends the person's open terms on the council on `day` (their last day); false when none was open then.
    public func endTerm(councilID: Int64, personID: UUID, on day: CivilDate, on connection: PostgresConnection) async throws -> Bool {
        try await !connection.run("""
            UPDATE council_members SET term_to = \(day.description)::date
            WHERE council_id = \(councilID) AND person_id = \(personID)
              AND (term_to IS NULL OR term_to > \(day.description)::date)
              AND (term_from IS NULL OR term_from <= \(day.description)::date)
            RETURNING id
            """, logger: logger).isEmpty
    }

    public func markReachedByOffice(councilID: Int64, personID: UUID, on connection: PostgresConnection) async throws {
        try await connection.run("""
            UPDATE council_members SET reached_by_office = true WHERE council_id = \(councilID) AND person_id = \(personID)
            """, logger: logger)
    }
}
