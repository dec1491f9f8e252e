import AdalDomain
import Foundation
import PostgresNIO
import Synchronization

extension ReportRepository {
    /// On a read-only replica PostgreSQL makes no temporary table (nor in any read-only
    /// transaction), so a report's collections are kept as SQL instead. A report then runs twice
    /// (`sharingCollections`): the first time each section that reads a collection is only noted
    /// and answered with no rows; then one statement computes each collection once, as a
    /// MATERIALIZED common table expression, and answers every noted section; the second time each
    /// section gets its rows from that answer. Sections that read no collection run at once the
    /// first time, and their rows are given again the second.
    final class InlineCollections: Sendable {
        struct Collection: Sendable {
            let table: String
            let select: String
            let values: [Parameter]

            func isRead(by sql: String) -> Bool { sql.contains(table) }
        }

        /// A section met while noting: its rows are nil until the shared statement answers it.
        struct Section: Sendable {
            let query: Query
            let columns: [ReportCell.Kind]
            var rows: Rows?
        }

        enum Phase: Sendable {
            /// Every query runs as it comes (with the collections it reads put before it).
            case direct
            case noting
            /// Sections are answered in the order they were noted, from the next one on.
            case answering(next: Int)
        }

        private struct State: Sendable {
            var collections: [Collection] = []
            var sections: [Section] = []
            var phase = Phase.direct
        }

        private let state = Mutex(State())

        func clear() { state.withLock { $0 = State() } }

        /// Keeps a collection's SQL; the second run of a report adds the same again, which replaces it.
        func add(table: String, select: String, values: [Parameter]) {
            state.withLock { state in
                state.collections.removeAll { $0.table == table }
                state.collections.append(Collection(table: table, select: select, values: values))
            }
        }

        var phase: Phase { state.withLock { $0.phase } }

        func startNoting() { state.withLock { $0.sections = []; $0.phase = .noting } }

        func stop() { state.withLock { $0.phase = .direct } }

        func readsCollection(_ sql: String) -> Bool {
            state.withLock { $0.collections.contains { $0.isRead(by: sql) } }
        }

        func note(_ query: Query, columns: [ReportCell.Kind], rows: Rows?) {
            state.withLock { $0.sections.append(Section(query: query, columns: columns, rows: rows)) }
        }

        /// The sections waiting for the shared statement, and the collections they read.
        func waiting() -> (collections: [Collection], sections: [(index: Int, section: Section)]) {
            state.withLock { state in
                let sections = state.sections.enumerated().filter { $0.element.rows == nil }.map { (index: $0.offset, section: $0.element) }
                let collections = state.collections.filter { collection in
                    sections.contains { collection.isRead(by: $0.section.query.sql) }
                }
                return (collections, sections)
            }
        }

        func startAnswering(_ answers: [Int: Rows]) {
            state.withLock { state in
                for (index, rows) in answers { state.sections[index].rows = rows }
                state.phase = .answering(next: 0)
            }
        }

        /// The rows noted for this query when it comes in the order it came the first time; nil
        /// (and every query from now on run as it comes) when the report took another turn.
        func nextAnswer(for query: Query) -> Rows? {
            state.withLock { state in
                guard case let .answering(next) = state.phase, next < state.sections.count,
                      state.sections[next].query.sql == query.sql, state.sections[next].query.values.count == query.values.count,
                      let rows = state.sections[next].rows else {
                    state.phase = .direct
                    return nil
                }
                state.phase = .answering(next: next + 1)
                return rows
            }
        }

        /// `query` with the collections it names put before it.
        func prefixed(_ query: Query) -> Query {
            let used = state.withLock { $0.collections }.filter { $0.isRead(by: query.sql) }
            guard !used.isEmpty else { return query }
            var values = query.values
            let expressions = Self.expressions(used, values: &values)
            let body = query.sql.drop { $0.isWhitespace }
            let rest = body.hasPrefix("WITH ") ? ", " + body.dropFirst(5) : " " + body
            return Query("WITH " + expressions.joined(separator: ", ") + rest, values)
        }

        /// Each collection as `table AS MATERIALIZED (select)`, its parameters added to `values`
        /// and numbered after those already there.
        private static func expressions(_ collections: [Collection], values: inout [Parameter]) -> [String] {
            collections.map { collection in
                defer { values += collection.values }
                return "\(collection.table) AS MATERIALIZED (\(renumbered(collection.select, after: values.count)))"
            }
        }

        /// One statement for the waiting sections: the collections they read once each, then each
        /// section's rows as a JSON array of arrays (its columns renamed by position), in one row.
        /// A section's rows keep the order its ORDER BY gives them: json_agg reads a sorted
        /// subquery in order.
        static func sharedStatement(collections: [Collection], sections: [Section]) -> Query {
            var values: [Parameter] = []
            let expressions = expressions(collections, values: &values)
            var answers: [String] = []
            for section in sections {
                let names = section.columns.indices.map { "c\($0)" }
                answers.append("""
                    (SELECT coalesce(json_agg(json_build_array(\(names.map { "s." + $0 }.joined(separator: ", ")))), '[]')::text
                     FROM (\(renumbered(section.query.sql, after: values.count))) AS s (\(names.joined(separator: ", "))))
                    """)
                values += section.query.values
            }
            let with = expressions.isEmpty ? "" : "WITH " + expressions.joined(separator: ", ") + "\n"
            return Query(with + "SELECT " + answers.joined(separator: ",\n"), values)
        }

        /// A section's rows from its JSON answer, cell by cell as `columns` says.
        static func rows(json: String, columns: [ReportCell.Kind]) throws -> Rows {
            guard let list = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[Any]] else {
                throw ReportAnswerError(description: "a report section's answer is not a list of rows")
            }
            return list.map { values in
                columns.enumerated().map { index, kind in
                    let value = index < values.count ? values[index] : NSNull()
                    switch kind {
                    case .text: return .text(value as? String ?? (value as? NSNumber)?.stringValue ?? "")
                    case .integer: return .integer((value as? NSNumber)?.intValue ?? 0)
                    case .decimal:
                        if let number = value as? NSNumber { return .decimal(number.doubleValue) }
                        if let text = value as? String, let number = Double(text) { return .decimal(number) }
                        return .empty
                    }
                }
            }
        }

        /// `sql` with each parameter `$n` made `$(n + offset)`.
        static func renumbered(_ sql: String, after offset: Int) -> String {
            guard offset > 0 else { return sql }
            var out = ""
            var index = sql.startIndex
            while index < sql.endIndex {
                let character = sql[index]
                let next = sql.index(after: index)
                if character == "$", next < sql.endIndex, sql[next].isASCII, sql[next].isNumber {
                    let digits = sql[next...].prefix { $0.isASCII && $0.isNumber }
                    out += "$\(Int(digits)! + offset)"
                    index = digits.endIndex
                } else {
                    out.append(character)
                    index = next
                }
            }
            return out
        }
    }

    /// Runs a report's sections (`body`, in the report's transaction). On a replica, as
    /// `InlineCollections` says: twice, with one statement in between for every section that reads
    /// a collection. Elsewhere, once.
    public func sharingCollections<T>(on connection: PostgresConnection, _ body: () async throws -> T) async throws -> T {
        guard let inline else { return try await body() }
        inline.startNoting()
        let noted = try await body()
        let (collections, waiting) = inline.waiting()
        guard !waiting.isEmpty else {
            inline.stop()
            return noted
        }
        let statement = InlineCollections.sharedStatement(collections: collections, sections: waiting.map(\.section))
        let query = try statement.postgresQuery()
        try await timeIfAsked(query, on: connection)
        guard let row = try await connection.run(query, logger: logger).first else {
            throw ReportAnswerError(description: "the report's shared statement answered nothing")
        }
        let cells = row.makeRandomAccess()
        var answers: [Int: Rows] = [:]
        for (position, waiting) in waiting.enumerated() {
            answers[waiting.index] = try InlineCollections.rows(json: try cells[position].decode(String.self),
                                                                columns: waiting.section.columns)
        }
        inline.startAnswering(answers)
        defer { inline.stop() }
        return try await body()
    }
}

/// The statement a replica's report shares answered in a form its sections cannot be read from.
struct ReportAnswerError: Error, CustomStringConvertible {
    let description: String
}
