import AdalCore
import AdalDomain
import AdalText
import Foundation
import Hummingbird

/// One signed-in staff member's request: who, in which language, with which form, and the context
/// limited to their regions that every use case of the page runs in.
struct Visit: Sendable {
    let console: WebConsole
    let request: Request
    /// The path and query asked for (to come back to after a language switch).
    let here: String
    let catalog: Catalog
    let principal: Principal
    let token: String
    let form: FormBody?
    let scoped: AdalContext

    var actor: String { principal.actor }
    var csrf: String { WebSession.csrf(for: token) }
    var dates: DateText { DateText(language: catalog.language) }
    func may(_ permission: Permission) -> Bool { principal.may(permission) }

    /// The page: `template` filled with `model`, inside the layout with the navigation this role has.
    func page(_ template: String, title: String, section: String, status: HTTPResponse.Status = .ok,
              _ model: [String: Any?]) -> Response {
        var model = model.compactMapValues { $0 }
        // `has_LIST` for each list, for the templates' "none" messages and their headings.
        for (key, value) in model { if let list = value as? [Any] { model["has_" + key] = !list.isEmpty } }
        model["t"] = catalog.texts
        model["csrf"] = csrf
        let content = console.render(template, model)
        let navigation: [[String: Any]] = [
            ["href": "/", "label": catalog["nav_today"], "current": section == "today"],
        ] + (may(.readVolunteers) ? [["href": "/volunteers", "label": catalog["nav_volunteers"], "current": section == "volunteers"]] : [])
          + (may(.readApplications) ? [["href": "/applications", "label": catalog["nav_applications"],
                                        "current": section == "applications"]] : [])
          + (may(.writeApplications) ? [["href": "/imports/new", "label": catalog["nav_import"], "current": section == "imports"]] : [])
          + (may(.readEvents) ? [["href": "/events", "label": catalog["nav_events"], "current": section == "events"]] : [])
          + (may(.readCouncils) ? [["href": "/councils", "label": catalog["nav_councils"], "current": section == "councils"]] : [])
          + (may(.runReports) ? [["href": "/reports", "label": catalog["nav_reports"], "current": section == "reports"]] : [])
          + (may(.manageUsers) ? [["href": "/admin/staff", "label": catalog["nav_staff"], "current": section == "admin" && here.hasPrefix("/admin/staff")],
                                  ["href": "/admin/reminders", "label": catalog["nav_reminders"], "current": here.hasPrefix("/admin/reminders")]] : [])
          + (may(.readAuditLog) ? [["href": "/admin/audit", "label": catalog["nav_audit"], "current": here.hasPrefix("/admin/audit")]] : [])
        let layout = Layout.model(catalog: catalog, title: title, here: here, content: content, signedIn: [
            "name": principal.user.name, "role": catalog.term("role", principal.role.rawValue), "csrf": csrf,
            "navigation": navigation,
        ])
        return Layout.response(console.render("layout", layout), status: status)
    }

    /// POST → redirect → GET: the record's page, so a reload does not send the form again.
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// Refusals of a form, by field, in the reader's language, for the template's `errors.FIELD`.
    func fieldErrors(_ errors: [FieldError]) -> [String: String] {
        var byField: [String: String] = [:]
        for error in errors {
            let text = RefusalText.text(error, catalog)
            byField[error.field] = byField[error.field].map { $0 + " " + text } ?? text
        }
        return byField
    }

    static func pathAndQuery(_ request: Request) -> String {
        let path = request.uri.path
        guard let query = request.uri.query, !query.isEmpty else { return path }
        return path + "?" + query
    }

    /// Where a POST without a session came from, to go back to after signing in (same origin only).
    static func referrerPath(_ request: Request) -> String {
        guard let referrer = request.headers[.referer], let url = URL(string: referrer) else { return "/" }
        let path = url.path.isEmpty ? "/" : url.path
        return url.query.map { path + "?" + $0 } ?? path
    }
}

/// The layout every page is rendered in, and the headers every page is sent with.
enum Layout {
    static func model(catalog: Catalog, title: String, here: String, content: String, signedIn: [String: Any]?) -> [String: Any] {
        var model: [String: Any] = [
            "lang": catalog.language == .uz ? "uz-Latn" : catalog.language.rawValue,
            "title": title, "content": content, "t": catalog.texts,
            "languages": LanguageChoice.ownNames.map { language, name -> [String: Any] in
                ["code": language.rawValue, "name": name, "current": language == catalog.language,
                 "href": "/language?lang=\(language.rawValue)&back=\(WebSession.queryEscaped(here))"]
            },
        ]
        if let signedIn { model["user"] = signedIn }
        return model
    }

    /// An HTML page that holds personal data: never cached, never framed, no script but our own.
    static func response(_ html: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
