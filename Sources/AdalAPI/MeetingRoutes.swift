import AdalCore
import AdalDomain
import AdalReports
import Foundation
import AdalIntake
import Hummingbird
import NIOCore

/// Events and councils, written: scheduling, postponing, cancelling, inviting, holding, calendars,
/// certificates, council members; and the public certificate check.
struct MeetingRoutes {
    struct Assignment: Encodable {
        let event: Event
        let warnings: [String]
    }

    let context: AdalContext
    let gate: Gate
    let certificateChecks: RateLimiter

    static let scheduleFields: Set<String> = [
        "kind", "format", "title", "topic", "venue", "link", "region", "office", "council", "starts", "ends", "capacity",
        "plan_items", "partners",
    ]

    /// A known person (`person`, an id) or a new one (`name`): exactly one of the two.
    static func person(_ id: String?, name: String?, _ form: NewPersonForm) throws -> PersonReference {
        switch (id, name) {
        case let (id?, nil): return .known(id)
        case (nil, _?): return .new(form)
        default: throw Problem.validation([.init("person", "give either person (an id) or name")])
        }
    }

    func add(to router: Router<AdalRequestContext>) {
        router.post("/v1/events") { request, _ -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeEvents)
            var request = request
            return try await Idempotency(context: context).run(&request, owner: principal.actor) { request in
                var input = try await JSONInput(&request, fields: Self.scheduleFields)
                let form = EventScheduleForm(
                    kind: input.requiredString("kind"), format: input.string("format") ?? "in_person",
                    title: input.requiredString("title"), topic: input.string("topic"), venue: input.string("venue"),
                    link: input.string("link"), regionCode: input.requiredString("region"), officeCode: input.string("office"),
                    councilCode: input.string("council"), starts: input.requiredString("starts"), ends: input.string("ends"),
                    capacity: input.integer("capacity"), planItems: input.strings("plan_items") ?? [],
                    partners: input.strings("partners") ?? [])
                try input.finish()
                let event = try await Meetings(scoped).schedule(form, actor: principal.actor)
                return JSONBody.reply(event, status: .created, headers: [.location: "/v1/events/\(event.id.uuidString)"])
            }
        }

        router.patch("/v1/events/{id}") { request, requestContext -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeEvents)
            var request = request
            var input = try await JSONInput(&request, fields: ["title", "topic", "venue", "link", "capacity"])
            let title = input.string("title")
            let (topic, venue, link) = (input.nullableString("topic"), input.nullableString("venue"), input.nullableString("link"))
            let capacity = input.nullableInteger("capacity")
            try input.finish()
            return JSONBody.response(try await Meetings(scoped).update(
                try requestContext.parameters.require("id"), title: title, topic: topic, venue: venue, link: link,
                capacity: capacity, actor: principal.actor))
        }

        router.post("/v1/councils/{code}/quorum") { request, requestContext -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeCouncils)
            var request = request
            var input = try await JSONInput(&request, fields: ["fraction"])
            let fraction = input.nullableNumber("fraction")
            try input.finish()
            guard let fraction else { throw Problem.validation([.init("fraction", "is required (null for more than half)")]) }
            return JSONBody.response(try await Meetings(scoped).setQuorum(
                councilCode: try requestContext.parameters.require("code"), fraction: fraction, actor: principal.actor))
        }

        router.post("/v1/events/{id}/postpone") { request, requestContext -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeEvents)
            var request = request
            var input = try await JSONInput(&request, fields: ["starts", "ends", "reason"])
            let (starts, ends, reason) = (input.string("starts"), input.string("ends"), input.string("reason"))
            try input.finish()
            return JSONBody.response(try await Meetings(scoped).postpone(
                try requestContext.parameters.require("id"), starts: starts, ends: ends, reason: reason, actor: principal.actor))
        }

        router.put("/v1/events/{id}/reminder-hours") { request, requestContext -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeEvents)
            var request = request
            var input = try await JSONInput(&request, fields: ["hours"])
            let hours = input.nullableIntegers("hours")
            try input.finish()
            guard let hours else { throw Problem.validation([.init("hours", "is required (null for the event kind's hours)")]) }
            return JSONBody.response(try await Meetings(scoped).setReminderHours(
                try requestContext.parameters.require("id"), hours: hours.map { $0.map(String.init).joined(separator: ",") },
                actor: principal.actor))
        }

        router.post("/v1/events/{id}/cancel") { request, requestContext -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeEvents)
            var request = request
            var input = try await JSONInput(&request, fields: ["reason"])
            let reason = input.string("reason")
            try input.finish()
            return JSONBody.response(try await Meetings(scoped).cancel(
                try requestContext.parameters.require("id"), reason: reason, actor: principal.actor))
        }

        router.post("/v1/events/{id}/participants") { request, requestContext -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeEvents)
            var request = request
            var input = try await JSONInput(&request, fields: ["person", "name", "position", "organisation", "phone", "email", "language", "role"])
            let (person, name, position) = (input.string("person"), input.string("name"), input.string("position"))
            let (organisation, phone, email) = (input.string("organisation"), input.string("phone"), input.string("email"))
            let (language, role) = (input.string("language"), input.string("role") ?? "participant")
            try input.finish()
            let reference = try Self.person(person, name: name, NewPersonForm(
                name: name ?? "", position: position, organisation: organisation, phone: phone, email: email, language: language))
            return JSONBody.response(try await Meetings(scoped).invite(
                try requestContext.parameters.require("id"), person: reference, role: role, actor: principal.actor))
        }

        router.post("/v1/events/{id}/hold") { request, requestContext -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeEvents)
            var request = request
            var input = try await JSONInput(&request, fields: ["present", "absent", "without_quorum", "reason", "minutes"])
            let (present, absent) = (input.strings("present") ?? [], input.strings("absent") ?? [])
            let withoutQuorum = input.bool("without_quorum") ?? false
            let (reason, minutes) = (input.string("reason"), input.string("minutes"))
            try input.finish()
            return JSONBody.response(try await Meetings(scoped).hold(
                try requestContext.parameters.require("id"), present: present, absent: absent, withoutQuorum: withoutQuorum, reason: reason,
                minutes: minutes, actor: principal.actor))
        }

        router.get("/v1/events/{id}.ics") { request, requestContext -> Response in
            let (_, scoped) = try await gate.admit(request, .readEvents)
            let text = try await Meetings(scoped).calendar(try requestContext.parameters.require("id"))
            return Response(status: .ok, headers: [.contentType: "text/calendar; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }

        router.post("/v1/events/{id}/certificates") { request, requestContext -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeEvents)
            let issued = try await Certificates(scoped).issue(eventID: try requestContext.parameters.require("id"),
                                                              actor: principal.actor)
            return JSONBody.response(["items": issued])
        }

        router.get("/v1/certificates/{number}.html") { request, requestContext -> Response in
            let (_, scoped) = try await gate.admit(request, .readEvents)
            var query = try Query(request, allowed: ["lang"])
            let language = query.value("lang", as: Language.self)
            try query.finish()
            let html = try await Certificates(scoped).page(try requestContext.parameters.require("number"), language: language)
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: html)))
        }

        router.get("/v1/events/{id}/attendance-sheet.html") { request, requestContext -> Response in
            let (_, scoped) = try await gate.admit(request, .readEvents)
            var query = try Query(request, allowed: ["lang"])
            let language = query.value("lang", as: Language.self)
            try query.finish()
            let event = try await Directory(scoped).event(try requestContext.parameters.require("id"))
            let sheet = Printables.attendanceSheet(event, language: language ?? Printables.defaultLanguage(regionCode: event.regionCode))
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: sheet)))
        }

        router.get("/v1/events/{id}/minutes.html") { request, requestContext -> Response in
            let (_, scoped) = try await gate.admit(request, .readEvents)
            var query = try Query(request, allowed: ["lang"])
            let language = query.value("lang", as: Language.self)
            try query.finish()
            let page = try await Meetings(scoped).minutesPage(try requestContext.parameters.require("id"), language: language)
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: page)))
        }

        router.post("/v1/events/{id}/minutes") { request, requestContext -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeEvents)
            let queued = try await Meetings(scoped).sendMinutes(try requestContext.parameters.require("id"), actor: principal.actor)
            return JSONBody.response(["queued": queued], status: .accepted)
        }

        router.post("/v1/events/{id}/volunteers") { request, requestContext -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeEvents)
            var request = request
            var input = try await JSONInput(&request, fields: ["volunteer", "role"])
            let (volunteer, role) = (input.requiredString("volunteer"), input.requiredString("role"))
            try input.finish()
            let (event, overlaps) = try await Meetings(scoped).assignVolunteer(
                try requestContext.parameters.require("id"), volunteerID: volunteer, role: role, actor: principal.actor)
            return JSONBody.response(Assignment(event: event, warnings: overlaps.map { "also assigned to \($0) at the same time" }))
        }

        router.post("/v1/events/{id}/responses") { request, requestContext -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeEvents)
            var request = request
            var input = try await JSONInput(&request, fields: ["person", "response"])
            let (person, response) = (input.requiredString("person"), input.requiredString("response"))
            try input.finish()
            return JSONBody.response(try await Meetings(scoped).respond(
                try requestContext.parameters.require("id"), personID: person, response: response, actor: principal.actor))
        }

        // Attendance as JSON ({"attended": [...], "absent": [...]}) or as a CSV sheet.
        router.post("/v1/events/{id}/attendance") { request, requestContext -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeEvents)
            var request = request
            var rows: [(who: String, attended: Bool)]
            if request.headers[.contentType]?.lowercased().hasPrefix("text/csv") == true {
                let body: ByteBuffer
                do {
                    body = try await request.collectBody(upTo: JSONInput.defaultLimit)
                } catch is NIOTooManyBytesError {
                    throw Problem(.contentTooLarge, "the sheet is larger than \(JSONInput.defaultLimit) bytes")
                }
                rows = try AttendanceSheetReader.read(String(decoding: body.readableBytesView, as: UTF8.self))
            } else {
                var input = try await JSONInput(&request, fields: ["attended", "absent"])
                let attended = input.strings("attended") ?? [], absent = input.strings("absent") ?? []
                try input.finish()
                rows = attended.map { ($0, true) } + absent.map { ($0, false) }
            }
            guard !rows.isEmpty else { throw Problem.validation([.init("attended", "name at least one participant")]) }
            return JSONBody.response(try await Meetings(scoped).recordAttendance(
                try requestContext.parameters.require("id"), rows: rows, actor: principal.actor))
        }

        router.post("/v1/councils/{code}/members") { request, requestContext -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeCouncils)
            var request = request
            var input = try await JSONInput(&request, fields: ["person", "name", "position", "role", "term_from", "term_to",
                                                               "email", "phone", "reached_by_office"])
            let (person, name, position) = (input.string("person"), input.string("name"), input.string("position"))
            let role = input.string("role") ?? "member"
            let (from, to) = (input.string("term_from"), input.string("term_to"))
            let (email, phone, reachedByOffice) = (input.string("email"), input.string("phone"), input.bool("reached_by_office") ?? false)
            try input.finish()
            let reference = try Self.person(person, name: name, NewPersonForm(name: name ?? "", position: position, phone: phone,
                                                                              email: email))
            return JSONBody.response(try await Meetings(scoped).addMember(
                councilCode: try requestContext.parameters.require("code"), person: reference, role: role, position: position,
                termFrom: from, termTo: to, reachedByOffice: reachedByOffice, actor: principal.actor), status: .created)
        }

        router.post("/v1/councils/{code}/end-term") { request, requestContext -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeCouncils)
            var request = request
            var input = try await JSONInput(&request, fields: ["person", "on"])
            let (person, on) = (input.requiredString("person"), input.string("on"))
            try input.finish()
            return JSONBody.response(try await Meetings(scoped).endTerm(
                councilCode: try requestContext.parameters.require("code"), personID: person, lastDay: on, actor: principal.actor))
        }

        // Anyone with a certificate's number and check code may check it; checks are limited per address too.
        router.get("/v1/public/certificates/{number}") { request, requestContext -> Response in
            if let wait = certificateChecks.take(requestContext.client(of: request, trusting: gate.proxies)) {
                var problem = Problem(.tooManyRequests, "too many checks from this address; try again later")
                problem.headers[.retryAfter] = String(wait)
                throw problem
            }
            let number = try requestContext.parameters.require("number")
            let query = try Query(request, allowed: ["code"])
            guard let code = query.string("code") else {
                throw Problem.validation([.init("code", "is required: the check code printed beside the certificate's number")])
            }
            try query.finish()
            guard let record = try await Certificates(context).verify(number, checkCode: code) else { throw Problem.notFound("certificate") }
            return JSONBody.response(record)
        }
    }
}
