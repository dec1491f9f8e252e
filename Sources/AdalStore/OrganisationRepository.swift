import AdalDomain
import Logging
import PostgresNIO

/// NGOs, businesses, universities, media and state bodies people act for.
public struct OrganisationRepository: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    /// The organisation of this exact name in the region (or with no region), if known.
    public func find(name: String, regionID: Int64?, on connection: PostgresConnection) async throws -> Int64? {
        let rows = try await connection.guardedQuery("""
            SELECT id FROM organisations
            WHERE name = \(name) AND (region_id IS NOT DISTINCT FROM \(regionID) OR region_id IS NULL)
            ORDER BY region_id NULLS LAST LIMIT 1
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        return nil
    }

    /// Returns the row key of the organisation, creating it first when absent.
    public func findOrCreate(name: String, kind: OrganisationKind, regionID: Int64?,
                             on connection: PostgresConnection) async throws -> (id: Int64, created: Bool) {
        if let id = try await find(name: name, regionID: regionID, on: connection) { return (id, false) }
        let rows = try await connection.guardedQuery("""
            INSERT INTO organisations (region_id, kind, name, search_key)
            VALUES (\(regionID), \(kind.rawValue), \(name), \(SearchKey.make(name)))
            ON CONFLICT (region_id, name) DO UPDATE SET name = EXCLUDED.name
            RETURNING id, (xmax = 0)
            """, logger: logger)
        for try await (id, inserted) in rows.decode((Int64, Bool).self) { return (id, inserted) }
        throw StoreError.unexpected("organisation insert returned no row")
    }
}
