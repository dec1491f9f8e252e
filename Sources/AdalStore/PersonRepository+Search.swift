import AdalDomain
import Foundation
import PostgresNIO

extension PersonRepository {
    /// A person as a search shows them, to be chosen by name (never by typing an id).
    public struct Found: Sendable {
        public let id: UUID
        public let fullName: String
        public let position: String?
        public let organisation: String?
        public let regionCode: String
    }

    /// People whose name matches the query's tokens on their keys (NameKeys): those matching every
    /// token (through the keys' index, closest by trigrams first); only when there is none, those
    /// matching some tokens or close by trigrams, the most tokens first; in the regions `within`
    /// (nil: all).
    public func search(_ query: NameKeys, limit: Int, within: [Int64]?, on connection: PostgresConnection) async throws -> [Found] {
        let key = query.tokens.map(\.skeleton).joined(separator: " ")
        guard !key.isEmpty else { return [] }
        let phonetics = Array(Set(query.tokens.map(\.phonetic))).sorted()
        let whole = try await found(connection.guardedQuery("""
            SELECT p.id, p.full_name, p.position, g.name, r.code
            FROM people p JOIN regions r ON r.id = p.region_id LEFT JOIN organisations g ON g.id = p.organisation_id
            WHERE p.id IN (SELECT adal_people_with_all_name_keys(\(phonetics)::text[])) AND (\(within)::bigint[] IS NULL OR p.region_id = ANY(\(within)))
            ORDER BY word_similarity(\(key), p.search_key) DESC, p.full_name LIMIT \(limit)
            """, logger: logger))
        guard whole.isEmpty else { return whole }
        let partial = try await found(connection.guardedQuery("""
            SELECT p.id, p.full_name, p.position, g.name, r.code
            FROM people p JOIN regions r ON r.id = p.region_id LEFT JOIN organisations g ON g.id = p.organisation_id
            WHERE NOT p.name_keys @> \(phonetics)::text[]
              AND (p.name_keys && \(phonetics)::text[] OR p.search_key LIKE '%' || \(key) || '%' OR \(key) <% p.search_key)
              AND (\(within)::bigint[] IS NULL OR p.region_id = ANY(\(within)))
            ORDER BY (SELECT count(*) FROM unnest(\(phonetics)::text[]) AS t(f) WHERE t.f = ANY (p.name_keys)) DESC,
                     word_similarity(\(key), p.search_key) DESC, p.full_name LIMIT \(limit)
            """, logger: logger))
        return whole + partial
    }

    private func found(_ rows: CollectedRows) async throws -> [Found] {
        var found: [Found] = []
        for try await (id, name, position, organisation, region) in rows.decode((UUID, String, String?, String?, String).self) {
            found.append(Found(id: id, fullName: name, position: position, organisation: organisation, regionCode: region))
        }
        return found
    }
}
