import AdalAPI
import AdalCore
import AdalDomain
import AdalStore
import Foundation
import Hummingbird

/// The first page after signing in: what needs doing now, in the staff member's regions — the
/// applications overdue or due within a week, events of the next 7 days, council tasks due or
/// overdue, the last imports — each shown only to a role that may read it.
struct TodayPage {
    let console: WebConsole

    func add(to pages: RouterGroup<AdalRequestContext>) {
        pages.get("/") { request, requestContext -> Response in
            try await today(try await console.visit(request, requestContext))
        }
    }

    private func today(_ visit: Visit) async throws -> Response {
        let catalog = visit.catalog
        let zones = try await visit.console.regions.zones()
        let home = visit.principal.user.regionCode.flatMap { zones[$0] }
        let weekAhead = DateText.today(in: home, now: Date().addingTimeInterval(8 * 86400))
        var model: [String: Any] = ["greeting": catalog.format("today_greeting", ["name": visit.principal.user.name])]
        if visit.may(.readApplications) {
            var dueSoon = Applications.Filter(dueBefore: weekAhead, limit: 20)
            dueSoon.openOnly = true
            let due = try await Applications(visit.scoped).list(dueSoon, regionCode: nil)
            model["applications"] = due.map { application -> [String: Any] in
                ["href": "/applications/\(application.id.uuidString.lowercased())",
                 "name": application.fullName.isEmpty ? application.externalRef : application.fullName,
                 "status": catalog.term("app_status", application.status.rawValue), "due": visit.dates.day(application.dueOn),
                 "overdue": application.dueOn < DateText.today(in: zones[application.regionCode])]
            }
            model["show_applications"] = true
            model["imports"] = try await Imports(visit.scoped).recentRuns(limit: 5).map { run -> [String: Any] in
                ["href": "/imports/\(run.id)", "when": visit.dates.moment(run.startedAt, timeZone: home),
                 "state": catalog.term("run_state", run.state),
                 "summary": catalog.format("import_summary", ["new": String(run.new), "present": String(run.present),
                                                              "rejected": String(run.rejected)])]
            }
        }
        if visit.may(.readEvents) {
            let now = Date(), horizon = now.addingTimeInterval(7 * 86400)
            let events = try await Directory(visit.scoped).events(from: now, to: horizon, limit: 20)
                .filter { $0.status == .planned || $0.status == .postponed }
            model["events"] = events.map { event -> [String: Any] in
                ["title": event.title, "href": "/events/\(event.id.uuidString.lowercased())",
                 "when": event.startsAt.map { visit.dates.moment($0, timeZone: event.timeZone) } ?? "",
                 "kind": catalog.term("event_kind", event.kind.rawValue), "venue": event.venue ?? event.link ?? ""]
            }
            model["show_events"] = true
        }
        if visit.may(.readCouncils) {
            let tasks = try await Decisions(visit.scoped).tasks(.init(status: .open))
                .filter { $0.overdue || $0.dueOn < weekAhead }.sorted { $0.dueOn < $1.dueOn }
            model["tasks"] = tasks.prefix(20).map { task -> [String: Any] in
                ["title": task.title, "assignee": task.assignee, "due": visit.dates.day(task.dueOn), "overdue": task.overdue,
                 "council": task.councilCode ?? ""]
            }
            model["show_tasks"] = true
        }
        return visit.page("today", title: catalog["today_title"], section: "today", model)
    }
}
