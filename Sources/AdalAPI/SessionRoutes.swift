import AdalCore
import AdalDomain
import Foundation
import Hummingbird

/// `POST /v1/sessions`, `DELETE /v1/sessions/current`, `GET /v1/me`.
struct SessionRoutes {
    let context: AdalContext

    struct LoginRequest: Decodable {
        let email: String
        let password: String
    }

    struct SessionResponse: Encodable {
        let token: String
        let expiresAt: Date
    }

    func add(to router: Router<BasicRequestContext>) {
        router.post("/v1/sessions") { request, requestContext -> Response in
            let login: LoginRequest
            do {
                let body = try await request.body.collect(upTo: 1 << 20)
                login = try JSONDecoder().decode(LoginRequest.self, from: Data(buffer: body))
            } catch {
                return Problem(status: .badRequest, detail: "the body must be JSON {\"email\": …, \"password\": …}").response()
            }
            do {
                let session = try await StaffAccounts(context).login(email: login.email, password: login.password)
                return JSONBody.response(SessionResponse(token: session.token, expiresAt: session.expiresAt), status: .created)
            } catch StaffAccounts.LoginFailure.invalidCredentials {
                return Problem(status: .unauthorized, detail: "e-mail or password is wrong").response()
            } catch let StaffAccounts.LoginFailure.locked(until) {
                var problem = Problem(status: .tooManyRequests, detail: "too many failed logins; the account is locked for a while")
                problem.headers[.retryAfter] = String(max(1, Int(until.timeIntervalSinceNow.rounded(.up))))
                return problem.response()
            }
        }
        router.get("/v1/me") { request, _ -> Response in
            guard let user = try await authenticated(request) else { return Self.unauthorized() }
            return JSONBody.response(user)
        }
        router.delete("/v1/sessions/current") { request, _ -> Response in
            guard let token = Self.bearer(request), try await StaffAccounts(context).logout(token: token) else {
                return Self.unauthorized()
            }
            return Response(status: .noContent)
        }
    }

    func authenticated(_ request: Request) async throws -> StaffUser? {
        guard let token = Self.bearer(request) else { return nil }
        return try await StaffAccounts(context).authenticate(token: token)
    }

    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else { return nil }
        let token = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    static func unauthorized() -> Response {
        var problem = Problem(status: .unauthorized, detail: "a valid bearer token is required")
        problem.headers[.wwwAuthenticate] = "Bearer"
        return problem.response()
    }
}
