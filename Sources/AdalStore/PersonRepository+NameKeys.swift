import AdalDomain
import Foundation
import PostgresNIO

extension PersonRepository {
    /// Gives up to `limit` people stored before name keys existed their keys (NameKeys); returns
    /// how many were given them. Run in batches until it returns 0.
    public func rebuildNameKeys(limit: Int, on connection: PostgresConnection) async throws -> Int {
        let rows = try await connection.run("""
            SELECT id, full_name FROM people WHERE name_keys = '{}' ORDER BY id LIMIT \(limit)
            """, logger: logger)
        var ids: [UUID] = []
        var keys: [String] = []
        for row in rows {
            let (id, name) = try row.decode((UUID, String).self)
            let stored = NameKeys(name).stored
            // A name with no letters keeps an empty set, marked so it is not taken again.
            ids.append(id)
            keys.append("{" + (stored.isEmpty ? "-" : stored.joined(separator: ",")) + "}")
        }
        guard !ids.isEmpty else { return 0 }
        try await connection.run("""
            UPDATE people p SET name_keys = x.keys::text[]
            FROM unnest(\(ids)::uuid[], \(keys)::text[]) AS x(id, keys) WHERE p.id = x.id
            """, logger: logger)
        return ids.count
    }
}
