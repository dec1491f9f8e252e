import AdalDomain
import Logging
import PostgresNIO

/// Regions, their tree and their older codes.
public struct RegionRepository: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }


    public func all(country: Country? = nil, on connection: PostgresConnection) async throws -> [Region] {
        let rows = try await connection.guardedQuery("""
            WITH RECURSIVE tree AS (
                SELECT id, ARRAY[code] AS path FROM regions WHERE parent_id IS NULL
                UNION ALL
                SELECT r.id, t.path || r.code FROM regions r JOIN tree t ON r.parent_id = t.id
            )
            SELECT r.id, r.code, p.code, r.level, r.country, r.time_zone, r.names::text,
                   coalesce((SELECT array_agg(a.alias ORDER BY a.alias) FROM region_aliases a WHERE a.region_id = r.id), '{}')
            FROM regions r JOIN tree t ON t.id = r.id LEFT JOIN regions p ON p.id = r.parent_id
            WHERE \(country?.rawValue)::text IS NULL OR r.country = \(country?.rawValue)
            ORDER BY t.path
            """, logger: logger)
        return try await decode(rows)
    }

    /// The region with this current code or older alias (case-insensitive).
    public func find(code: String, on connection: PostgresConnection) async throws -> Region? {
        try await connection.guardedExecute(ByCode(code: code.uppercased()), logger: logger).first
    }

    /// Prepared once per connection: nearly every use case finds a region by its code first.
    struct ByCode: PostgresPreparedStatement {
        static let name = "adal.region_by_code"
        static let sql = """
            SELECT r.id, r.code, p.code, r.level, r.country, r.time_zone, r.names::text,
                   coalesce((SELECT array_agg(a.alias ORDER BY a.alias) FROM region_aliases a WHERE a.region_id = r.id), '{}')
            FROM regions r LEFT JOIN regions p ON p.id = r.parent_id
            WHERE r.code = $1 OR r.id = (SELECT region_id FROM region_aliases WHERE alias = $1)
            """
        static let bindingDataTypes: [PostgresDataType] = [.text]
        let code: String

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(code)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Region {
            try RegionRepository.region(from: row)
        }
    }

    /// The region with this code, older alias, or name in any of its languages (case-insensitive).
    /// Whether one region is the other or lies under it (a district of a region, a region of a country).
    public func areNested(_ first: Int64, _ second: Int64, on connection: PostgresConnection) async throws -> Bool {
        let rows = try await connection.guardedQuery("""
            WITH RECURSIVE up (start, id, parent_id) AS (
                SELECT id, id, parent_id FROM regions WHERE id = \(first) OR id = \(second)
                UNION ALL
                SELECT up.start, r.id, r.parent_id FROM regions r JOIN up ON r.id = up.parent_id
            )
            SELECT EXISTS (SELECT 1 FROM up WHERE (start = \(first) AND id = \(second)) OR (start = \(second) AND id = \(first)))
            """, logger: logger)
        for try await nested in rows.decode(Bool.self) { return nested }
        return false
    }

    public func country(id: Int64, on connection: PostgresConnection) async throws -> Country {
        let rows = try await connection.guardedQuery("SELECT country FROM regions WHERE id = \(id)", logger: logger)
        for try await country in rows.decode(String.self) { return try Decode.value(country, as: Country.self) }
        throw StoreError.unexpected("region \(id) not found")
    }

    /// The region's IANA time zone.
    public func timeZone(id: Int64, on connection: PostgresConnection) async throws -> String {
        let rows = try await connection.guardedQuery("SELECT time_zone FROM regions WHERE id = \(id)", logger: logger)
        for try await zone in rows.decode(String.self) { return zone }
        throw StoreError.unexpected("region \(id) not found")
    }

    public func find(codeOrName text: String, on connection: PostgresConnection) async throws -> Region? {
        if let region = try await find(code: text, on: connection) { return region }
        let rows = try await connection.guardedQuery("""
            SELECT r.id, r.code, p.code, r.level, r.country, r.time_zone, r.names::text,
                   coalesce((SELECT array_agg(a.alias ORDER BY a.alias) FROM region_aliases a WHERE a.region_id = r.id), '{}')
            FROM regions r LEFT JOIN regions p ON p.id = r.parent_id
            WHERE EXISTS (SELECT 1 FROM jsonb_each_text(r.names) n WHERE lower(n.value) = lower(\(text)))
            ORDER BY r.id LIMIT 1
            """, logger: logger)
        return try await decode(rows).first
    }

    /// Inserts the region unless its code exists; returns whether it was inserted.
    public func insertIfAbsent(code: String, parentID: Int64?, level: RegionLevel, country: Country, timeZone: String,
                               names: [String: String], on connection: PostgresConnection) async throws -> Bool {
        let namesJSON = Decode.json(names)
        let key = SearchKey.make(names["en"] ?? code)
        return try await !connection.run("""
            INSERT INTO regions (code, parent_id, level, country, time_zone, names, search_key)
            VALUES (\(code), \(parentID), \(level.rawValue), \(country.rawValue), \(timeZone), \(namesJSON)::jsonb, \(key))
            ON CONFLICT (code) DO NOTHING RETURNING id
            """, logger: logger).isEmpty
    }

    public func addAliasIfAbsent(_ alias: String, regionID: Int64, on connection: PostgresConnection) async throws -> Bool {
        try await !connection.run("""
            INSERT INTO region_aliases (alias, region_id) VALUES (\(alias), \(regionID))
            ON CONFLICT (alias) DO NOTHING RETURNING alias
            """, logger: logger).isEmpty
    }

    private func decode(_ rows: CollectedRows) async throws -> [Region] {
        var result: [Region] = []
        for try await row in rows { result.append(try Self.region(from: row)) }
        return result
    }

    static func region(from row: PostgresRow) throws -> Region {
        let (id, code, parent, level, country, zone, names, aliases) =
            try row.decode((Int64, String, String?, String, String, String, String, [String]).self)
        return Region(id: id, code: code, parentCode: parent, level: try Decode.value(level, as: RegionLevel.self),
                      country: try Decode.value(country, as: Country.self), timeZone: zone,
                      names: try Decode.names(names), aliases: aliases)
    }
}
