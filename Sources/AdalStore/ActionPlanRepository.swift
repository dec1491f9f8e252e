import AdalDomain
import Logging
import PostgresNIO

/// National action plans and their numbered items, which events report against.
public struct ActionPlanRepository: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public func insertPlanIfAbsent(code: String, country: Country, title: [String: String], firstYear: Int, lastYear: Int,
                                   adoptedBy: String?, on connection: PostgresConnection) async throws -> Bool {
        try await !connection.run("""
            INSERT INTO action_plans (code, country, title, first_year, last_year, adopted_by)
            VALUES (\(code), \(country.rawValue), \(Decode.json(title))::jsonb, \(firstYear), \(lastYear), \(adoptedBy))
            ON CONFLICT (code) DO NOTHING RETURNING id
            """, logger: logger).isEmpty
    }

    public func insertItemIfAbsent(planCode: String, number: String, title: [String: String],
                                   on connection: PostgresConnection) async throws -> Bool {
        try await !connection.run("""
            INSERT INTO plan_items (plan_id, number, title)
            SELECT id, \(number), \(Decode.json(title))::jsonb FROM action_plans WHERE code = \(planCode)
            ON CONFLICT (plan_id, number) DO NOTHING RETURNING id
            """, logger: logger).isEmpty
    }

    /// An item of a plan of `country`, by the plan's code and the item's number.
    public func findItem(planCode: String, number: String, country: Country,
                         on connection: PostgresConnection) async throws -> Int64? {
        let rows = try await connection.guardedQuery("""
            SELECT i.id FROM plan_items i JOIN action_plans p ON p.id = i.plan_id
            WHERE p.code = \(planCode) AND i.number = \(number) AND p.country = \(country.rawValue)
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        return nil
    }
}
