import AdalAPI
import AdalCore
import AdalDomain
import AdalText
import Foundation
import Hummingbird
import Logging
import Mustache

/// The staff's web console, served by `adal serve` beside `/v1`: pages rendered here from the
/// templates and catalogs, every action one Core use case, on the same sessions, roles, regional
/// scope and row-level security as the API.
public struct WebConsole: Sendable {
    let context: AdalContext
    let proxies: TrustedProxies
    let uploadLimit: Int
    let catalogs: Catalogs
    let templates: MustacheLibrary
    let logger: Logger
    /// Who each recently seen session belongs to, for a few seconds (as the API keeps its tokens').
    let principals = PrincipalCache()
    let regions: RegionCache

    public init(context: AdalContext, configuration: APIConfiguration, logger: Logger) throws {
        self.context = context
        proxies = configuration.trustedProxies
        uploadLimit = configuration.uploadLimit
        catalogs = try Catalogs.load()
        var library = MustacheLibrary()
        for (name, bytes) in WebResources.templates {
            try library.register(MustacheTemplate(string: String(decoding: bytes, as: UTF8.self)), named: name)
        }
        templates = library
        self.logger = logger
        regions = RegionCache(context: context)
    }

    public func add(to router: Router<AdalRequestContext>) {
        let pages = router.group().add(middleware: ConsolePageMiddleware(console: self))
        pages.get("/static/{file}") { _, requestContext -> Response in
            guard let file = requestContext.parameters.get("file"), let found = WebResources.statics[file] else {
                throw ConsoleRefusal.notFound
            }
            return Response(status: .ok, headers: [.contentType: found.type, .cacheControl: "public, max-age=3600"],
                            body: .init(byteBuffer: ByteBuffer(bytes: found.bytes)))
        }
        SignInPages(console: self).add(to: pages)
        TodayPage(console: self).add(to: pages)
        VolunteerPages(console: self).add(to: pages)
        ApplicationPages(console: self).add(to: pages)
        ImportPages(console: self).add(to: pages)
        EventPages(console: self).add(to: pages)
        ReportPages(console: self).add(to: pages)
        CouncilPages(console: self).add(to: pages)
        AdminPages(console: self).add(to: pages)
    }

    /// The visit of a signed-in staff member whose role has `permission`: the page asked for again
    /// after signing in when there is no live session; a POST's form read and its CSRF token checked.
    func visit(_ request: Request, _ requestContext: AdalRequestContext, needs permission: Permission? = nil) async throws -> Visit {
        var request = request
        let here = Visit.pathAndQuery(request)
        guard let token = request.cookies[WebSession.cookie]?.value, !token.isEmpty,
              let principal = try await principal(token) else {
            throw ConsoleRefusal.signInNeeded(next: request.method == .get ? here : Visit.referrerPath(request))
        }
        var form: FormBody?
        if request.method == .post {
            form = try await FormBody.read(&request, limit: uploadLimit)
            guard WebSession.csrfMatches(form?.text("csrf"), session: token) else { throw ConsoleRefusal.csrf }
        }
        if let permission, !principal.may(permission) { throw ConsoleRefusal.forbidden }
        let language = LanguageChoice.pick(chosen: request.cookies[LanguageChoice.cookie]?.value, staff: principal.language,
                                           acceptLanguage: request.headers[.acceptLanguage])
        return Visit(console: self, request: request, here: here, catalog: catalogs[language], principal: principal,
                     token: token, form: form,
                     scoped: context.scoped(to: principal.scope, entering: StaffAccounts.sessionEntry(token: token)))
    }

    /// The account a session token belongs to: remembered a few seconds; signing out here forgets
    /// it at once, a session ended elsewhere stops working within those seconds.
    func principal(_ token: String) async throws -> Principal? {
        if let known = principals.principal(for: token) { return known }
        guard let found = try await StaffAccounts(context).authenticate(token: token) else { return nil }
        principals.remember(found, for: token)
        return found
    }

    /// The language of a page shown to someone not signed in (sign-in, refusals).
    func anonymousLanguage(_ request: Request) -> Language {
        LanguageChoice.pick(chosen: request.cookies[LanguageChoice.cookie]?.value, staff: nil,
                            acceptLanguage: request.headers[.acceptLanguage])
    }

    /// Whether the browser reached us over TLS (directly or through a trusted proxy that says so).
    func isSecure(_ request: Request, _ requestContext: AdalRequestContext) -> Bool {
        proxies.isSecure(peer: requestContext.peerAddress,
                         forwardedProto: request.headers[values: .init("X-Forwarded-Proto")!], connectionIsTLS: false)
    }

    func render(_ template: String, _ model: [String: Any]) -> String {
        templates.render(Self.withoutAbsentValues(model) ?? [:], withTemplate: template) ?? ""
    }

    /// The model with every absent value (an optional that is nil) left out, at any depth: Mustache
    /// would otherwise render a section for it as for a present one.
    static func withoutAbsentValues(_ value: Any) -> Any? {
        // The common values first: reflecting each (a catalog holds hundreds) cost a page more than its queries.
        switch value {
        case let text as String: return text
        case let number as Int: return number
        case let number as Int64: return number
        case let flag as Bool: return flag
        case let texts as [String: String]: return texts
        default: break
        }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return nil }
            return withoutAbsentValues(wrapped)
        }
        if let dictionary = value as? [String: Any] { return dictionary.compactMapValues(withoutAbsentValues) }
        if let array = value as? [Any] { return array.compactMap(withoutAbsentValues) }
        return value
    }
}

/// Why a console request is answered with something other than its page.
enum ConsoleRefusal: Error {
    case signInNeeded(next: String)
    case csrf
    case forbidden
    case notFound
    /// A form's key came back with other values, or while its first submit is still being answered.
    case resubmitted
}
