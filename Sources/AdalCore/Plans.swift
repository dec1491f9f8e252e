import AdalDomain
import AdalStore
import Foundation
import PostgresNIO

/// Action plans and programmes of a country, and their items: read by everybody, added by an
/// admin who sees that whole country. Events link only their own country's items.
public struct Plans: Sendable {
    let context: AdalContext

    public init(_ context: AdalContext) { self.context = context }

    public func list(country: String?) async throws -> [ActionPlan] {
        let country = try country.map { try Country.parse($0, field: "country") }
        return try await context.read { connection in try await context.plans.list(country: country, on: connection) }
    }

    /// Adds a plan (no items yet); its code must be new.
    public func add(code: String, country: String, title: [String: String], firstYear: Int, lastYear: Int,
                    adoptedBy: String?, actor: String) async throws -> ActionPlan {
        var errors = FieldErrorCollector()
        let code = errors.check { try ActionPlanRules.code(code) }
        let country = errors.check { try Country.parse(country, field: "country") }
        let title = errors.check { try ActionPlanRules.titles(title) }
        errors.check { try ActionPlanRules.years(first: firstYear, last: lastYear) }
        errors.check { try FreeTextLimit.check(adoptedBy, field: "adopted_by", limit: FreeTextLimit.title) }
        try errors.throwIfAny()
        guard let code, let country, let title else { throw ValidationFailure(errors.errors) }
        try requireWholeCountry(country)
        return try await context.act(actor: actor) { change in
            let connection = change.connection
            guard try await context.plans.insertPlanIfAbsent(code: code, country: country, title: title, firstYear: firstYear,
                                                             lastYear: lastYear, adoptedBy: adoptedBy?.nonBlankText,
                                                             on: connection) else {
                throw ValidationFailure([FieldError("code", "a plan with the code \(code) exists already")])
            }
            let plan = try await requirePlan(code, on: connection)
            try await change.audit("plan.add", entity: "action_plan", id: code,
                                   regionID: try await context.region(code: country.rawValue, on: connection).id,
                                   after: AuditJSON.encode(plan))
            return plan
        }
    }

    /// Adds an item to a plan; its number must be new in that plan.
    public func addItem(planCode: String, number: String, title: [String: String], actor: String) async throws -> ActionPlan {
        var errors = FieldErrorCollector()
        let number = errors.check { try ActionPlanRules.number(number) }
        let title = errors.check { try ActionPlanRules.titles(title) }
        try errors.throwIfAny()
        guard let number, let title else { throw ValidationFailure(errors.errors) }
        return try await context.act(actor: actor) { change in
            let connection = change.connection
            let plan = try await requirePlan(planCode, on: connection)
            try requireWholeCountry(plan.country)
            guard try await context.plans.insertItemIfAbsent(planCode: plan.code, number: number, title: title, on: connection) else {
                throw ValidationFailure([FieldError("number", "\(plan.code) has an item \(number) already")])
            }
            let after = try await requirePlan(plan.code, on: connection)
            try await change.audit("plan.add_item", entity: "action_plan", id: plan.code,
                                   regionID: try await context.region(code: plan.country.rawValue, on: connection).id,
                                   after: AuditJSON.encode(["number": number, "title": title["en"] ?? ""]))
            return after
        }
    }

    public func plan(_ code: String) async throws -> ActionPlan {
        try await context.read { connection in try await requirePlan(code, on: connection) }
    }

    private func requirePlan(_ code: String, on connection: PostgresConnection) async throws -> ActionPlan {
        let wanted = code.trimmingCharacters(in: .whitespaces).uppercased()
        guard let plan = try await context.plans.list(country: nil, on: connection).first(where: { $0.code == wanted }) else {
            throw AdalError.notFound(entity: "plan", key: code)
        }
        return plan
    }

    /// A plan is its whole country's: only an account that sees that country adds to it.
    private func requireWholeCountry(_ country: Country) throws {
        guard context.scope.allRegions || context.scope.regionCodes.contains(country.rawValue) else {
            throw ValidationFailure([FieldError("country", "only an admin who sees all of \(country.rawValue) adds to its plans")])
        }
    }
}
