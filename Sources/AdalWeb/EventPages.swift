import AdalAPI
import AdalCore
import AdalDomain
import AdalReports
import Foundation
import Hummingbird

/// Events: a month's calendar in each event's local time with the month's list, scheduling,
/// postponing (to new times or until further notice), cancelling, and the calendar file.
struct EventPages {
    let console: WebConsole

    func add(to pages: RouterGroup<AdalRequestContext>) {
        pages.get("/events") { request, requestContext -> Response in
            try await month(try await console.visit(request, requestContext, needs: .readEvents))
        }
        pages.get("/events/new") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .writeEvents)
            return try await scheduleForm(visit, values: [:], errors: [:], status: .ok)
        }
        pages.post("/events") { request, requestContext -> Response in
            try await schedule(try await console.visit(request, requestContext, needs: .writeEvents))
        }
        pages.get("/events/{id}") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .readEvents)
            return try await EventPage(visit: visit).render(id: try requestContext.parameters.require("id"), refusals: [], status: .ok)
        }
        pages.get("/events/{id}/calendar.ics") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .readEvents)
            let id = try requestContext.parameters.require("id")
            guard UUID(uuidString: id) != nil else { throw ConsoleRefusal.notFound }
            let text = try await Meetings(visit.scoped).calendar(id)
            return Response(status: .ok, headers: [.contentType: "text/calendar; charset=utf-8",
                                                   .contentDisposition: "attachment; filename=\"event.ics\""],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        pages.get("/events/{id}/attendance-sheet") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .readEvents)
            let id = try requestContext.parameters.require("id")
            guard UUID(uuidString: id) != nil else { throw ConsoleRefusal.notFound }
            return Self.printable(Printables.attendanceSheet(try await Directory(visit.scoped).event(id), language: visit.catalog.language))
        }
        // A held meeting's minutes to print, in the reader's language.
        pages.get("/events/{id}/minutes") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .readEvents)
            let id = try requestContext.parameters.require("id")
            guard UUID(uuidString: id) != nil else { throw ConsoleRefusal.notFound }
            return Self.printable(try await Meetings(visit.scoped).minutesPage(id, language: visit.catalog.language))
        }
        pages.get("/events/{id}/edit") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .writeEvents)
            let id = try requestContext.parameters.require("id")
            guard UUID(uuidString: id) != nil else { throw ConsoleRefusal.notFound }
            let event = try await Directory(visit.scoped).event(id)
            let typed = TypedForm(catalog: visit.catalog, values: [
                "title": event.title, "topic": event.topic ?? "", "venue": event.venue ?? "", "link": event.link ?? "",
                "capacity": event.capacity.map(String.init) ?? ""], errors: [:])
            return visit.page("event_edit", title: event.title, section: "events", [
                "title": event.title, "action": "/events/\(event.id.uuidString.lowercased())/details",
                "back": "/events/\(event.id.uuidString.lowercased())",
                "fields": [typed.field("title", required: true), typed.field("topic", .textarea), typed.field("venue"),
                           typed.field("link"), typed.field("capacity", .number)].map(\.model),
            ])
        }
        // A certificate to print: Adal's own page, its style allowed by its hash (no other inline style).
        pages.get("/certificates/{number}") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .readEvents)
            return Self.printable(try await Certificates(visit.scoped).page(try requestContext.parameters.require("number")))
        }
        // Every form of an event's page posts to a step of its own (a literal GET path such as
        // `edit` would shadow the same step for POST in the router).
        pages.post("/events/{id}/{step}") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .writeEvents)
            let id = try requestContext.parameters.require("id")
            guard UUID(uuidString: id) != nil else { throw ConsoleRefusal.notFound }
            return try await EventActions(visit: visit, id: id).perform(try requestContext.parameters.require("step"))
        }
    }

    /// A page of Adal's own to print (a certificate, an attendance sheet): its style allowed by its hash.
    static func printable(_ html: String) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        headers[.contentSecurityPolicy] = ConsolePageMiddleware.policy(allowingStylesOf: html)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    // MARK: the month

    private func month(_ visit: Visit) async throws -> Response {
        let catalog = visit.catalog
        let home = try await visit.homeTimeZone()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = home.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
        calendar.firstWeekday = 2
        let today = calendar.dateComponents([.year, .month], from: Date())
        var shown = today
        if let asked = visit.request.uri.queryParameters.get("month") {
            let parts = asked.split(separator: "-").compactMap { Int($0) }
            if parts.count == 2, (1...12).contains(parts[1]), (2000...2100).contains(parts[0]) {
                shown = DateComponents(year: parts[0], month: parts[1])
            }
        }
        let first = calendar.date(from: DateComponents(year: shown.year, month: shown.month, day: 1))!
        let next = calendar.date(byAdding: .month, value: 1, to: first)!
        let previous = calendar.date(byAdding: .month, value: -1, to: first)!
        // A day either side: an event's own zone may put it on another day than the staff member's.
        let events = try await Directory(visit.scoped).events(from: first.addingTimeInterval(-86400), to: next.addingTimeInterval(86400))
        var byDay: [Int: [[String: Any]]] = [:]
        var listed: [[String: Any]] = []
        for event in events {
            var local = Calendar(identifier: .gregorian)
            local.timeZone = TimeZone(identifier: event.timeZone) ?? calendar.timeZone
            guard let start = event.startsAt else { continue }
            let parts = local.dateComponents([.year, .month, .day], from: start)
            guard parts.year == shown.year, parts.month == shown.month, let day = parts.day else { continue }
            let item: [String: Any] = [
                "href": "/events/\(event.id.uuidString.lowercased())", "title": event.title,
                "time": DateText(language: catalog.language).time(start, timeZone: event.timeZone),
                "when": visit.dates.moment(start, timeZone: event.timeZone),
                "status": catalog.term("event_status", event.status.rawValue), "status_code": event.status.rawValue,
                "not_planned": event.status != .planned, "region": event.regionCode,
                "kind": catalog.term("event_kind", event.kind.rawValue),
            ]
            byDay[day, default: []].append(item)
            listed.append(item)
        }
        let days = calendar.range(of: .day, in: .month, for: first)!.count
        let leading = (calendar.component(.weekday, from: first) - calendar.firstWeekday + 7) % 7
        var cells: [[String: Any]] = Array(repeating: ["blank": true], count: leading)
        for day in 1...days {
            cells.append(["day": day, "events": byDay[day] ?? [], "busy": byDay[day] != nil])
        }
        while cells.count % 7 != 0 { cells.append(["blank": true]) }
        let weeks = stride(from: 0, to: cells.count, by: 7).map { ["days": Array(cells[$0..<($0 + 7)])] }
        let title = DateText(language: catalog.language).monthTitle(first, timeZone: calendar.timeZone.identifier)
        func monthLink(_ date: Date) -> String {
            let parts = calendar.dateComponents([.year, .month], from: date)
            return "/events?month=\(parts.year!)-\(String(format: "%02d", parts.month!))"
        }
        let undated: [[String: Any]] = try await Directory(visit.scoped).postponedUntilFurtherNotice().map { event in
            ["href": "/events/\(event.id.uuidString.lowercased())", "title": event.title, "region": event.regionCode,
             "kind": catalog.term("event_kind", event.kind.rawValue)]
        }
        return visit.page("events", title: catalog["events_title"], section: "events", [
            "undated": undated, "has_undated": !undated.isEmpty,
            "month": title, "weeks": weeks, "events": listed, "previous": monthLink(previous), "next": monthLink(next),
            "weekdays": DateText(language: catalog.language).weekdayNames(), "may_schedule": visit.may(.writeEvents),
        ])
    }

    // MARK: scheduling

    static let scheduleFields = ["kind", "format", "title", "topic", "venue", "link", "region", "office", "council", "starts",
                                 "ends", "capacity"]

    private func scheduleForm(_ visit: Visit, values: [String: String], errors: [String: String],
                              status: HTTPResponse.Status, formKey: String? = nil) async throws -> Response {
        let catalog = visit.catalog
        let typed = TypedForm(catalog: catalog, values: values, errors: errors)
        var kind = typed.field("kind", .select, required: true)
        kind.options = Field.choices(EventKind.self, "event_kind", catalog, selected: [values["kind"] ?? "public_hearing"])
        var format = typed.field("format", .select, required: true)
        format.options = Field.choices(EventFormat.self, "event_format", catalog, selected: [values["format"] ?? "in_person"])
        let fields = [
            kind, format, typed.field("title", required: true), typed.field("topic", .textarea), typed.field("venue"),
            typed.field("link"), try await visit.regionField(typed), typed.field("office"), typed.field("council"),
            typed.field("starts", .datetime, required: true), typed.field("ends", .datetime), typed.field("capacity", .number),
        ]
        let general = errors.filter { key, _ in !Self.scheduleFields.contains(key) }.map(\.value)
        return visit.page("event_form", title: catalog["event_new_title"], section: "events", status: status, [
            "fields": fields.map(\.model), "form_key": formKey ?? UUID().uuidString.lowercased(),
            "errors_summary": errors.isEmpty ? nil : catalog["form_refused"], "general": general,
        ])
    }

    private func schedule(_ visit: Visit) async throws -> Response {
        let form = visit.form!
        var values: [String: String] = [:]
        for name in Self.scheduleFields { if let value = form.text(name) { values[name] = value } }
        let capacity = values["capacity"].map { Int($0) }
        if let capacity, capacity == nil {
            return try await scheduleForm(visit, values: values, errors: ["capacity": visit.catalog["error_number"]],
                                          status: .unprocessableContent, formKey: form.text("form_key"))
        }
        let schedule = EventScheduleForm(
            kind: values["kind"] ?? "", format: values["format"] ?? "in_person", title: values["title"] ?? "",
            topic: values["topic"], venue: values["venue"], link: values["link"], regionCode: values["region"] ?? "",
            officeCode: values["office"], councilCode: values["council"], starts: values["starts"] ?? "", ends: values["ends"],
            capacity: capacity ?? nil, planItems: [], partners: [])
        do {
            return try await visit.once {
                let event = try await Meetings(visit.scoped).schedule(schedule, actor: visit.actor)
                return "/events/\(event.id.uuidString.lowercased())"
            }
        } catch let failure as ValidationFailure {
            return try await scheduleForm(visit, values: values, errors: visit.fieldErrors(failure.errors),
                                          status: .unprocessableContent, formKey: form.text("form_key"))
        }
    }
}
