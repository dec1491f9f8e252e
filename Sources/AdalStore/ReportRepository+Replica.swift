import Foundation
import PostgresNIO
import Synchronization

extension ReportRepository {
    /// A report's collections kept as SQL, for a read-only replica: PostgreSQL makes no temporary
    /// table there (nor in any read-only transaction). Each section that reads one gets it as a
    /// MATERIALIZED common table expression of the same name, its parameters numbered after the
    /// section's own; the collection is then computed once per section rather than once per report.
    final class InlineCollections: Sendable {
        struct Collection: Sendable {
            let table: String
            let select: String
            let values: [Parameter]
        }

        private let collections = Mutex<[Collection]>([])

        func clear() { collections.withLock { $0.removeAll() } }

        func add(table: String, select: String, values: [Parameter]) {
            collections.withLock { $0.append(Collection(table: table, select: select, values: values)) }
        }

        /// `query` with the collections it names put before it.
        func prefixed(_ query: PostgresQuery) throws -> PostgresQuery {
            let used = collections.withLock { $0 }.filter { query.sql.contains($0.table) }
            guard !used.isEmpty else { return query }
            var binds = query.binds
            var expressions: [String] = []
            for collection in used {
                let offset = binds.count
                for value in collection.values { try value.append(&binds) }
                expressions.append("\(collection.table) AS MATERIALIZED (\(Self.renumbered(collection.select, after: offset)))")
            }
            let body = query.sql.drop { $0.isWhitespace }
            let rest = body.hasPrefix("WITH ") ? ", " + body.dropFirst(5) : " " + body
            return PostgresQuery(unsafeSQL: "WITH " + expressions.joined(separator: ", ") + rest, binds: binds)
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
}
