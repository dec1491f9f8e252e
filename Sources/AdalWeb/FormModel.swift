import AdalCore
import AdalDomain
import AdalText
import AdalStore
import Foundation
import Hummingbird

/// One field of a form as its template shows it: label, what was typed, and the refusal beside it.
struct Field {
    enum Kind: String {
        case text, email, tel, date, number, password, select, checkboxes, textarea, file
        case datetime = "datetime-local"
    }

    let name: String
    let label: String
    var kind: Kind = .text
    var value: String = ""
    var error: String?
    var required = false
    var hint: String?
    var options: [(value: String, label: String, selected: Bool)] = []
    var autocomplete: String?

    var model: [String: Any] {
        var model: [String: Any] = [
            "name": name, "id": "field-" + name.replacingOccurrences(of: "_", with: "-"), "label": label,
            "value": value, "required": required, "type": kind.rawValue,
            "is_select": kind == .select, "is_checkboxes": kind == .checkboxes, "is_textarea": kind == .textarea,
            "is_input": ![.select, .checkboxes, .textarea].contains(kind),
            "options": options.map { ["value": $0.value, "label": $0.label, "selected": $0.selected] as [String: Any] },
        ]
        if let error { model["error"] = error }
        if let hint { model["hint"] = hint }
        if let autocomplete { model["autocomplete"] = autocomplete }
        return model
    }

    /// Options from one of the domain's lists, labelled from the catalog (`prefix_value`).
    static func choices<T: CaseIterable & RawRepresentable>(_ type: T.Type, _ prefix: String, _ catalog: Catalog,
                                                            selected: [String], blank: String? = nil)
        -> [(value: String, label: String, selected: Bool)] where T.RawValue == String {
        (blank.map { [("", $0, selected.isEmpty || selected == [""])] } ?? [])
            + T.allCases.map { ($0.rawValue, catalog.term(prefix, $0.rawValue), selected.contains($0.rawValue)) }
    }
}

/// A form as it was typed and refused: each field labelled from the catalog, with its value and reason.
struct TypedForm {
    let catalog: Catalog
    let values: [String: String]
    let errors: [String: String]

    func field(_ name: String, _ kind: Field.Kind = .text, required: Bool = false, autocomplete: String? = nil) -> Field {
        Field(name: name, label: catalog["field_\(name)"], kind: kind, value: values[name] ?? "", error: errors[name],
              required: required, hint: catalog.texts["hint_\(name)"], autocomplete: autocomplete)
    }
}

extension Visit {
    /// The region a record is made in: one of the staff member's, their own chosen at first.
    func regionField(_ typed: TypedForm) async throws -> Field {
        var region = typed.field("region", .select, required: true)
        region.options = try await regionChoices(selected: typed.values["region"] ?? principal.user.regionCode, blank: catalog["choose"])
        return region
    }

    /// Performs a creating form's use case once per rendered form: the form's key (`form_key`, new
    /// at every rendering) goes through the idempotency keys, so a second submit of the same form
    /// (a double click, a reload of the POST) is answered with the first one's redirect.
    /// `perform` returns the page of what it made.
    func once(_ perform: () async throws -> String) async throws -> Response {
        guard let form, let key = form.text("form_key"), (1...100).contains(key.count) else {
            return Visit.redirect(try await perform())
        }
        let fields = form.fields.filter { $0.key != "csrf" }.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.joined(separator: "\u{1F}"))" }.joined(separator: "\u{1E}")
        let fingerprint = Array("\(request.method.rawValue) \(request.uri.path)\n\(fields)".utf8)
        let outcome = try await IdempotentRequests(console.context).once(owner: actor, key: "web:" + key, request: fingerprint) {
            () -> (String, IdempotentRequests.StoredResponse) in
            let location = try await perform()
            return (location, .init(status: 303, headers: ["Location": location], body: []))
        }
        switch outcome {
        case let .performed(location): return Visit.redirect(location)
        case let .replay(stored): return Visit.redirect(stored.headers["Location"] ?? "/")
        case .keyReused, .inProgress: throw ConsoleRefusal.resubmitted
        }
    }

    /// The regions of the staff member's scope, for a form's or a filter's choice.
    func regionChoices(selected: String?, blank: String?) async throws -> [(value: String, label: String, selected: Bool)] {
        let regions = try await console.regions.all().filter { principal.scope.contains(regionCode: $0.code) }
        let named = regions.map { region -> (value: String, label: String, selected: Bool) in
            let name = region.names[catalog.language.rawValue] ?? region.names["en"] ?? region.code
            return (region.code, "\(name) (\(region.code))", region.code == selected)
        }
        return (blank.map { [("", $0, selected == nil)] } ?? []) + named
    }

    /// The time zone of the staff member's own region (nil for an all-regions account).
    func homeTimeZone() async throws -> String? {
        guard let code = principal.user.regionCode else { return nil }
        return try await timeZone(ofRegion: code)
    }

    func timeZone(ofRegion code: String) async throws -> String? {
        try await console.regions.zones()[code]
    }
}
