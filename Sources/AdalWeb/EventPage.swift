import AdalCore
import AdalDomain
import Foundation
import Hummingbird

/// One event's page: its facts, people (invited, found by name in any script, their attendance),
/// the quorum before holding, decisions with their tasks, certificates — each form only for a
/// role that may use it and a state that allows it.
struct EventPage {
    let visit: Visit

    func render(id: String, refusals: [FieldError], status: HTTPResponse.Status) async throws -> Response {
        guard UUID(uuidString: id) != nil else { throw ConsoleRefusal.notFound }
        let catalog = visit.catalog
        let event = try await Directory(visit.scoped).event(id)
        let base = "/events/\(event.id.uuidString.lowercased())"
        let writable = visit.may(.writeEvents)
        let open = event.status == .planned || event.status == .postponed
        let facts: [(String, String?)] = [
            ("field_status", catalog.term("event_status", event.status.rawValue)),
            ("field_kind", catalog.term("event_kind", event.kind.rawValue)),
            ("field_format", catalog.term("event_format", event.format.rawValue)),
            ("field_starts", event.startsAt.map { visit.dates.moment($0, timeZone: event.timeZone) }),
            ("field_ends", event.endsAt.map { visit.dates.moment($0, timeZone: event.timeZone) }),
            ("field_held_on", event.heldOn.map(visit.dates.day)), ("field_venue", event.venue), ("field_link", event.link),
            ("field_region", event.regionCode), ("field_office", event.officeCode), ("field_council", event.councilCode),
            ("field_topic", event.topic), ("field_capacity", event.capacity.map(String.init)), ("field_minutes", event.minutes),
        ]
        var model: [String: Any?] = [
            "title": event.title, "status_code": event.status.rawValue,
            "status": catalog.term("event_status", event.status.rawValue),
            "facts": facts.compactMap { key, value in value.flatMap { $0.isEmpty ? nil : ["label": catalog[key], "value": $0] } },
            "ics": event.startsAt == nil ? nil : "\(base)/calendar.ics",
            "participants": event.participants.map { person -> [String: Any] in
                ["id": person.personID.uuidString.lowercased(), "name": person.fullName,
                 "about": [person.position, person.organisation].compactMap { $0 }.joined(separator: ", "),
                 "role": catalog.term("participant_role", person.role.rawValue),
                 "attended": person.attendance == .attended,
                 "invitation": catalog.term("invitation", person.invitation),
                 "may_answer": writable && open && person.invitation != "registered",
                 "may_decline": writable && open && person.invitation != "declined",
                 "attendance": person.attendance.map { catalog.term("attendance", $0.rawValue) } ?? "—"]
            },
            "writable": writable, "open": writable && open, "base": base,
            "refusals": visit.fieldErrors(refusals).map { ["field": catalog.texts["field_\($0.key)"] ?? $0.key, "reason": $0.value] },
        ]
        if writable && open {
            model["roles"] = Field.choices(ParticipantRole.self, "participant_role", catalog, selected: ["participant"])
                .map { ["value": $0.value, "label": $0.label, "selected": $0.selected] as [String: Any] }
            if let query = visit.request.uri.queryParameters.get("q"), !query.trimmingCharacters(in: .whitespaces).isEmpty {
                model["q"] = query
                model["searched"] = true
                let invited = Set(event.participants.map(\.personID))
                model["found"] = try await Directory(visit.scoped).people(matching: query).filter { !invited.contains($0.id) }
                    .map { person -> [String: Any] in
                        ["id": person.id.uuidString.lowercased(), "name": person.fullName, "region": person.regionCode,
                         "about": [person.position, person.organisation].compactMap { $0 }.joined(separator: ", ")]
                    }
            }
            if let quorum = try await Meetings(visit.scoped).quorumPreview(of: event) {
                let members = Set(quorum.membersInOffice)
                let present = event.participants.filter { members.contains($0.personID) && $0.attendance == .attended }.count
                model["quorum"] = catalog.format("quorum_preview", [
                    "present": String(present), "members": String(members.count), "quorum": String(quorum.quorum)])
                model["quorum_met"] = present >= quorum.quorum
            }
        }
        model["agenda"] = try await Decisions(visit.scoped).agenda(eventID: id).map { item -> [String: Any] in
            ["position": item.position, "title": item.title, "presenter": item.presenter ?? ""]
        }
        model["sheet"] = "\(base)/attendance-sheet"
        model["edit"] = writable && open ? "\(base)/edit" : nil
        let decisions = try await Decisions(visit.scoped).decisions(eventID: id)
        var ofThisEvent = Decisions.TaskFilter()
        ofThisEvent.eventID = event.id
        let tasks = try await Decisions(visit.scoped).tasks(ofThisEvent)
        model["decisions"] = decisions.map { decision -> [String: Any] in
            [
                "id": decision.id.uuidString.lowercased(), "text": decision.text,
                "tasks": tasks.filter { $0.decision == decision.text }.map { task -> [String: Any] in
                    ["title": task.title, "assignee": task.assignee, "due": visit.dates.day(task.dueOn), "overdue": task.overdue,
                     "status": catalog.term("task_status", task.status.rawValue)]
                },
            ]
        }
        model["may_decide"] = writable && event.status == .held
        model["minutes"] = event.status == .held ? "\(base)/minutes" : nil
        model["may_plan"] = writable && event.status != .cancelled
        model["people"] = event.participants.map { ["id": $0.personID.uuidString.lowercased(), "name": $0.fullName] as [String: Any] }
        if event.status == .held {
            model["certificates"] = try await Certificates(visit.scoped).issued(eventID: id).map { issued -> [String: Any] in
                ["number": issued.number, "holder": issued.holder, "href": "/certificates/\(issued.number)"]
            }
            model["may_certify"] = writable
        }
        return visit.page("event", title: event.title, section: "events", status: status, model)
    }
}
