import AdalAPI
import AdalCore
import AdalDomain
import Foundation
import Hummingbird

/// Volunteers: the list with its filters and search, one volunteer's page, register and edit.
struct VolunteerPages {
    let console: WebConsole
    static let pageSize = 50

    func add(to pages: RouterGroup<AdalRequestContext>) {
        pages.get("/volunteers") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .readVolunteers)
            return try await list(visit)
        }
        pages.get("/volunteers/new") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .writeVolunteers)
            return try await registrationForm(visit, values: [:], areas: [], errors: [:], status: .ok)
        }
        pages.post("/volunteers") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .writeVolunteers)
            return try await register(visit)
        }
        pages.get("/volunteers/{id}") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .readVolunteers)
            return try await show(visit, id: try requestContext.parameters.require("id"))
        }
        pages.get("/volunteers/{id}/edit") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .writeVolunteers)
            let volunteer = try await Volunteers(visit.scoped).disclose(id: try requestContext.parameters.require("id"),
                                                                       actor: visit.actor, nationalID: false)
            return editForm(visit, volunteer, typed: nil, errors: [:], changedByOthers: [], status: .ok)
        }
        pages.post("/volunteers/{id}") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .writeVolunteers)
            return try await change(visit, id: try requestContext.parameters.require("id"))
        }
    }

    private func list(_ visit: Visit) async throws -> Response {
        let catalog = visit.catalog
        let query = visit.request.uri.queryParameters
        func param(_ name: String) -> String? { query.get(name).flatMap { $0.isEmpty ? nil : $0 } }
        let q = param("q"), region = param("region")
        let status = param("status").flatMap(VolunteerStatus.init(rawValue:))
        let kind = param("kind").flatMap(VolunteerKind.init(rawValue:))
        let area = param("area").flatMap(VolunteerArea.init(rawValue:))
        let after = param("after").flatMap(UUID.init(uuidString:))
        var problem: String?
        // A filter value that is not one of the list's (an edited link) is named, not ignored.
        let unknown = [("status", "field_status", status == nil), ("kind", "field_kind", kind == nil),
                       ("area", "field_area", area == nil), ("after", "field_after", after == nil)]
            .filter { name, _, missing in missing && param(name) != nil }.map { catalog[$0.1] }
        if !unknown.isEmpty { problem = catalog.format("error_filter", ["fields": unknown.joined(separator: ", ")]) }
        var found: [Volunteer] = []
        do {
            if let region, !visit.principal.scope.contains(regionCode: region.uppercased()) {
                throw AdalError.notFound(entity: "region", key: region)
            }
            if let q {
                found = try await Volunteers(visit.scoped).search(q, limit: Self.pageSize)
                found = found.filter { volunteer in
                    (region == nil || volunteer.regionCode == region!.uppercased()) && (status == nil || volunteer.status == status)
                        && (kind == nil || volunteer.kind == kind) && (area == nil || volunteer.areas.contains(area!))
                }
            } else {
                found = try await Volunteers(visit.scoped).list(regionCode: region, status: status, kind: kind, area: area,
                                                                 after: after, limit: Self.pageSize)
            }
        } catch let failure as ValidationFailure {
            problem = failure.errors.map { RefusalText.text($0, catalog) }.joined(separator: " ")
        } catch AdalError.notFound {
            problem = catalog["error_region_outside"]
        }
        var nextLink: String?
        if q == nil, found.count == Self.pageSize, let last = found.last {
            var items = [("after", last.id.uuidString.lowercased())]
            for (name, value) in [("region", region), ("status", status?.rawValue), ("kind", kind?.rawValue), ("area", area?.rawValue)] {
                if let value { items.append((name, value)) }
            }
            nextLink = "/volunteers?" + items.map { "\($0.0)=\(WebSession.queryEscaped($0.1))" }.joined(separator: "&")
        }
        let filters: [[String: Any]] = [
            Field(name: "region", label: catalog["field_region"], kind: .select,
                  options: try await visit.regionChoices(selected: region?.uppercased(), blank: catalog["filter_any"])).model,
            Field(name: "status", label: catalog["field_status"], kind: .select,
                  options: Field.choices(VolunteerStatus.self, "status", catalog, selected: [status?.rawValue ?? ""],
                                         blank: catalog["filter_any"])).model,
            Field(name: "kind", label: catalog["field_kind"], kind: .select,
                  options: Field.choices(VolunteerKind.self, "kind", catalog, selected: [kind?.rawValue ?? ""],
                                         blank: catalog["filter_any"])).model,
            Field(name: "area", label: catalog["field_area"], kind: .select,
                  options: Field.choices(VolunteerArea.self, "area", catalog, selected: [area?.rawValue ?? ""],
                                         blank: catalog["filter_any"])).model,
        ]
        let rows = found.map { volunteer -> [String: Any] in
            [
                "href": "/volunteers/\(volunteer.id.uuidString.lowercased())", "name": volunteer.fullName,
                "region": volunteer.regionCode, "status": catalog.term("status", volunteer.status.rawValue),
                "kind": catalog.term("kind", volunteer.kind.rawValue),
                "areas": volunteer.areas.map { catalog.term("area", $0.rawValue) }.joined(separator: ", "),
                "national_id": volunteer.nationalID.map(Masking.nationalID) ?? "",
                "joined": visit.dates.day(volunteer.joinedOn),
            ]
        }
        return visit.page("volunteers", title: catalog["volunteers_title"], section: "volunteers",
                          status: problem == nil ? .ok : .unprocessableContent, [
            "q": q ?? "", "filters": filters, "rows": rows, "empty": rows.isEmpty, "problem": problem,
            "next": nextLink, "may_register": visit.may(.writeVolunteers),
            "searched": q != nil,
        ])
    }

    private func show(_ visit: Visit, id: String) async throws -> Response {
        guard UUID(uuidString: id) != nil else { throw ConsoleRefusal.notFound }
        let catalog = visit.catalog
        let identity = visit.may(.readVolunteerIdentity)
        let volunteer = try await Volunteers(visit.scoped).disclose(id: id, actor: visit.actor, nationalID: identity)
        let zone = try await visit.timeZone(ofRegion: volunteer.regionCode)
        let facts: [(String, String?)] = [
            ("field_national_id", volunteer.nationalID.map { identity ? $0 : Masking.nationalID($0) }),
            ("field_birth_date", identity ? volunteer.birthDate.map(visit.dates.day) : nil),
            ("field_region", volunteer.regionCode), ("field_office", volunteer.officeCode),
            ("field_status", catalog.term("status", volunteer.status.rawValue)),
            ("field_kind", catalog.term("kind", volunteer.kind.rawValue)),
            ("field_areas", volunteer.areas.map { catalog.term("area", $0.rawValue) }.joined(separator: ", ")),
            ("field_organisation", volunteer.organisation), ("field_phone", volunteer.phone), ("field_email", volunteer.email),
            ("field_language", LanguageChoice.ownNames.first { $0.0 == volunteer.language }?.1),
            ("field_joined_on", visit.dates.day(volunteer.joinedOn)), ("field_hours", volunteer.hours),
            ("field_created_at", visit.dates.moment(volunteer.createdAt, timeZone: zone)),
        ]
        return visit.page("volunteer", title: volunteer.fullName, section: "volunteers", [
            "name": volunteer.fullName,
            "facts": facts.compactMap { key, value in value.map { ["label": catalog[key], "value": $0] } },
            "edit": visit.may(.writeVolunteers) ? "/volunteers/\(volunteer.id.uuidString.lowercased())/edit" : nil,
            // Judged by national ID and birth date: shown to those who may see them.
            "duplicates": identity ? try await Volunteers(visit.scoped).possibleDuplicates(of: volunteer).map { $0.row(catalog) } : [],
        ])
    }

    // MARK: registering

    static let registrationFields = ["last_name", "first_name", "middle_name", "national_id", "region", "office", "birth_date",
                                     "phone", "email", "kind", "organisation", "language", "joined_on"]

    private func registrationForm(_ visit: Visit, values: [String: String], areas: [String], errors: [String: String],
                                  status: HTTPResponse.Status, formKey: String? = nil) async throws -> Response {
        let catalog = visit.catalog
        let typed = TypedForm(catalog: catalog, values: values, errors: errors)
        let region = try await visit.regionField(typed)
        var kind = typed.field("kind", .select, required: true)
        kind.options = Field.choices(VolunteerKind.self, "kind", catalog, selected: [values["kind"] ?? "individual"])
        var language = typed.field("language", .select)
        language.options = [("", catalog["language_of_country"], (values["language"] ?? "").isEmpty)]
            + LanguageChoice.ownNames.map { ($0.0.rawValue, $0.1, values["language"] == $0.0.rawValue) }
        var areaField = Field(name: "areas", label: catalog["field_areas"], kind: .checkboxes, error: errors["areas"], required: true)
        areaField.options = Field.choices(VolunteerArea.self, "area", catalog, selected: areas)
        var consent = Field(name: "consent", label: catalog["field_consent"], kind: .checkboxes, error: errors["consent"] ?? errors["consent_version"],
                            required: true)
        consent.options = [("yes", catalog["consent_given"], values["consent"] == "yes")]
        let fields = [
            typed.field("last_name", required: true, autocomplete: "family-name"), typed.field("first_name", required: true, autocomplete: "given-name"),
            typed.field("middle_name", autocomplete: "additional-name"), typed.field("national_id", required: true), region, typed.field("office"),
            typed.field("birth_date", .date, autocomplete: "bday"), typed.field("phone", .tel, autocomplete: "tel"),
            typed.field("email", .email, autocomplete: "email"), kind, areaField, typed.field("organisation", autocomplete: "organization"),
            language, typed.field("joined_on", .date), consent,
        ]
        let general = errors.filter { key, _ in !Self.registrationFields.contains(key) && key != "areas" && key != "consent"
            && key != "consent_version" }.map(\.value)
        return visit.page("volunteer_form", title: catalog["volunteer_new_title"], section: "volunteers", status: status, [
            "fields": fields.map(\.model), "form_key": formKey ?? UUID().uuidString.lowercased(),
            "errors_summary": errors.isEmpty ? nil : catalog["form_refused"], "general": general,
        ])
    }

    private func register(_ visit: Visit) async throws -> Response {
        let form = visit.form!
        var values: [String: String] = [:]
        for name in Self.registrationFields { if let value = form.text(name) { values[name] = value } }
        if form.text("consent") == "yes" { values["consent"] = "yes" }
        let areas = form.texts("areas")
        let region = values["region"] ?? ""
        let registration = VolunteerRegistrationForm(
            lastName: values["last_name"] ?? "", firstName: values["first_name"] ?? "", middleName: values["middle_name"],
            nationalID: values["national_id"] ?? "", country: String(region.prefix(2)), regionCode: region,
            officeCode: values["office"], birthDate: values["birth_date"], phone: values["phone"], email: values["email"],
            kind: values["kind"] ?? "", areas: areas, organisation: values["organisation"], language: values["language"],
            consentVersion: values["consent"] == "yes" ? "web-console" : nil, joinedOn: values["joined_on"])
        do {
            return try await visit.once {
                let volunteer = try await Volunteers(visit.scoped).register(registration, actor: visit.actor)
                return "/volunteers/\(volunteer.id.uuidString.lowercased())"
            }
        } catch let failure as ValidationFailure {
            return try await registrationForm(visit, values: values, areas: areas, errors: visit.fieldErrors(failure.errors),
                                              status: .unprocessableContent, formKey: form.text("form_key"))
        } catch let AdalError.conflict(field, reason, _) {
            return try await registrationForm(visit, values: values, areas: areas,
                                              errors: visit.fieldErrors([FieldError(field, reason)]), status: .conflict,
                                              formKey: form.text("form_key"))
        } catch AdalError.registeredElsewhere {
            return try await registrationForm(visit, values: values, areas: areas,
                                              errors: ["national_id": visit.catalog["error_registered_elsewhere"]], status: .conflict,
                                              formKey: form.text("form_key"))
        }
    }

    // MARK: editing

    static let editableFields = ["status", "office", "phone", "email", "language"]

    private func current(_ volunteer: Volunteer) -> [String: String] {
        ["status": volunteer.status.rawValue, "office": volunteer.officeCode ?? "", "phone": volunteer.phone ?? "",
         "email": volunteer.email ?? "", "language": volunteer.language.rawValue,
         "areas": volunteer.areas.map(\.rawValue).sorted().joined(separator: ",")]
    }

    private func editForm(_ visit: Visit, _ volunteer: Volunteer, typed: [String: String]?, errors: [String: String],
                          changedByOthers: [[String: String]], status: HTTPResponse.Status) -> Response {
        let catalog = visit.catalog
        let now = current(volunteer)
        let values = typed ?? now
        let shown = TypedForm(catalog: catalog, values: values, errors: errors)
        var statusField = shown.field("status", .select)
        statusField.options = Field.choices(VolunteerStatus.self, "status", catalog, selected: [values["status"] ?? ""])
        var language = shown.field("language", .select)
        language.options = LanguageChoice.ownNames.map { ($0.0.rawValue, $0.1, values["language"] == $0.0.rawValue) }
        var areas = Field(name: "areas", label: catalog["field_areas"], kind: .checkboxes, error: errors["areas"], required: true)
        areas.options = Field.choices(VolunteerArea.self, "area", catalog,
                                      selected: (values["areas"] ?? "").split(separator: ",").map(String.init))
        let id = volunteer.id.uuidString.lowercased()
        return visit.page("volunteer_edit", title: volunteer.fullName, section: "volunteers", status: status, [
            "name": volunteer.fullName, "action": "/volunteers/\(id)", "back": "/volunteers/\(id)",
            "fields": [statusField, areas, shown.field("office"), shown.field("phone", .tel), shown.field("email", .email), language].map(\.model),
            "etag": volunteer.entityTag,
            "seen": now.map { ["name": "seen_\($0.key)", "value": $0.value] },
            "changed": changedByOthers, "stale": !changedByOthers.isEmpty,
            "errors_summary": errors.isEmpty ? nil : catalog["form_refused"],
        ])
    }

    private func change(_ visit: Visit, id: String) async throws -> Response {
        guard UUID(uuidString: id) != nil else { throw ConsoleRefusal.notFound }
        let form = visit.form!
        var typed: [String: String] = [:]
        for name in Self.editableFields { typed[name] = form.text(name) ?? "" }
        typed["areas"] = form.texts("areas").sorted().joined(separator: ",")
        let change = VolunteerChangeForm(
            status: typed["status"].flatMap { $0.isEmpty ? nil : $0 }, areas: form.texts("areas"),
            officeCode: .some(form.text("office")), phone: .some(form.text("phone")), email: .some(form.text("email")),
            language: form.text("language"))
        do {
            let updated = try await Volunteers(visit.scoped).update(id: id, change, ifMatch: form.text("etag") ?? "",
                                                                    actor: visit.actor)
            return Visit.redirect("/volunteers/\(updated.id.uuidString.lowercased())")
        } catch let failure as ValidationFailure {
            let volunteer = try await Volunteers(visit.scoped).show(id: id)
            return editForm(visit, volunteer, typed: typed, errors: visit.fieldErrors(failure.errors), changedByOthers: [],
                            status: .unprocessableContent)
        } catch AdalError.stale {
            // Someone saved this volunteer since the form was opened: show what they changed; the form
            // holds what this person changed and, for every other field, the value saved now (so saving
            // again does not undo the other save).
            let volunteer = try await Volunteers(visit.scoped).disclose(id: id, actor: visit.actor, nationalID: false)
            let catalog = visit.catalog
            let now = current(volunteer)
            let changed = now.sorted { $0.key < $1.key }.compactMap { name, value -> [String: String]? in
                guard let seen = form.fields["seen_\(name)"]?.first, seen != value else { return nil }
                return ["field": catalog["field_\(name)"], "before": seen.isEmpty ? "—" : seen, "after": value.isEmpty ? "—" : value]
            }
            var merged = now
            for (name, value) in typed where value != (form.fields["seen_\(name)"]?.first ?? "") { merged[name] = value }
            return editForm(visit, volunteer, typed: merged, errors: [:],
                            changedByOthers: changed.isEmpty ? [["field": "—", "before": "", "after": ""]] : changed,
                            status: .preconditionFailed)
        }
    }
}
