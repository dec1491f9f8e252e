import AdalAPI
import AdalCore
import AdalDomain
import Foundation
import Hummingbird

/// The admin's pages: staff accounts (add — the first password shown once —, disable, enable),
/// the reminder queue (counts by state, dead jobs with their last answer, retry, cancel) and the
/// reminder offsets, and the audit log with its filters and the chain's state.
struct AdminPages {
    let console: WebConsole

    func add(to pages: RouterGroup<AdalRequestContext>) {
        pages.get("/admin/staff") { request, requestContext -> Response in
            try await staff(try await console.visit(request, requestContext, needs: .manageUsers), values: [:], errors: [:],
                            created: nil, status: .ok)
        }
        pages.post("/admin/staff") { request, requestContext -> Response in
            try await addAccount(try await console.visit(request, requestContext, needs: .manageUsers))
        }
        pages.post("/admin/staff/{step}") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .manageUsers)
            guard let form = visit.form, let email = form.text("email") else { throw ConsoleRefusal.notFound }
            let accounts = StaffAccounts(visit.scoped)
            do {
                switch try requestContext.parameters.require("step") {
                case "disable": try await accounts.disable(email: email, actor: visit.actor)
                case "enable": try await accounts.enable(email: email, actor: visit.actor)
                case "change":
                    let role = try StaffRole.parse(form.text("role") ?? "", field: "role")
                    let office = form.text("office"), region = office == nil ? form.text("region") : nil
                    _ = try await accounts.change(email: email, role: role, officeCode: office, regionCode: region,
                                                  allRegions: office == nil && region == nil, actor: visit.actor)
                case "password":
                    // Shown once, on this answer itself, as a new account's first password is.
                    let password = try await accounts.setPassword(email: email, to: nil, actor: visit.actor)
                    return try await staff(visit, values: [:], errors: [:], created: (email, password), status: .ok, reset: true)
                default: throw ConsoleRefusal.notFound
                }
            } catch let failure as ValidationFailure {
                return try await staff(visit, values: [:], errors: visit.fieldErrors(failure.errors), created: nil, status: .unprocessableContent)
            } catch let field as FieldError {
                return try await staff(visit, values: [:], errors: visit.fieldErrors([field]), created: nil, status: .unprocessableContent)
            }
            return Visit.redirect("/admin/staff")
        }
        pages.get("/admin/reminders") { request, requestContext -> Response in
            try await reminders(try await console.visit(request, requestContext, needs: .manageUsers), errors: [], status: .ok)
        }
        pages.post("/admin/reminders/{step}") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .manageUsers)
            let form = visit.form!
            do {
                switch try requestContext.parameters.require("step") {
                case "retry", "cancel":
                    guard let id = form.text("job").flatMap(Int64.init) else { throw ConsoleRefusal.notFound }
                    if try requestContext.parameters.require("step") == "retry" {
                        try await Reminders(visit.scoped).retry(id, actor: visit.actor)
                    } else {
                        try await Reminders(visit.scoped).cancel(id, actor: visit.actor)
                    }
                case "offsets":
                    try await Reminders(visit.scoped).setOffsets(kind: form.text("kind") ?? "", format: form.text("format") ?? "",
                                                                 hours: form.text("hours") ?? "default", actor: visit.actor)
                default: throw ConsoleRefusal.notFound
                }
            } catch let failure as ValidationFailure {
                return try await reminders(visit, errors: failure.errors, status: .unprocessableContent)
            }
            return Visit.redirect("/admin/reminders")
        }
        pages.get("/admin/audit") { request, requestContext -> Response in
            try await audit(try await console.visit(request, requestContext, needs: .readAuditLog))
        }
    }

    // MARK: staff accounts

    private func staff(_ visit: Visit, values: [String: String], errors: [String: String], created: (email: String, password: String)?,
                       status: HTTPResponse.Status, reset: Bool = false) async throws -> Response {
        let catalog = visit.catalog
        let typed = TypedForm(catalog: catalog, values: values, errors: errors)
        var role = typed.field("role", .select, required: true)
        role.options = Field.choices(StaffRole.self, "role", catalog, selected: [values["role"] ?? "registrar"])
        var region = typed.field("region", .select)
        region.options = try await visit.regionChoices(selected: values["region"], blank: catalog["all_regions"])
        let fields = [typed.field("email", .email, required: true), typed.field("name", required: true), role, region,
                      typed.field("office")]
        let accounts = try await StaffAccounts(visit.scoped).list().map { user -> [String: Any] in
            ["email": user.email, "name": user.name, "role": catalog.term("role", user.role.rawValue),
             "scope": user.allRegions ? catalog["all_regions"] : [user.regionCode, user.officeCode].compactMap { $0 }.joined(separator: " · "),
             "disabled": user.disabled, "self": user.email == visit.principal.user.email]
        }
        return visit.page("admin_staff", title: catalog["staff_title"], section: "admin", status: status, [
            "accounts": accounts, "fields": fields.map(\.model),
            "errors_summary": errors.isEmpty ? nil : catalog["form_refused"],
            "created_email": created?.email, "created_password": created?.password, "reset": reset,
            "roles": Field.choices(StaffRole.self, "role", catalog, selected: ["registrar"])
                .map { ["value": $0.value, "label": $0.label, "selected": $0.selected] as [String: Any] },
            "regions": try await visit.regionChoices(selected: nil, blank: catalog["all_regions"])
                .map { ["value": $0.value, "label": $0.label, "selected": $0.selected] as [String: Any] },
            "general": errors.filter { !["email", "name", "role", "region", "office"].contains($0.key) }.map(\.value),
        ])
    }

    /// The new account's first password is on the answer to the POST itself, not behind a redirect:
    /// it is shown once, on a page nothing caches, and never stored where it could be shown again.
    private func addAccount(_ visit: Visit) async throws -> Response {
        let form = visit.form!
        var values: [String: String] = [:]
        for name in ["email", "name", "role", "region", "office"] { if let value = form.text(name) { values[name] = value } }
        do {
            let role = try StaffRole.parse(values["role"] ?? "", field: "role")
            let office = values["office"], region = office == nil ? values["region"] : nil
            let (user, password) = try await StaffAccounts(visit.scoped).add(
                email: values["email"] ?? "", name: values["name"] ?? "", role: role, officeCode: office, regionCode: region,
                allRegions: office == nil && region == nil, actor: visit.actor)
            return try await staff(visit, values: [:], errors: [:], created: (user.email, password), status: .created)
        } catch let failure as ValidationFailure {
            return try await staff(visit, values: values, errors: visit.fieldErrors(failure.errors), created: nil, status: .unprocessableContent)
        } catch let field as FieldError {
            return try await staff(visit, values: values, errors: visit.fieldErrors([field]), created: nil, status: .unprocessableContent)
        } catch let AdalError.conflict(field, reason, _) {
            return try await staff(visit, values: values, errors: visit.fieldErrors([FieldError(field, reason)]), created: nil,
                                   status: .conflict)
        }
    }

    // MARK: reminders

    private func reminders(_ visit: Visit, errors: [FieldError], status: HTTPResponse.Status) async throws -> Response {
        let catalog = visit.catalog
        let queue = Reminders(visit.scoped)
        let counts = try await queue.counts()
        let zone = try await visit.homeTimeZone()
        let dead = try await queue.list(state: "dead", limit: 50).map { job -> [String: Any] in
            ["id": job.id, "kind": catalog.term("job_kind", job.kind), "recipient": job.recipient ?? "—", "attempts": job.attempts,
             "answer": job.lastResponse ?? job.lastError ?? "—", "when": visit.dates.moment(job.runAt, timeZone: zone)]
        }
        let offsets = try await queue.offsets().map { row -> [String: Any] in
            ["kind": catalog.term("event_kind", row.kind), "format": catalog.term("event_format", row.format),
             "hours": row.hours.map(String.init).joined(separator: ", ")]
        }
        var kind = Field(name: "kind", label: catalog["field_kind"], kind: .select)
        kind.options = Field.choices(EventKind.self, "event_kind", catalog, selected: ["public_hearing"])
        var format = Field(name: "format", label: catalog["field_format"], kind: .select)
        format.options = Field.choices(EventFormat.self, "event_format", catalog, selected: ["in_person"])
        let hours = Field(name: "hours", label: catalog["field_hours_before"], hint: catalog["hint_hours_before"])
        return visit.page("admin_reminders", title: catalog["reminders_title"], section: "admin", status: status, [
            "counts": Reminders.states.map { ["state": catalog.term("job_state", $0), "count": counts[$0] ?? 0] as [String: Any] },
            "dead": dead, "offsets": offsets, "fields": [kind, format, hours].map(\.model),
            "refusals": visit.fieldErrors(errors).map { ["field": catalog.texts["field_\($0.key)"] ?? $0.key, "reason": $0.value] },
        ])
    }

    // MARK: audit log

    private func audit(_ visit: Visit) async throws -> Response {
        let catalog = visit.catalog
        let query = visit.request.uri.queryParameters
        func value(_ name: String) -> String? { query.get(name).flatMap { $0.isEmpty ? nil : $0 } }
        let before = value("before").flatMap(Int64.init)
        let entries = try await AuditTrail(visit.scoped).entries(before: before, limit: 50, entity: value("entity"),
                                                                 entityID: value("entity_id"), action: value("action"))
        // The chain's links are read only with every region in sight; the key that re-computes them
        // stays with the CLI and the worker (`adal audit verify`).
        var chain: String
        if visit.principal.scope.allRegions {
            let reach = try await AuditTrail(visit.scoped).reach()
            chain = catalog.format("chain_state", [
                "links": String(reach.links), "unsealed": String(reach.unsealed),
                "sealed": reach.lastSealedAt.map { visit.dates.moment($0, timeZone: nil) } ?? "—"])
        } else {
            chain = catalog["chain_all_regions_only"]
        }
        let typed = TypedForm(catalog: catalog, values: ["entity": value("entity") ?? "", "entity_id": value("entity_id") ?? "",
                                                         "action": value("action") ?? ""], errors: [:])
        var next: String?
        if entries.count == 50, let last = entries.last {
            var items = [("before", String(last.id))]
            for name in ["entity", "entity_id", "action"] { if let given = value(name) { items.append((name, given)) } }
            next = "/admin/audit?" + items.map { "\($0.0)=\(WebSession.queryEscaped($0.1))" }.joined(separator: "&")
        }
        let zone = try await visit.homeTimeZone()
        return visit.page("admin_audit", title: catalog["audit_title"], section: "admin", [
            "fields": [typed.field("entity"), typed.field("entity_id"), typed.field("action")].map(\.model),
            "entries": entries.map { entry -> [String: Any] in
                ["id": entry.id, "when": visit.dates.moment(Date(timeIntervalSince1970: Double(entry.occurredAtMicros) / 1e6), timeZone: zone),
                 "actor": entry.actor, "action": entry.action, "entity": "\(entry.entity) \(entry.entityID)"]
            },
            "chain": chain, "next": next,
        ])
    }
}
