import AdalAPI
import AdalCore
import AdalDomain
import AdalText
import Crypto
import Foundation
import Hummingbird
import Logging

/// Around every console route: a refusal or failure answered as a page in the reader's language
/// (never a problem document), and the headers every page is sent with.
struct ConsolePageMiddleware: RouterMiddleware {
    typealias Context = AdalRequestContext
    let console: WebConsole

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = answer(error, request: request, context: context)
        }
        Self.secure(&response.headers, isStatic: request.uri.path.hasPrefix("/static/"))
        return response
    }

    /// No script but our own files, no framing, no referrer to other sites, no sniffing, no caching
    /// of a page (they hold personal data; a page left after signing out is not shown from cache).
    static func secure(_ headers: inout HTTPFields, isStatic: Bool) {
        if headers[.contentSecurityPolicy] == nil { headers[.contentSecurityPolicy] = policy }
        headers[.init("Referrer-Policy")!] = "same-origin"
        headers[.xContentTypeOptions] = "nosniff"
        headers[.init("X-Frame-Options")!] = "DENY"
        if !isStatic { headers[.cacheControl] = "no-store" }
    }

    static let policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// The policy for a page of Adal's own with `<style>` elements (a certificate, a report): each
    /// allowed by its SHA-256, still no script and no style attribute.
    static func policy(allowingStylesOf html: String) -> String {
        var hashes: [String] = []
        var rest = html[...]
        while let open = rest.range(of: "<style>"), let close = rest.range(of: "</style>", range: open.upperBound..<rest.endIndex) {
            let css = String(rest[open.upperBound..<close.lowerBound])
            hashes.append("'sha256-\(Data(SHA256.hash(data: Array(css.utf8))).base64EncodedString())'")
            rest = rest[close.upperBound...]
        }
        return policy.replacingOccurrences(of: "style-src 'self'", with: (["style-src 'self'"] + hashes).joined(separator: " "))
    }

    private func answer(_ error: any Error, request: Request, context: Context) -> Response {
        let catalog = console.catalogs[console.anonymousLanguage(request)]
        switch error {
        case let ConsoleRefusal.signInNeeded(next):
            let location = "/sign-in?next=" + WebSession.queryEscaped(WebSession.safeNext(next))
            var response = Visit.redirect(location)
            if request.cookies[WebSession.cookie] != nil {
                response.setCookie(WebSession.expired(WebSession.cookie, secure: console.isSecure(request, context)))
            }
            return response
        case ConsoleRefusal.csrf:
            return errorPage(catalog, .forbidden, "error_csrf")
        case ConsoleRefusal.forbidden:
            return errorPage(catalog, .forbidden, "error_forbidden")
        case ConsoleRefusal.resubmitted:
            return errorPage(catalog, .conflict, "error_resubmitted")
        case ConsoleRefusal.notFound, AdalError.notFound:
            return errorPage(catalog, .notFound, "error_not_found")
        case let refused as FormBody.Refused:
            switch refused.reason {
            case .tooLarge: return errorPage(catalog, .contentTooLarge, "error_too_large")
            case .unsupportedType, .malformed: return errorPage(catalog, .badRequest, "error_bad_form")
            case let .notUTF8(field): return errorPage(catalog, .badRequest, "error_not_utf8", ["field": field])
            }
        default:
            if let known = answerStatus(for: error) {
                var response = errorPage(catalog, known.status,
                                         known.status == .serviceUnavailable ? "error_unavailable" : "error_refused")
                if let retry = known.retryAfter { response.headers[.retryAfter] = retry }
                return response
            }
            // The type only: an error's text may quote what was typed.
            context.logger.error("console page failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return errorPage(catalog, .internalServerError, "error_server")
        }
    }

    private func errorPage(_ catalog: Catalog, _ status: HTTPResponse.Status, _ key: String,
                           _ values: [String: String] = [:]) -> Response {
        let content = console.render("error", ["t": catalog.texts, "message": catalog.format(key, values), "status": status.code])
        let model = Layout.model(catalog: catalog, title: catalog["error_title"], here: "/", content: content, signedIn: nil)
        return Layout.response(console.render("layout", model), status: status)
    }
}
