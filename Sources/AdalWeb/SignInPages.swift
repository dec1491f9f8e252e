import AdalAPI
import AdalCore
import AdalDomain
import Foundation
import Hummingbird

/// Signing in and out, and choosing the language, with the lockout of `POST /v1/sessions`.
struct SignInPages {
    let console: WebConsole

    func add(to pages: RouterGroup<AdalRequestContext>) {
        pages.get("/sign-in") { request, requestContext -> Response in
            let next = WebSession.safeNext(request.uri.queryParameters.get("next"))
            if let token = request.cookies[WebSession.cookie]?.value, !token.isEmpty, try await console.principal(token) != nil {
                return Visit.redirect(next)
            }
            return form(request, requestContext, next: next, email: "", message: nil, status: .ok)
        }

        pages.post("/sign-in") { request, requestContext -> Response in
            var request = request
            let form = try await FormBody.read(&request, limit: 64 * 1024)
            let next = WebSession.safeNext(form.text("next"))
            guard let nonce = request.cookies[WebSession.signInCookie]?.value,
                  WebSession.csrfMatches(form.text("csrf"), session: "sign-in:" + nonce) else {
                throw ConsoleRefusal.csrf
            }
            let email = form.text("email") ?? ""
            let catalog = console.catalogs[console.anonymousLanguage(request)]
            do {
                let session = try await StaffAccounts(console.context).login(
                    email: email, password: form.fields["password"]?.first ?? "",
                    client: requestContext.client(of: request, trusting: console.proxies))
                var response = Visit.redirect(next)
                let secure = console.isSecure(request, requestContext)
                response.setCookie(WebSession.sessionCookie(session.token, secure: secure))
                response.setCookie(WebSession.expired(WebSession.signInCookie, secure: secure))
                return response
            } catch StaffAccounts.LoginFailure.invalidCredentials {
                return self.form(request, requestContext, next: next, email: email, message: catalog["sign_in_wrong"],
                                 status: .unauthorized)
            } catch let StaffAccounts.LoginFailure.locked(until) {
                let minutes = max(1, Int((until.timeIntervalSinceNow / 60).rounded(.up)))
                var response = self.form(request, requestContext, next: next, email: email,
                                         message: catalog.format("sign_in_locked", ["minutes": String(minutes)]),
                                         status: .tooManyRequests)
                response.headers[.retryAfter] = String(minutes * 60)
                return response
            }
        }

        pages.post("/sign-out") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext)
            console.principals.forget(visit.token)
            _ = try await StaffAccounts(console.context).logout(token: visit.token, actor: visit.actor)
            var response = Visit.redirect("/sign-in")
            response.setCookie(WebSession.expired(WebSession.cookie, secure: console.isSecure(request, requestContext)))
            return response
        }

        // The language switch on every page: remembered in a cookie, then back to the same page.
        pages.get("/language") { request, requestContext -> Response in
            let back = WebSession.safeNext(request.uri.queryParameters.get("back"), signInToo: true)
            guard let chosen = request.uri.queryParameters.get("lang").flatMap(Language.init(rawValue:)) else {
                return Visit.redirect(back)
            }
            var response = Visit.redirect(back)
            response.setCookie(Cookie(name: LanguageChoice.cookie, value: chosen.rawValue, maxAge: 365 * 86400, path: "/",
                                      secure: console.isSecure(request, requestContext), httpOnly: true, sameSite: .lax))
            return response
        }
    }

    private func form(_ request: Request, _ requestContext: AdalRequestContext, next: String, email: String, message: String?,
                      status: HTTPResponse.Status) -> Response {
        let catalog = console.catalogs[console.anonymousLanguage(request)]
        let existing = request.cookies[WebSession.signInCookie]?.value
        let nonce = existing.flatMap { $0.count == 32 ? $0 : nil } ?? WebSession.newSignInNonce()
        let content = console.render("sign_in", [
            "t": catalog.texts, "csrf": WebSession.csrf(for: "sign-in:" + nonce), "next": next, "email": email,
            "message": message ?? false,
        ])
        let here = next == "/" ? "/sign-in" : "/sign-in?next=" + WebSession.queryEscaped(next)
        var response = Layout.response(console.render("layout", Layout.model(catalog: catalog, title: catalog["sign_in_title"],
                                                                              here: here, content: content, signedIn: nil)),
                                       status: status)
        if existing != nonce {
            response.setCookie(Cookie(name: WebSession.signInCookie, value: nonce, path: "/",
                                      secure: console.isSecure(request, requestContext), httpOnly: true, sameSite: .lax))
        }
        return response
    }
}
