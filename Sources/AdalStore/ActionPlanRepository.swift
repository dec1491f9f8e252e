import AdalDomain
import Foundation
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

extension ActionPlanRepository {
    /// The plans of `country` (every country when nil) with their items, by country and code.
    public func list(country: Country?, on connection: PostgresConnection) async throws -> [ActionPlan] {
        let rows = try await connection.guardedQuery("""
            SELECT p.code, p.country, p.title::text, p.first_year, p.last_year, p.adopted_by,
                   coalesce((SELECT json_agg(json_build_object('number', i.number, 'title', i.title)
                                             ORDER BY string_to_array(i.number, '.')::int[])
                             FROM plan_items i WHERE i.plan_id = p.id), '[]')::text
            FROM action_plans p
            WHERE \(country?.rawValue)::text IS NULL OR p.country = \(country?.rawValue)
            ORDER BY p.country, p.code
            """, logger: logger)
        var plans: [ActionPlan] = []
        for try await (code, country, title, first, last, adoptedBy, items)
            in rows.decode((String, String, String, Int, Int, String?, String).self) {
            plans.append(ActionPlan(code: code, country: try Decode.value(country, as: Country.self),
                                    title: try Decode.names(title), firstYear: first, lastYear: last, adoptedBy: adoptedBy,
                                    items: try JSONDecoder().decode([ActionPlan.Item].self, from: Data(items.utf8))))
        }
        return plans
    }
}
