import AdalDomain
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// Writes synthetic records with COPY, for load tests and benchmarks.
public struct SyntheticDataRepository: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    /// Changes people made: audit entries written outside a seed load or a generation (the
    /// entries of one transaction share its time, so a seed load's own entries are recognised);
    /// a migration or a seal of the audit chain is no record.
    public func realRecordCount(on connection: PostgresConnection) async throws -> Int {
        try await connection.run("""
            SELECT count(*)::int FROM audit_entries
            WHERE occurred_at NOT IN (SELECT occurred_at FROM audit_entries WHERE action IN ('seed.load', 'dev.generate'))
              AND action NOT IN ('audit.seal', 'database.migrate')
            """, logger: logger)[0].decode(Int.self)
    }

    public struct Place: Sendable {
        public let regionID: Int64
        public let country: Country
        public let timeZone: String
        public let officeID: Int64?
        public let councilID: Int64?
    }

    /// Every region below country level, with an office and a council of it when it has one.
    public func places(on connection: PostgresConnection) async throws -> [Place] {
        try await connection.run("""
            SELECT r.id, r.country, r.time_zone,
                   (SELECT min(o.id) FROM offices o WHERE o.region_id = r.id),
                   (SELECT min(c.id) FROM councils c WHERE c.region_id = r.id)
            FROM regions r WHERE r.level <> 'country' ORDER BY r.id
            """, logger: logger).map { row in
            let (id, country, zone, office, council) = try row.decode((Int64, String, String, Int64?, Int64?).self)
            return Place(regionID: id, country: Country(rawValue: country)!, timeZone: zone, officeID: office, councilID: council)
        }
    }

    /// Plan item ids by country.
    public func planItems(on connection: PostgresConnection) async throws -> [Country: [Int64]] {
        var items: [Country: [Int64]] = [:]
        for row in try await connection.run("""
            SELECT p.country, i.id FROM plan_items i JOIN action_plans p ON p.id = i.plan_id ORDER BY i.id
            """, logger: logger) {
            let (country, id) = try row.decode((String, Int64).self)
            items[Country(rawValue: country)!, default: []].append(id)
        }
        return items
    }

    /// Streams rows into `table` with COPY (text format): `produce` is called with a function that
    /// takes one row's fields (nil is NULL); the rows go out in chunks of about a megabyte.
    public func copy(into table: String, columns: [String], on connection: PostgresConnection,
                     produce: (_ row: ([String?]) -> Void) throws -> Void) async throws {
        var chunks: [ByteBuffer] = []
        var buffer = ByteBuffer()
        buffer.reserveCapacity(1 << 20)
        try produce { fields in
            for (index, field) in fields.enumerated() {
                if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                guard let field else {
                    buffer.writeStaticString("\\N")
                    continue
                }
                for byte in field.utf8 {
                    switch byte {
                    case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                    case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
                    case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
                    case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
                    default: buffer.writeInteger(byte)
                    }
                }
            }
            buffer.writeInteger(UInt8(ascii: "\n"))
            if buffer.readableBytes >= 1 << 20 {
                chunks.append(buffer)
                buffer = ByteBuffer()
                buffer.reserveCapacity(1 << 20)
            }
        }
        if buffer.readableBytes > 0 { chunks.append(buffer) }
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            for chunk in chunks { try await writer.write(chunk) }
        }
    }

    static let generatedTables = ["people", "events", "participants", "event_plan_items", "volunteers", "applications", "event_volunteers"]

    /// After the load has committed, outside any transaction: what autovacuum would soon do to a
    /// loaded database (the trigger-kept counts leave a dead version of each event), done now so
    /// the database is in the state it would settle in.
    public func vacuum(on connection: PostgresConnection) async throws {
        for table in Self.generatedTables {
            try await connection.run(PostgresQuery(unsafeSQL: "VACUUM (ANALYZE) \(table)"), logger: logger)
        }
    }
}
