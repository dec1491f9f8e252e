import AdalCore
import AdalDomain
import AdalStore
import Foundation
import Hummingbird

/// Agendas, decisions and tasks: `/v1/events/{id}/agenda`, `/v1/events/{id}/decisions`,
/// `/v1/decisions/{id}/tasks`, `/v1/tasks`.
struct DecisionRoutes {
    let gate: Gate

    func add(to router: Router<AdalRequestContext>) {
        router.get("/v1/events/{id}/agenda") { request, requestContext -> Response in
            let (_, scoped) = try await gate.admit(request, .readEvents)
            return JSONBody.response(["items": try await Decisions(scoped).agenda(eventID: try requestContext.parameters.require("id"))])
        }
        router.post("/v1/events/{id}/agenda") { request, requestContext -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeEvents)
            var request = request
            var input = try await JSONInput(&request, fields: ["title", "presenter"])
            let (title, presenter) = (input.requiredString("title"), input.string("presenter"))
            try input.finish()
            return JSONBody.response(try await Decisions(scoped).addAgendaItem(
                eventID: try requestContext.parameters.require("id"), title: title, presenter: presenter, actor: principal.actor),
                status: .created)
        }
        router.get("/v1/events/{id}/decisions") { request, requestContext -> Response in
            let (_, scoped) = try await gate.admit(request, .readEvents)
            return JSONBody.response(["items": try await Decisions(scoped).decisions(eventID: try requestContext.parameters.require("id"))])
        }
        router.post("/v1/events/{id}/decisions") { request, requestContext -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeEvents)
            var request = request
            var input = try await JSONInput(&request, fields: ["text", "agenda_item"])
            let (text, item) = (input.requiredString("text"), input.integer("agenda_item"))
            try input.finish()
            return JSONBody.response(try await Decisions(scoped).decide(
                eventID: try requestContext.parameters.require("id"), agendaPosition: item, text: text, actor: principal.actor),
                status: .created)
        }
        router.post("/v1/decisions/{id}/tasks") { request, requestContext -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeCouncils)
            var request = request
            var input = try await JSONInput(&request, fields: ["title", "person", "organisation", "due"])
            let (title, person, organisation, due) = (input.requiredString("title"), input.string("person"),
                                                      input.string("organisation"), input.requiredString("due"))
            try input.finish()
            return JSONBody.response(try await Decisions(scoped).addTask(
                decisionID: try requestContext.parameters.require("id"), title: title, personID: person,
                organisation: organisation, due: due, actor: principal.actor), status: .created)
        }
        router.get("/v1/tasks") { request, _ -> Response in
            let (_, scoped) = try await gate.admit(request, .readCouncils)
            var query = try Query(request, allowed: ["overdue", "council", "assignee", "status", "limit"])
            let status = query.value("status", as: TaskStatus.self)
            let limit = query.limit(default: 200, maximum: 500)
            let overdue = query.string("overdue")
            if let overdue, !["true", "false"].contains(overdue) {
                throw Problem.validation([.init("overdue", "must be true or false")])
            }
            try query.finish()
            let filter = Decisions.TaskFilter(overdueOnly: overdue == "true", councilCode: query.string("council"),
                                                       assignee: query.string("assignee"), status: status, limit: limit)
            return JSONBody.response(["items": try await Decisions(scoped).tasks(filter)])
        }
        router.get("/v1/tasks/{id}") { request, requestContext -> Response in
            let (_, scoped) = try await gate.admit(request, .readCouncils)
            return JSONBody.response(try await Decisions(scoped).task(try requestContext.parameters.require("id")))
        }
        router.post("/v1/tasks/{id}/reports") { request, requestContext -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeCouncils)
            var request = request
            var input = try await JSONInput(&request, fields: ["text"])
            let text = input.requiredString("text")
            try input.finish()
            return JSONBody.response(try await Decisions(scoped).report(
                taskID: try requestContext.parameters.require("id"), text: text, actor: principal.actor))
        }
        for (verb, status) in [("done", TaskStatus.done), ("cancel", TaskStatus.cancelled)] {
            router.post("/v1/tasks/{id}/\(verb)") { request, requestContext -> Response in
                let (principal, scoped) = try await gate.admit(request, .writeCouncils)
                return JSONBody.response(try await Decisions(scoped).close(
                    taskID: try requestContext.parameters.require("id"), as: status, actor: principal.actor))
            }
        }
    }
}
