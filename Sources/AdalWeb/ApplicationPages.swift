import AdalAPI
import AdalCore
import AdalDomain
import Foundation
import Hummingbird

/// Applications: the queue by due date, one application with the buttons its state allows, the
/// workflow's actions, assigning, extending, and the office's intake form.
struct ApplicationPages {
    let console: WebConsole
    static let pageSize = 50

    func add(to pages: RouterGroup<AdalRequestContext>) {
        pages.get("/applications") { request, requestContext -> Response in
            try await queue(try await console.visit(request, requestContext, needs: .readApplications))
        }
        pages.get("/applications/new") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .writeApplications)
            return try await intakeForm(visit, values: [:], areas: [], errors: [:], status: .ok)
        }
        pages.post("/applications") { request, requestContext -> Response in
            try await intake(try await console.visit(request, requestContext, needs: .writeApplications))
        }
        pages.get("/applications/{id}") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .readApplications)
            return try await show(visit, id: try requestContext.parameters.require("id"), errors: [], status: .ok)
        }
        pages.get("/applications/{id}/attachments/{number}") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .readApplications)
            guard let number = requestContext.parameters.get("number", as: Int.self) else { throw ConsoleRefusal.notFound }
            let id = try requestContext.parameters.require("id")
            guard UUID(uuidString: id) != nil else { throw ConsoleRefusal.notFound }
            let file = try await Applications(visit.scoped).attachment(id, number: number, actor: visit.actor)
            let asciiName = String(file.fileName.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
            return Response(status: .ok, headers: [
                .contentType: "application/octet-stream",
                .contentDisposition: "attachment; filename=\"\(asciiName)\"; filename*=UTF-8''\(WebSession.queryEscaped(file.fileName))",
            ], body: .init(byteBuffer: ByteBuffer(bytes: file.content)))
        }
        pages.post("/applications/{id}/{step}") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .writeApplications)
            return try await act(visit, id: try requestContext.parameters.require("id"), step: try requestContext.parameters.require("step"))
        }
    }

    private func queue(_ visit: Visit) async throws -> Response {
        let catalog = visit.catalog
        let query = visit.request.uri.queryParameters
        let status = query.get("status").flatMap(ApplicationStatus.init(rawValue:))
        let after = query.get("after").flatMap(UUID.init(uuidString:))
        let found = try await Applications(visit.scoped).list(.init(status: status, limit: Self.pageSize, after: after), regionCode: nil)
        let zones = try await visit.console.regions.zones()
        let rows = found.map { application -> [String: Any] in
            let overdue = application.status.isOpen && application.dueOn < DateText.today(in: zones[application.regionCode])
            return [
                "href": "/applications/\(application.id.uuidString.lowercased())", "name": application.fullName.isEmpty ? "—" : application.fullName,
                "reference": application.externalRef, "channel": catalog.term("channel", application.channel.rawValue),
                "status": catalog.term("app_status", application.status.rawValue), "region": application.regionCode,
                "due": visit.dates.day(application.dueOn), "overdue": overdue,
                "received": visit.dates.moment(application.receivedAt, timeZone: zones[application.regionCode]),
            ]
        }
        var next: String?
        if found.count == Self.pageSize, let last = found.last {
            next = "/applications?after=\(last.id.uuidString.lowercased())" + (status.map { "&status=\($0.rawValue)" } ?? "")
        }
        let statusField = Field(name: "status", label: catalog["field_status"], kind: .select,
                                options: Field.choices(ApplicationStatus.self, "app_status", catalog,
                                                       selected: [status?.rawValue ?? ""], blank: catalog["filter_any"]))
        return visit.page("applications", title: catalog["applications_title"], section: "applications", [
            "rows": rows, "empty": rows.isEmpty, "next": next, "filters": [statusField.model],
            "may_intake": visit.may(.writeApplications),
        ])
    }

    private func show(_ visit: Visit, id: String, errors: [FieldError], status: HTTPResponse.Status) async throws -> Response {
        guard UUID(uuidString: id) != nil else { throw ConsoleRefusal.notFound }
        let catalog = visit.catalog
        let application = try await Applications(visit.scoped).show(id)
        let zone = try await visit.timeZone(ofRegion: application.regionCode)
        let base = "/applications/\(application.id.uuidString.lowercased())"
        let identity = visit.may(.readVolunteerIdentity)
        let facts: [(String, String?)] = [
            ("field_reference", application.externalRef), ("field_channel", catalog.term("channel", application.channel.rawValue)),
            ("field_status", catalog.term("app_status", application.status.rawValue)),
            ("field_received_at", visit.dates.moment(application.receivedAt, timeZone: zone)),
            ("field_due_on", visit.dates.day(application.dueOn)),
            ("field_extension", application.extensionDays.map { catalog.format("extended_by", ["days": String($0)]) }),
            ("field_reviewer", application.reviewer), ("field_region", application.regionCode), ("field_office", application.officeCode),
            ("field_national_id", application.nationalID.map { identity ? $0 : Masking.nationalID($0) }),
            ("field_birth_date", application.birthDate.map(visit.dates.day)), ("field_phone", application.phone),
            ("field_email", application.email), ("field_address", application.address), ("field_organisation", application.organisation),
            ("field_areas", application.areas.isEmpty ? nil : application.areas.map { catalog.term("area", $0.rawValue) }.joined(separator: ", ")),
            ("field_subject", application.subject), ("field_motivation", application.motivation),
            ("field_decision_reason", application.decisionReason),
        ]
        let writable = visit.may(.writeApplications)
        let actions = writable ? ApplicationAction.allCases.filter { $0.allowedFrom.contains(application.status) } : []
        let needsNote: Set<ApplicationAction> = [.reject, .withdraw, .requestInfo]
        let byField = visit.fieldErrors(errors)
        return visit.page("application", title: application.fullName.isEmpty ? application.externalRef : application.fullName,
                          section: "applications", status: status, [
            "name": application.fullName.isEmpty ? application.externalRef : application.fullName,
            "overdue": application.status.isOpen && application.dueOn < DateText.today(in: zone),
            "facts": facts.compactMap { key, value in value.flatMap { $0.isEmpty ? nil : ["label": catalog[key], "value": $0] } },
            "problems": application.problems.map { ["field": $0.field, "reason": $0.reason] },
            "duplicates": application.duplicates.map { $0.row(catalog) },
            "history": application.history.map { entry -> [String: Any] in
                ["at": visit.dates.moment(entry.at, timeZone: zone), "actor": entry.actor, "kind": catalog.term("history", entry.kind),
                 "change": [entry.fromStatus, entry.toStatus].compactMap { $0 }.map { catalog.term("app_status", $0) }.joined(separator: " → "),
                 "note": entry.note ?? ""]
            },
            "attachments": application.attachments.enumerated().map { index, file -> [String: Any] in
                ["href": "\(base)/attachments/\(index + 1)", "name": file.fileName, "type": file.contentType,
                 "size": ByteCountFormatter.string(fromByteCount: Int64(file.size), countStyle: .file)]
            },
            "actions": actions.map { action -> [String: Any] in
                ["action": "\(base)/\(action.rawValue)", "label": catalog.term("action", action.rawValue),
                 "note": needsNote.contains(action), "accept": action == .accept,
                 "note_label": catalog[action == .requestInfo ? "field_note_request" : "field_reason"],
                 "id": "note-\(action.rawValue)", "danger": action == .reject || action == .withdraw,
                 "areas": action == .accept
                    ? Field.choices(VolunteerArea.self, "area", catalog, selected: application.areas.map(\.rawValue))
                        .map { ["value": $0.value, "label": $0.label, "selected": $0.selected] as [String: Any] } : []]
            },
            "open": writable && application.status.isOpen,
            "assign_action": "\(base)/assign", "extend_action": "\(base)/extend",
            "reviewer": application.reviewer ?? "", "may_extend": application.extensionDays == nil,
            "volunteer": application.volunteerID.map { "/volunteers/\($0.uuidString.lowercased())" },
            "refusals": byField.map { ["field": catalog["field_\($0.key)"], "reason": $0.value] },
        ])
    }

    private func act(_ visit: Visit, id: String, step: String) async throws -> Response {
        guard UUID(uuidString: id) != nil else { throw ConsoleRefusal.notFound }
        let form = visit.form!
        let applications = Applications(visit.scoped)
        do {
            switch step {
            case "assign":
                _ = try await applications.assign(id, to: form.text("reviewer") ?? "", actor: visit.actor)
            case "extend":
                guard let days = form.text("days").flatMap(Int.init) else {
                    throw ValidationFailure([FieldError("days", "must be 1–15 working days")])
                }
                _ = try await applications.extend(id, days: days, reason: form.text("reason"), actor: visit.actor)
            default:
                guard let action = ApplicationAction(rawValue: step) else { throw ConsoleRefusal.notFound }
                let areas = form.texts("areas").compactMap(VolunteerArea.init(rawValue:))
                _ = try await applications.act(action, on: id, note: form.text("note"),
                                               acceptance: .init(kind: .individual, areas: areas), actor: visit.actor)
            }
            return Visit.redirect("/applications/\(id.lowercased())")
        } catch let failure as ValidationFailure {
            return try await show(visit, id: id, errors: failure.errors, status: .unprocessableContent)
        } catch let field as FieldError {
            return try await show(visit, id: id, errors: [field], status: .unprocessableContent)
        } catch let AdalError.conflict(field, reason, _) {
            return try await show(visit, id: id, errors: [FieldError(field, reason)], status: .conflict)
        }
    }

    // MARK: intake at the office

    static let intakeFields = ["last_name", "first_name", "middle_name", "national_id", "birth_date", "phone", "email", "address",
                               "organisation", "motivation", "region", "office"]

    private func intakeForm(_ visit: Visit, values: [String: String], areas: [String], errors: [String: String],
                            status: HTTPResponse.Status, formKey: String? = nil) async throws -> Response {
        let catalog = visit.catalog
        let typed = TypedForm(catalog: catalog, values: values, errors: errors)
        let region = try await visit.regionField(typed)
        var areaField = Field(name: "areas", label: catalog["field_areas"], kind: .checkboxes, error: errors["areas"])
        areaField.options = Field.choices(VolunteerArea.self, "area", catalog, selected: areas)
        let fields = [
            typed.field("last_name", required: true, autocomplete: "family-name"), typed.field("first_name", required: true, autocomplete: "given-name"),
            typed.field("middle_name", autocomplete: "additional-name"), typed.field("national_id"), typed.field("birth_date", .date, autocomplete: "bday"),
            typed.field("phone", .tel, autocomplete: "tel"), typed.field("email", .email, autocomplete: "email"),
            typed.field("address"), typed.field("organisation", autocomplete: "organization"), areaField,
            typed.field("motivation", .textarea), region, typed.field("office"),
        ]
        let general = errors.filter { key, _ in !Self.intakeFields.contains(key) && key != "areas" }.map(\.value)
        return visit.page("application_form", title: catalog["application_new_title"], section: "applications", status: status, [
            "fields": fields.map(\.model), "form_key": formKey ?? UUID().uuidString.lowercased(),
            "errors_summary": errors.isEmpty ? nil : catalog["form_refused"], "general": general,
        ])
    }

    private func intake(_ visit: Visit) async throws -> Response {
        let form = visit.form!
        var values: [String: String] = [:]
        for name in Self.intakeFields { if let value = form.text(name) { values[name] = value } }
        let areas = form.texts("areas")
        let office = Applications.OfficeForm(
            lastName: values["last_name"] ?? "", firstName: values["first_name"] ?? "", middleName: values["middle_name"],
            nationalID: values["national_id"], birthDate: values["birth_date"], phone: values["phone"], email: values["email"],
            address: values["address"], organisation: values["organisation"], areas: areas, motivation: values["motivation"],
            regionCode: values["region"] ?? "", officeCode: values["office"])
        do {
            return try await visit.once {
                let record = try await Applications(visit.scoped).add(office, actor: visit.actor)
                return "/applications/\(record.id.uuidString.lowercased())"
            }
        } catch let failure as ValidationFailure {
            return try await intakeForm(visit, values: values, areas: areas, errors: visit.fieldErrors(failure.errors),
                                        status: .unprocessableContent, formKey: form.text("form_key"))
        }
    }
}
