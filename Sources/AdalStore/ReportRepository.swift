import AdalDomain
import Foundation
import Logging
import PostgresNIO
import Synchronization

/// The queries behind reports. Every period is a range of local dates, each record's read in its
/// own region's zone; `regionID` limits to a region's subtree; `within` is the caller's scope.
public struct ReportRepository: Sendable {
    let logger: Logger
    /// When set, every query is also run under EXPLAIN ANALYZE and PostgreSQL's own time added up
    /// (what the reports benchmark compares against).
    let explain: ExplainTotal?
    /// Set when reports read a read-only replica, where no temporary table can be made: each
    /// collection is then kept as SQL and put before every section that reads it.
    let inline: InlineCollections?

    public init(logger: Logger, explain: ExplainTotal? = nil, readOnly: Bool = false) {
        self.logger = logger
        self.explain = explain
        inline = readOnly ? InlineCollections() : nil
    }

    public struct Period: Sendable {
        public let from: CivilDate
        public let to: CivilDate

        public init(from: CivilDate, to: CivilDate) {
            self.from = from
            self.to = to
        }
    }

    /// Rows of text and numbers as the query gave them, column by column.
    public typealias Rows = [[ReportCell]]

    func rows(_ query: Query, columns: [ReportCell.Kind], on connection: PostgresConnection) async throws -> Rows {
        if let inline {
            switch inline.phase {
            case .noting where inline.readsCollection(query.sql):
                inline.note(query, columns: columns, rows: nil)
                return []
            case .noting:
                let rows = try await run(query, columns: columns, on: connection)
                inline.note(query, columns: columns, rows: rows)
                return rows
            case .answering:
                if let rows = inline.nextAnswer(for: query) { return rows }
            case .direct:
                break
            }
            return try await run(inline.prefixed(query), columns: columns, on: connection)
        }
        return try await run(query, columns: columns, on: connection)
    }

    private func run(_ query: Query, columns: [ReportCell.Kind], on connection: PostgresConnection) async throws -> Rows {
        let query = try query.postgresQuery()
        try await timeIfAsked(query, on: connection)
        return try await connection.run(query, logger: logger).map { row in
            let cells = row.makeRandomAccess()
            return try columns.enumerated().map { index, kind in
                switch kind {
                case .text: .text(try cells[index].decode(String?.self) ?? "")
                case .integer: .integer(try cells[index].decode(Int?.self) ?? 0)
                case .decimal: try cells[index].decode(Double?.self).map { .decimal($0) } ?? .empty
                }
            }
        }
    }

    /// Readies the report's transaction: JIT compilation costs these queries more than it saves;
    /// on a replica, the transaction is read-only.
    public func begin(on connection: PostgresConnection) async throws {
        if let inline {
            inline.clear()
            try await connection.run("SET TRANSACTION READ ONLY", logger: logger)
        }
        try await connection.run("SET LOCAL jit = off", logger: logger)
    }

    /// Today's date where it is latest among the regions (a region's subtree, within the scope).
    public func today(regionID: Int64?, within: [Int64]?, now: Date, on connection: PostgresConnection) async throws -> CivilDate? {
        let rows = try await connection.guardedQuery("""
            SELECT max((\(now)::timestamptz AT TIME ZONE r.time_zone)::date)::text FROM regions r
            WHERE (\(regionID)::bigint IS NULL OR r.id IN (SELECT region_subtree(\(regionID))))
              AND (\(within)::bigint[] IS NULL OR r.id = ANY (\(within)))
            """, logger: logger)
        for try await text in rows.decode(String?.self) { return try Decode.date(text) }
        return nil
    }

    /// `CREATE TEMPORARY TABLE table ON COMMIT DROP AS select`; under EXPLAIN ANALYZE when timing.
    /// On a replica, `select` is kept to be put before each section instead.
    func collect(into table: String, _ select: String, values: [Parameter], on connection: PostgresConnection) async throws {
        if let inline {
            inline.add(table: table, select: select, values: values)
            return
        }
        let create = try Query("CREATE TEMPORARY TABLE \(table) ON COMMIT DROP AS " + select, values).postgresQuery()
        if explain != nil {
            try await timeIfAsked(create, on: connection)
        } else {
            try await connection.run(create, logger: logger)
        }
    }

    /// When timing, runs `query` under EXPLAIN ANALYZE and adds PostgreSQL's own time to the total.
    func timeIfAsked(_ query: PostgresQuery, on connection: PostgresConnection) async throws {
        guard let explain else { return }
        let plan = try await connection.run(PostgresQuery(unsafeSQL: "EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + query.sql, binds: query.binds),
                                            logger: logger)
        explain.add(Self.milliseconds(try plan.map { try $0.decode(String.self) }.joined()))
    }

    /// Planning and execution time from an EXPLAIN (ANALYZE, FORMAT JSON) answer.
    static func milliseconds(_ plan: String) -> Double {
        guard let data = plan.data(using: .utf8), let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]],
              let first = list.first else { return 0 }
        return ((first["Planning Time"] as? Double) ?? 0) + ((first["Execution Time"] as? Double) ?? 0)
    }

    func bindings(_ language: Language, _ regionID: Int64?, _ within: [Int64]?, _ period: Period) -> [Parameter] {
        [.init(language.rawValue)] + scopeValues(regionID, within, period)
    }

    /// The period's months, first days, from `$1` to `$2` (what `periodBindings` binds): a
    /// month-by-month section lists every month, those with nothing too.
    static let periodMonths = """
        SELECT m::date AS month FROM generate_series(date_trunc('month', $1::date::timestamp), $2::date::timestamp,
                                                     interval '1 month') AS m
        """

    /// `$1` region (its subtree; nil for all), `$2` the caller's regions (nil for all), `$3`–`$4` the period.
    func scopeValues(_ regionID: Int64?, _ within: [Int64]?, _ period: Period) -> [Parameter] {
        [.init(regionID), .init(within), .init(period.from), .init(period.to)]
    }

    /// A parameter kept to be bound later (a collection's, bound again for each section on a replica).
    struct Parameter: Sendable {
        let append: @Sendable (inout PostgresBindings) throws -> Void

        init<Value: PostgresThrowingDynamicTypeEncodable & Sendable>(_ value: Value?) {
            append = { try $0.append(value) }
        }
    }

    func periodBindings(_ period: Period) -> [Parameter] {
        [.init(period.from), .init(period.to)]
    }
}


/// PostgreSQL's own milliseconds (planning and execution, from EXPLAIN ANALYZE) over many queries.
public final class ExplainTotal: Sendable {
    private let total = Mutex(0.0)

    public init() {}

    public func add(_ milliseconds: Double) { total.withLock { $0 += milliseconds } }

    public func take() -> Double { total.withLock { value in defer { value = 0 }; return value } }
}
