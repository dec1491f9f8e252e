import PostgresNIO

extension ReportRepository {
    /// A report section's SQL with its parameters kept as values rather than encoded bindings, so
    /// that on a replica several sections can be put into one statement, each parameter numbered
    /// anew. Written like a `PostgresQuery`: `"… WHERE x = \(value)"` binds `value` as `$n`.
    struct Query: ExpressibleByStringInterpolation, Sendable {
        var sql: String
        var values: [Parameter]

        init(_ sql: String, _ values: [Parameter] = []) {
            self.sql = sql
            self.values = values
        }

        init(stringLiteral sql: String) {
            self.init(sql)
        }

        init(stringInterpolation: StringInterpolation) {
            self.init(stringInterpolation.sql, stringInterpolation.values)
        }

        struct StringInterpolation: StringInterpolationProtocol {
            var sql = ""
            var values: [Parameter] = []

            init(literalCapacity: Int, interpolationCount: Int) {
                sql.reserveCapacity(literalCapacity + 4 * interpolationCount)
            }

            mutating func appendLiteral(_ literal: String) { sql += literal }

            mutating func appendInterpolation<Value: PostgresThrowingDynamicTypeEncodable & Sendable>(_ value: Value?) {
                values.append(Parameter(value))
                sql += "$\(values.count)"
            }
        }

        func postgresQuery() throws -> PostgresQuery {
            var binds = PostgresBindings(capacity: values.count)
            for value in values { try value.append(&binds) }
            return PostgresQuery(unsafeSQL: sql, binds: binds)
        }
    }
}
