import AdalCore
import AdalDomain
import Foundation
import Hummingbird

/// `POST /v1/sessions`, `DELETE /v1/sessions/current`, `GET /v1/me`.
struct SessionRoutes {
    let context: AdalContext
    let gate: Gate

    struct SessionResponse: Encodable {
        let token: String
        let expiresAt: Date
    }

    struct Me: Encodable {
        let user: StaffUser
        let regions: [String]?
        let permissions: [String]
    }

    func add(to router: Router<AdalRequestContext>) {
        router.post("/v1/sessions") { request, requestContext -> Response in
            var request = request
            var input = try await JSONInput(&request, fields: ["email", "password"])
            let email = input.requiredString("email"), password = input.requiredString("password")
            try input.finish()
            do {
                let session = try await StaffAccounts(context).login(
                    email: email, password: password, client: requestContext.client(of: request, trusting: gate.proxies))
                return JSONBody.response(SessionResponse(token: session.token, expiresAt: session.expiresAt), status: .created)
            } catch StaffAccounts.LoginFailure.invalidCredentials {
                throw Problem(.unauthorized, "e-mail or password is wrong")
            } catch let StaffAccounts.LoginFailure.locked(until) {
                var problem = Problem(.tooManyRequests, "too many failed sign-ins from this address; try again later")
                problem.headers[.retryAfter] = String(max(1, Int(until.timeIntervalSinceNow.rounded(.up))))
                throw problem
            }
        }
        router.get("/v1/me") { request, _ -> Response in
            let principal = try await gate.principal(request)
            return JSONBody.response(Me(
                user: principal.user,
                regions: principal.scope.allRegions ? nil : principal.scope.regionCodes.sorted(),
                permissions: Permission.allCases.filter(principal.may).map(\.rawValue)))
        }
        router.delete("/v1/sessions/current") { request, _ -> Response in
            guard try await gate.logout(request) else {
                throw Problem.unauthorized
            }
            return Response(status: .noContent)
        }
    }
}
