import AdalAPI
import AdalCore
import AdalDomain
import AdalText
import Foundation
import Hummingbird

/// Councils and the tasks their meetings give: a council's members with positions and terms, a
/// member added by a search of their name, the quorum's share; tasks overdue first, a task's
/// reports, done and cancel.
struct CouncilPages {
    let console: WebConsole

    func add(to pages: RouterGroup<AdalRequestContext>) {
        pages.get("/councils") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .readCouncils)
            let catalog = visit.catalog
            let councils = try await Directory(visit.scoped).councils(regionCode: nil).map { council -> [String: Any] in
                ["href": "/councils/\(council.code)", "code": council.code, "name": name(of: council, catalog),
                 "region": council.regionCode, "members": council.members.count]
            }
            return visit.page("councils", title: catalog["councils_title"], section: "councils", ["councils": councils])
        }
        pages.get("/councils/{code}") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .readCouncils)
            return try await council(visit, code: try requestContext.parameters.require("code"), refusals: [], status: .ok)
        }
        pages.post("/councils/{code}/{step}") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .writeCouncils)
            let code = try requestContext.parameters.require("code")
            let form = visit.form!
            let meetings = Meetings(visit.scoped)
            do {
                switch try requestContext.parameters.require("step") {
                case "members":
                    guard let person = form.text("person") else { throw ValidationFailure([FieldError("person", "is required")]) }
                    _ = try await meetings.addMember(councilCode: code, person: .known(person), role: form.text("role") ?? "member",
                                                     position: form.text("position"), termFrom: form.text("term_from"),
                                                     termTo: form.text("term_to"),
                                                     reachedByOffice: form.text("reached_by_office") == "yes", actor: visit.actor)
                case "end-term":
                    _ = try await meetings.endTerm(councilCode: code, personID: form.text("person") ?? "", lastDay: form.text("on"),
                                                   actor: visit.actor)
                case "quorum":
                    let share = form.text("fraction").map { Double($0.replacingOccurrences(of: ",", with: ".")) }
                    if let share, share == nil { throw ValidationFailure([FieldError("fraction", "must be a share such as 0.67")]) }
                    _ = try await meetings.setQuorum(councilCode: code, fraction: share ?? nil, actor: visit.actor)
                default:
                    throw ConsoleRefusal.notFound
                }
            } catch let failure as ValidationFailure {
                return try await council(visit, code: code, refusals: failure.errors, status: .unprocessableContent)
            }
            return Visit.redirect("/councils/\(code)")
        }
        pages.get("/tasks") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .readCouncils)
            let catalog = visit.catalog
            let open = try await Decisions(visit.scoped).tasks(.init(status: .open))
            let tasks = (open.filter(\.overdue) + open.filter { !$0.overdue }).map { task -> [String: Any] in
                ["href": "/tasks/\(task.id.uuidString.lowercased())", "title": task.title, "assignee": task.assignee,
                 "due": visit.dates.day(task.dueOn), "overdue": task.overdue, "council": task.councilCode ?? "—"]
            }
            return visit.page("tasks", title: catalog["tasks_title"], section: "councils", ["tasks": tasks])
        }
        pages.get("/tasks/{id}") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .readCouncils)
            return try await task(visit, id: try requestContext.parameters.require("id"), refusals: [], status: .ok)
        }
        pages.post("/tasks/{id}/{step}") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .writeCouncils)
            let id = try requestContext.parameters.require("id")
            guard UUID(uuidString: id) != nil else { throw ConsoleRefusal.notFound }
            let decisions = Decisions(visit.scoped)
            do {
                switch try requestContext.parameters.require("step") {
                case "reports": _ = try await decisions.report(taskID: id, text: visit.form?.text("text") ?? "", actor: visit.actor)
                case "done": _ = try await decisions.close(taskID: id, as: .done, actor: visit.actor)
                case "cancel": _ = try await decisions.close(taskID: id, as: .cancelled, actor: visit.actor)
                default: throw ConsoleRefusal.notFound
                }
            } catch let failure as ValidationFailure {
                return try await task(visit, id: id, refusals: failure.errors, status: .unprocessableContent)
            }
            return Visit.redirect("/tasks/\(id.lowercased())")
        }
    }

    private func name(of council: Council, _ catalog: Catalog) -> String {
        council.names[catalog.language.rawValue] ?? council.names["en"] ?? council.names.values.first ?? council.code
    }

    private func council(_ visit: Visit, code: String, refusals: [FieldError], status: HTTPResponse.Status) async throws -> Response {
        let catalog = visit.catalog
        let council = try await Directory(visit.scoped).council(code)
        let writable = visit.may(.writeCouncils)
        let today = CivilDate(Date(), zone: TimeZone(identifier: try await visit.homeTimeZone() ?? "UTC") ?? .gmt)
        var model: [String: Any?] = [
            "name": name(of: council, catalog), "code": council.code, "region": council.regionCode,
            "kind": catalog.term("council_kind", council.kind.rawValue),
            "members": council.members.map { member -> [String: Any] in
                ["name": member.fullName, "position": member.position ?? "", "role": catalog.term("council_role", member.role.rawValue),
                 "chair": member.role == .chair,
                 "term": [member.termFrom.map(visit.dates.day), member.termTo.map(visit.dates.day)].map { $0 ?? "…" }.joined(separator: " – "),
                 // A term that runs past today can be ended here (on a day given, else today).
                 "may_end": writable && member.personID != nil && (member.termTo.map { $0 > today } ?? true),
                 "person": member.personID?.uuidString.lowercased() ?? ""]
            },
            "writable": writable, "base": "/councils/\(council.code)",
            "refusals": visit.fieldErrors(refusals).map { ["field": catalog.texts["field_\($0.key)"] ?? $0.key, "reason": $0.value] },
        ]
        if visit.may(.writeCouncils) {
            model["roles"] = Field.choices(CouncilRole.self, "council_role", catalog, selected: ["member"])
                .map { ["value": $0.value, "label": $0.label, "selected": $0.selected] as [String: Any] }
            if let query = visit.request.uri.queryParameters.get("q"), !query.trimmingCharacters(in: .whitespaces).isEmpty {
                let members = Set(council.members.compactMap(\.personID))
                model["q"] = query
                model["searched"] = true
                model["found"] = try await Directory(visit.scoped).people(matching: query).filter { !members.contains($0.id) }
                    .map { person -> [String: Any] in
                        ["id": person.id.uuidString.lowercased(), "name": person.fullName, "region": person.regionCode,
                         "about": [person.position, person.organisation].compactMap { $0 }.joined(separator: ", ")]
                    }
            }
        }
        return visit.page("council", title: name(of: council, catalog), section: "councils", status: status, model)
    }

    private func task(_ visit: Visit, id: String, refusals: [FieldError], status: HTTPResponse.Status) async throws -> Response {
        guard UUID(uuidString: id) != nil else { throw ConsoleRefusal.notFound }
        let catalog = visit.catalog
        let task = try await Decisions(visit.scoped).task(id)
        let zone = try await visit.homeTimeZone()
        return visit.page("task", title: task.title, section: "councils", status: status, [
            "title": task.title, "decision": task.decision, "assignee": task.assignee, "due": visit.dates.day(task.dueOn),
            "overdue": task.overdue, "status": catalog.term("task_status", task.status.rawValue),
            "event": "/events/\(task.eventID.uuidString.lowercased())", "open": task.status == .open && visit.may(.writeCouncils),
            "reports": task.reports.map { ["at": visit.dates.moment($0.at, timeZone: zone), "actor": $0.actor, "text": $0.text] },
            "base": "/tasks/\(task.id.uuidString.lowercased())",
            "refusals": visit.fieldErrors(refusals).map { ["field": catalog.texts["field_\($0.key)"] ?? $0.key, "reason": $0.value] },
        ])
    }
}
