import AdalDomain
import Logging
import PostgresNIO

/// Prevention offices and agency departments.
public struct OfficeRepository: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    /// The office's row key and its region's, by office code.
    public func find(code: String, on connection: PostgresConnection) async throws -> (id: Int64, regionID: Int64)? {
        let rows = try await connection.guardedQuery("SELECT id, region_id FROM offices WHERE code = \(code.uppercased())",
                                              logger: logger)
        for try await (id, regionID) in rows.decode((Int64, Int64).self) { return (id, regionID) }
        return nil
    }

    public func insertIfAbsent(code: String, regionID: Int64, kind: OfficeKind, names: [String: String],
                               email: String?, phone: String?, address: String?,
                               on connection: PostgresConnection) async throws -> Bool {
        try await !connection.run("""
            INSERT INTO offices (code, region_id, kind, names, email, phone, address)
            VALUES (\(code), \(regionID), \(kind.rawValue), \(Decode.json(names))::jsonb, \(email), \(phone), \(address))
            ON CONFLICT (code) DO NOTHING RETURNING id
            """, logger: logger).isEmpty
    }
}

extension OfficeRepository {
    /// The office whose mailbox is one of these addresses, with its region.
    public func find(emails: [String], on connection: PostgresConnection) async throws -> (code: String, regionID: Int64)? {
        let lowered = emails.map { $0.lowercased() }
        guard !lowered.isEmpty else { return nil }
        let rows = try await connection.guardedQuery("SELECT code, region_id FROM offices WHERE lower(email) = ANY(\(lowered)) ORDER BY id LIMIT 1",
                                              logger: logger)
        for try await (code, regionID) in rows.decode((String, Int64).self) { return (code, regionID) }
        return nil
    }
}
