import AdalCore
import AdalDomain
import Hummingbird

/// Who may pass: the bearer token's account, its role's permission, and a context whose every
/// transaction is limited to the account's regions (row-level security).
struct Gate: Sendable {
    let context: AdalContext
    let cache: PrincipalCache
    /// Whose `X-Forwarded-For` names the client (`ADAL_TRUSTED_PROXIES`).
    var proxies = TrustedProxies.none

    /// The account the request's bearer token belongs to. 401 without a live token.
    func principal(_ request: Request) async throws -> Principal {
        guard let token = Self.bearer(request) else { throw Problem.unauthorized }
        if let known = cache.principal(for: token) { return known }
        guard let principal = try await StaffAccounts(context).authenticate(token: token) else {
            throw Problem.unauthorized
        }
        cache.remember(principal, for: token)
        return principal
    }

    /// Revokes the token and forgets it here at once.
    func logout(_ request: Request) async throws -> Bool {
        guard let token = Self.bearer(request) else { return false }
        let actor = (try? await principal(request))?.actor ?? "staff:unknown"
        cache.forget(token)
        return try await StaffAccounts(context).logout(token: token, actor: actor)
    }

    /// The account, when its role has `permission` (403 otherwise), and its scoped context.
    func admit(_ request: Request, _ permission: Permission) async throws -> (Principal, AdalContext) {
        let principal = try await principal(request)
        guard principal.may(permission) else { throw Problem.forbidden }
        let token = Self.bearer(request)!
        return (principal, context.scoped(to: principal.scope, entering: StaffAccounts.sessionEntry(token: token)))
    }

    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else { return nil }
        let token = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
