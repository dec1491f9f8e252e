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

extension OfficeRepository {
    /// An office with every name it is known by: its own in each language and its aliases.
    public struct Names: Sendable {
        public let id: Int64
        public let code: String
        public let regionID: Int64
        public let regionCode: String
        public let names: [String: String]
        public let aliases: [String]
    }

    /// Every office with its names, by code.
    public func directory(on connection: PostgresConnection) async throws -> [Names] {
        let rows = try await connection.guardedQuery("""
            SELECT o.id, o.code, o.region_id, r.code, o.names::text,
                   coalesce((SELECT array_agg(a.alias ORDER BY a.id) FROM office_aliases a WHERE a.office_id = o.id), '{}')
            FROM offices o JOIN regions r ON r.id = o.region_id ORDER BY o.code
            """, logger: logger)
        var found: [Names] = []
        for try await (id, code, regionID, regionCode, names, aliases) in rows.decode((Int64, String, Int64, String, String, [String]).self) {
            found.append(Names(id: id, code: code, regionID: regionID, regionCode: regionCode,
                               names: try Decode.names(names), aliases: aliases))
        }
        return found
    }

    /// Adds another name for the office; false when that key is taken already (by this office or another).
    public func addAliasIfAbsent(officeID: Int64, alias: String, key: String, on connection: PostgresConnection) async throws -> Bool {
        try await !connection.run("""
            INSERT INTO office_aliases (office_id, alias, key) VALUES (\(officeID), \(alias), \(key))
            ON CONFLICT (key) DO NOTHING RETURNING id
            """, logger: logger).isEmpty
    }

    /// The code of the office an alias key belongs to.
    public func aliasOwner(key: String, on connection: PostgresConnection) async throws -> String? {
        let rows = try await connection.guardedQuery("""
            SELECT o.code FROM office_aliases a JOIN offices o ON o.id = a.office_id WHERE a.key = \(key)
            """, logger: logger)
        for try await code in rows.decode(String.self) { return code }
        return nil
    }
}
