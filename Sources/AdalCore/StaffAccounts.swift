import AdalDomain
import AdalStore
import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix
import PostgresNIO
import Synchronization

/// Staff accounts: created by admins, logged in with e-mail and password, or given API tokens.
public struct StaffAccounts: Sendable {
    let context: AdalContext
    /// bcrypt cost: the configuration's (`ADAL_BCRYPT_COST`, 12 by default); tests lower it.
    let cost: UInt8

    public static let sessionLifetime: Duration = .seconds(12 * 3600)
    public static let lockoutWindow: Duration = .seconds(15 * 60)
    public static let lockoutFailures = 10

    /// `bcryptCost` nil: the context's, from the configuration.
    public init(_ context: AdalContext, bcryptCost: Int? = nil) {
        self.context = context
        cost = UInt8(bcryptCost ?? context.bcryptCost)
    }

    /// A new account and its first password (generated, to be shown once).
    public func add(email: String, name: String, role: StaffRole, officeCode: String?, regionCode: String?,
                    allRegions: Bool, actor: String) async throws -> (user: StaffUser, password: String) {
        var errors = FieldErrorCollector()
        let email = errors.check { try ContactDetails.email(email).lowercased() }
        if Optional(name).nonBlank == nil { errors.add("name", "is required") }
        if [officeCode != nil, regionCode != nil, allRegions].filter({ $0 }).count != 1 {
            errors.add("scope", "give exactly one of --office, --region or --all-regions")
        }
        try errors.throwIfAny()
        let password = Self.randomToken(bytes: 12)
        let hash = try await hash(password)
        let user = try await context.act(actor: actor) { change in
            let connection = change.connection
            let (regionID, officeID) = try await scope(officeCode: officeCode, regionCode: regionCode, on: connection)
            let name = name.trimmingCharacters(in: .whitespaces)
            let made: UUID?
            if let session = actingSession {
                made = try await context.staff.insertAsAdmin(actorToken: session, email: email!, name: name, role: role,
                                                             regionID: regionID, officeID: officeID, passwordHash: hash, on: connection)
            } else {
                made = try await context.staff.insert(email: email!, name: name, role: role, regionID: regionID, officeID: officeID,
                                                      on: connection)
                if let made { try await context.staff.setPassword(userID: made, hash: hash, on: connection) }
            }
            guard let id = made else {
                throw AdalError.conflict(field: "email", reason: "an account with this e-mail exists", existing: email!)
            }
            let user = try await context.staff.credentials(email: email!, on: connection)!.user
            try await context.audit.append(AuditEntryDraft(
                actor: actor, action: "staff.add", entity: "staff_user", entityID: id.uuidString.lowercased(),
                regionID: regionID, before: nil, after: AuditJSON.encode(user)), on: connection)
            return user
        }
        return (user, password)
    }

    public static let firstAdminEmail = "admin@adal.local"

    /// Creates the first admin when there is no staff account at all; returns its password, or nil.
    public func bootstrapAdmin(actor: String) async throws -> (email: String, password: String)? {
        let existing = try await context.database.withConnection { connection in try await context.staff.count(on: connection) }
        guard existing == 0 else { return nil }
        do {
            let (user, password) = try await add(email: Self.firstAdminEmail, name: "Administrator", role: .admin,
                                                 officeCode: nil, regionCode: nil, allRegions: true, actor: actor)
            return (user.email, password)
        } catch AdalError.conflict {
            return nil  // another process made it meanwhile
        }
    }

    /// Sets a new password (checked by the policy), or a generated one when none is given; returns it.
    public func setPassword(email: String, to newPassword: String?, actor: String) async throws -> String {
        let password = newPassword ?? Self.randomToken(bytes: 12)
        try PasswordPolicy.check(password)
        let hash = try await hash(password)
        try await context.act(actor: actor) { change in
            let connection = change.connection
            let user = try await requireUser(email, on: connection)
            if let session = actingSession {
                try await context.staff.setPasswordAsAdmin(actorToken: session, userID: user.id, hash: hash, on: connection)
            } else {
                try await context.staff.setPassword(userID: user.id, hash: hash, on: connection)
            }
            try await context.staff.clearFailures(account: Self.accountKey(user.email), client: nil, on: connection)
            try await context.audit.append(AuditEntryDraft(
                actor: actor, action: "staff.passwd", entity: "staff_user", entityID: user.id.uuidString.lowercased(),
                regionID: nil, before: nil, after: nil), on: connection)
        }
        return password
    }

    /// A long-lived API token for an integration; only its hash is stored, so it is shown once.
    public func issueAPIToken(email: String, label: String?, actor: String) async throws -> String {
        let token = "adal_" + Self.randomToken(bytes: 32)
        try await context.act(actor: actor) { change in
            let connection = change.connection
            let user = try await requireUser(email, on: connection)
            guard !user.disabled else { throw ValidationFailure([FieldError("email", "the account is disabled")]) }
            try await context.staff.insertToken(userID: user.id, kind: "api", hash: Self.digest(token), label: label,
                                                expiresAt: nil, on: connection)
            try await context.audit.append(AuditEntryDraft(
                actor: actor, action: "staff.token", entity: "staff_user", entityID: user.id.uuidString.lowercased(),
                regionID: nil, before: nil, after: AuditJSON.encode(["label": label ?? ""])), on: connection)
        }
        return token
    }

    public enum LoginFailure: Error, Equatable, Sendable {
        /// Wrong e-mail or password, or a disabled account: deliberately the same answer.
        case invalidCredentials
        /// Too many failures of this name from this client: known and unknown names alike.
        case locked(until: Date)
    }

    /// Exchanges e-mail and password for a session token. Ten failures of one name from one client
    /// within 15 minutes lock that name for that client for the rest of the 15 minutes. A name with
    /// no account (or a disabled one) takes the same path at the same cost — a lookup, one bcrypt,
    /// the failure recorded and audited — so neither the answer nor its time tells whether it exists.
    /// The password is checked, and the token made, by the database (`adal_start_session`): the
    /// API's role cannot make a session otherwise. `client` is the address the request came from
    /// (the API's, after trusted proxies).
    public func login(email: String, password: String, client: String = "local") async throws -> (token: String, expiresAt: Date) {
        let account = Self.accountKey(email)
        let client = String(client.prefix(64))
        // The lock is looked at before the account: a locked name costs one query, known or not.
        let failures = try await context.read { connection in
            try await context.staff.failures(account: account, client: client, window: Self.lockoutWindow, on: connection)
        }
        if failures.count >= Self.lockoutFailures { throw LoginFailure.locked(until: lockEnd(failures.earliest)) }
        let known = try await context.read { connection in try await context.staff.credentials(email: email, on: connection) }?.user
        let stand = try await standInHash()
        let token = "adal_" + Self.randomToken(bytes: 32)
        let expires = Date().addingTimeInterval(Double(Self.sessionLifetime.components.seconds))
        let count = failures.count + 1
        let started = try await context.act(actor: known.map { "staff:\($0.email)" } ?? "staff:unknown") { change -> Bool in
            let connection = change.connection
            if let id = try await context.staff.startSession(email: email, password: password, tokenHash: Self.digest(token),
                                                             expiresAt: expires, standIn: stand, on: connection) {
                try await context.staff.clearFailures(account: account, client: client, on: connection)
                try await change.audit("staff.login", entity: "staff_user", id: id.uuidString.lowercased(), regionID: nil)
                return true
            }
            try await context.staff.recordFailure(account: account, client: client, window: Self.lockoutWindow, on: connection)
            try await change.audit(count >= Self.lockoutFailures ? "staff.locked" : "staff.login_failed",
                                   entity: "staff_user", id: known?.id.uuidString.lowercased() ?? "unknown", regionID: nil,
                                   after: AuditJSON.encode(["failures_in_window": count]))
            return false
        }
        guard started else {
            if count >= Self.lockoutFailures { throw LoginFailure.locked(until: lockEnd(failures.earliest ?? Date())) }
            throw LoginFailure.invalidCredentials
        }
        return (token, expires)
    }

    /// A hash of a random password at the configured cost, made once per cost for the process.
    private func standInHash() async throws -> String {
        if let known = Self.standInHashes.withLock({ $0[cost] }) { return known }
        let made = try await hash(Self.randomToken(bytes: 16))
        Self.standInHashes.withLock { $0[cost] = made }
        return made
    }

    private static let standInHashes = Mutex<[UInt8: String]>([:])

    /// When a lock whose window began at `earliest` ends.
    private func lockEnd(_ earliest: Date?) -> Date {
        (earliest ?? Date()).addingTimeInterval(Double(Self.lockoutWindow.components.seconds))
    }

    /// How failed sign-ins name an account: a SHA-256 of the name as typed, trimmed and in lower case.
    static func accountKey(_ email: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(email.trimmingCharacters(in: .whitespaces).lowercased().utf8)))
    }

    /// The account a live token belongs to, and the regions it may see.
    public func authenticate(token: String) async throws -> Principal? {
        try await context.database.withConnection { connection in
            try await context.staff.principal(tokenHash: Self.digest(token), on: connection)
        }
    }

    /// Ends the session `token` opens, audited (`staff.logout`) by `actor`; false when it was not live.
    public func logout(token: String, actor: String) async throws -> Bool {
        try await context.act(actor: actor) { change in
            guard let user = try await context.staff.revoke(tokenHash: Self.digest(token), on: change.connection) else { return false }
            try await change.audit("staff.logout", entity: "staff_user", id: user.uuidString.lowercased(), regionID: nil)
            return true
        }
    }

    func requireUser(_ email: String, on connection: PostgresConnection) async throws -> StaffUser {
        guard let credentials = try await context.staff.credentials(email: email, on: connection) else {
            throw AdalError.notFound(entity: "staff account", key: email)
        }
        return credentials.user
    }

    /// bcrypt blocks its thread for a noticeable time, so it runs on the thread pool, not the event loop.
    private func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// How a request made with `token` enters its account's scope in the database.
    public static func sessionEntry(token: String) -> ScopeEntry { .session(tokenDigest: digest(token)) }

    static func digest(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(token.utf8)))
    }

    /// `bytes` random bytes (from the system's CSPRNG) as base64url without padding.
    static func randomToken(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

extension StaffAccounts {
    /// How a staff member is reminded: the language (`default` for their office's), and whether
    /// they head an office (heads hear of its overdue applications).
    public func setNotifications(email: String, language: String?, headOf officeCode: String?, actor: String) async throws {
        let language = try language.map { $0 == "default" ? nil : try Language.parse($0, field: "language").rawValue }
        try await context.act(actor: actor) { change in
            let connection = change.connection
            guard let user = try await context.staff.credentials(email: email.lowercased(), on: connection)?.user else {
                throw AdalError.notFound(entity: "staff user", key: email)
            }
            var after: [String: String] = [:]
            if let language {
                try await context.staff.setLanguage(userID: user.id, language: language, on: connection)
                after["language"] = language ?? "default"
            }
            if let officeCode {
                guard let office = try await context.offices.find(code: officeCode, on: connection) else {
                    throw ValidationFailure([FieldError("head-of", "no office has the code '\(officeCode)'")])
                }
                guard context.scope.contains(regionID: office.regionID) else {
                    throw AdalError.notFound(entity: "office", key: officeCode)
                }
                try await context.staff.setHead(officeID: office.id, userID: user.id, on: connection)
                after["head_of"] = officeCode
            }
            try await context.audit.append(AuditEntryDraft(
                actor: actor, action: "staff.notifications", entity: "staff_user", entityID: user.id.uuidString.lowercased(),
                regionID: nil, before: nil, after: AuditJSON.encode(after)), on: connection)
        }
    }
}
