import AdalCore
import AdalDomain
import AdalIntake
import Foundation
import Hummingbird

/// What the forms of an event's page do, each one Core use case answered by a redirect back to the
/// page; a refusal shows the page again with its reasons.
struct EventActions {
    let visit: Visit
    let id: String

    func perform(_ step: String) async throws -> Response {
        let form = visit.form!
        let meetings = Meetings(visit.scoped)
        var anchor = ""
        do {
            switch step {
            case "postpone":
                _ = try await meetings.postpone(id, starts: form.text("starts"), ends: form.text("ends"), reason: form.text("reason"),
                                                actor: visit.actor)
            case "cancel":
                _ = try await meetings.cancel(id, reason: form.text("reason"), actor: visit.actor)
            case "invite":
                guard let person = form.text("person") else { throw ValidationFailure([FieldError("person", "is required")]) }
                _ = try await meetings.invite(id, person: .known(person), role: form.text("role") ?? "participant", actor: visit.actor)
                anchor = "#people"
            case "invite-new":
                let person = NewPersonForm(name: form.text("name") ?? "", position: form.text("position"),
                                           organisation: form.text("organisation"), email: form.text("email"))
                _ = try await meetings.invite(id, person: .new(person), role: form.text("role") ?? "participant", actor: visit.actor)
                anchor = "#people"
            case "registered", "declined":
                _ = try await meetings.respond(id, personID: form.text("person") ?? "", response: step, actor: visit.actor)
                anchor = "#people"
            case "sheet":
                guard let file = form.file("sheet"), !file.bytes.isEmpty else {
                    throw ValidationFailure([FieldError("sheet", "is required")])
                }
                guard let text = String(data: file.bytes, encoding: .utf8) else {
                    throw ValidationFailure([FieldError("sheet", "is not UTF-8 text")])
                }
                _ = try await meetings.recordAttendance(id, rows: try AttendanceSheetReader.read(text), actor: visit.actor)
                anchor = "#people"
            case "agenda":
                _ = try await Decisions(visit.scoped).addAgendaItem(eventID: id, title: form.text("title") ?? "",
                                                                    presenter: form.text("presenter"), actor: visit.actor)
                anchor = "#decisions"
            case "details":
                let capacity = form.text("capacity").map { Int($0) }
                if let capacity, capacity == nil { throw ValidationFailure([FieldError("capacity", "must be a whole number")]) }
                _ = try await meetings.update(id, title: form.text("title"), topic: .some(form.text("topic")),
                                              venue: .some(form.text("venue")), link: .some(form.text("link")),
                                              capacity: .some(capacity ?? nil), actor: visit.actor)
            case "attendance":
                let ticked = Set(form.texts("attended").map { $0.lowercased() })
                let event = try await Directory(visit.scoped).event(id)
                let rows = event.participants.map { person -> (who: String, attended: Bool) in
                    let key = person.personID.uuidString.lowercased()
                    return (key, ticked.contains(key))
                }
                _ = try await meetings.recordAttendance(id, rows: rows, actor: visit.actor)
                anchor = "#people"
            case "hold":
                _ = try await meetings.hold(id, present: [], withoutQuorum: form.text("without_quorum") == "yes",
                                            reason: form.text("reason"), minutes: form.text("minutes"), actor: visit.actor)
            case "decide":
                _ = try await Decisions(visit.scoped).decide(eventID: id, agendaPosition: nil, text: form.text("text") ?? "",
                                                             actor: visit.actor)
                anchor = "#decisions"
            case "task":
                _ = try await Decisions(visit.scoped).addTask(
                    decisionID: form.text("decision") ?? "", title: form.text("title") ?? "", personID: form.text("person"),
                    organisation: form.text("organisation"), due: form.text("due") ?? "", actor: visit.actor)
                anchor = "#decisions"
            case "send-minutes":
                _ = try await meetings.sendMinutes(id, actor: visit.actor)
                anchor = "#decisions"
            case "certificates":
                _ = try await Certificates(visit.scoped).issue(eventID: id, actor: visit.actor)
                anchor = "#certificates"
            default:
                throw ConsoleRefusal.notFound
            }
            return Visit.redirect("/events/\(id.lowercased())\(anchor)")
        } catch let failure as ValidationFailure {
            return try await EventPage(visit: visit).render(id: id, refusals: failure.errors, status: .unprocessableContent)
        } catch let field as FieldError {
            return try await EventPage(visit: visit).render(id: id, refusals: [field], status: .unprocessableContent)
        }
    }
}
