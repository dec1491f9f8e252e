import AdalDomain
import Foundation
import Logging
import PostgresNIO

/// Staff accounts, their tokens (kept only as SHA-256) and failed logins.
public struct StaffRepository: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    /// An account with what logging in needs.
    public struct Credentials: Sendable {
        public let user: StaffUser
        public let passwordHash: String?
    }

    public func insert(email: String, name: String, role: StaffRole, regionID: Int64?, officeID: Int64?,
                       on connection: PostgresConnection) async throws -> UUID? {
        let rows = try await connection.guardedQuery("""
            INSERT INTO staff_users (email, name, role, region_id, office_id, all_regions)
            VALUES (\(email), \(name), \(role.rawValue), \(regionID), \(officeID), \(regionID == nil))
            ON CONFLICT (email) DO NOTHING RETURNING id
            """, logger: logger)
        for try await id in rows.decode(UUID.self) { return id }
        return nil
    }

    public func count(on connection: PostgresConnection) async throws -> Int {
        let rows = try await connection.guardedQuery("SELECT count(*)::int FROM staff_users", logger: logger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }

    public func credentials(email: String, on connection: PostgresConnection) async throws -> Credentials? {
        let rows = try await connection.guardedQuery("""
            \(unescaped: Self.userColumns), u.password_hash
            \(unescaped: Self.userFrom) WHERE u.email = \(email.trimmingCharacters(in: .whitespaces).lowercased())
            """, logger: logger)
        for try await row in rows {
            let cells = row.makeRandomAccess()
            return Credentials(user: try Self.user(row), passwordHash: try cells[8].decode(String?.self))
        }
        return nil
    }

    public func setPassword(userID: UUID, hash: String, on connection: PostgresConnection) async throws {
        try await connection.run("UPDATE staff_users SET password_hash = \(hash) WHERE id = \(userID)",
                                 logger: logger)
    }

    /// Disables the account and revokes every token it has.
    public func disable(userID: UUID, on connection: PostgresConnection) async throws {
        try await connection.run("UPDATE staff_users SET disabled_at = coalesce(disabled_at, now()) WHERE id = \(userID)",
                                 logger: logger)
        try await connection.run("""
            UPDATE staff_tokens SET revoked_at = now() WHERE user_id = \(userID) AND revoked_at IS NULL
            """, logger: logger)
    }

    public func insertToken(userID: UUID, kind: String, hash: [UInt8], label: String?, expiresAt: Date?,
                            on connection: PostgresConnection) async throws {
        try await connection.run("""
            INSERT INTO staff_tokens (user_id, kind, token_hash, label, expires_at)
            VALUES (\(userID), \(kind), \(ByteBuffer(bytes: hash)), \(label), \(expiresAt))
            """, logger: logger)
    }

    /// A session for the account `email` names when `password` is its password (checked by the
    /// database, which alone makes session tokens): its id, or nil (no token made). A name with no
    /// usable account is checked against `standIn`, a hash of the same cost, in the same time.
    public func startSession(email: String, password: String, tokenHash: [UInt8], expiresAt: Date, standIn: String,
                             on connection: PostgresConnection) async throws -> UUID? {
        try await connection.run("""
            SELECT adal_start_session(\(email.trimmingCharacters(in: .whitespaces)), \(password), \(ByteBuffer(bytes: tokenHash)),
                                      \(expiresAt), \(standIn))
            """, logger: logger).first?.decode(UUID?.self)
    }

    /// The enabled account a live (unexpired, unrevoked) token belongs to, with the regions it sees
    /// (tokens are read only by the database's `adal_session_account`).
    public func principal(tokenHash: [UInt8], on connection: PostgresConnection) async throws -> Principal? {
        let rows = try await connection.guardedQuery("""
            \(unescaped: Self.userColumns),
                   ARRAY(SELECT region_subtree(u.region_id)),
                   ARRAY(SELECT code FROM regions WHERE id IN (SELECT region_subtree(u.region_id))), u.language
            \(unescaped: Self.userFrom)
            WHERE u.id = adal_session_account(\(ByteBuffer(bytes: tokenHash)))
            """, logger: logger)
        for try await row in rows {
            let user = try Self.user(row)
            let cells = row.makeRandomAccess()
            return Principal(user: user, scope: RegionScope(
                allRegions: user.allRegions, regionIDs: try cells[8].decode([Int64].self),
                regionCodes: Set(try cells[9].decode([String].self))),
                language: try cells[10].decode(String?.self).flatMap(Language.init(rawValue:)))
        }
        return nil
    }

    /// What a piece of work needs to know of the account it is given to: whether it exists, is
    /// active, its role, and whether its regions cover `regionID`.
    public struct Assignee: Sendable {
        public let user: StaffUser
        public let coversRegion: Bool
    }

    public func assignee(email: String, regionID: Int64, on connection: PostgresConnection) async throws -> Assignee? {
        let rows = try await connection.guardedQuery("""
            \(unescaped: Self.userColumns),
                   u.all_regions OR \(regionID) IN (SELECT region_subtree(u.region_id))
            \(unescaped: Self.userFrom) WHERE u.email = \(email.trimmingCharacters(in: .whitespaces).lowercased())
            """, logger: logger)
        for try await row in rows {
            return Assignee(user: try Self.user(row), coversRegion: try row.makeRandomAccess()[8].decode(Bool.self))
        }
        return nil
    }

    /// Revokes a live token (through the database's `adal_end_session`); returns its account (nil when
    /// no live token has this hash).
    public func revoke(tokenHash: [UInt8], on connection: PostgresConnection) async throws -> UUID? {
        try await connection.run("SELECT adal_end_session(\(ByteBuffer(bytes: tokenHash)))", logger: logger)
            .first?.decode(UUID?.self)
    }

    /// The failed sign-ins of `account` (a SHA-256 of the lower-case name) from `client` within
    /// `window`, and the earliest of them.
    public func failures(account: [UInt8], client: String, window: Duration,
                         on connection: PostgresConnection) async throws -> (count: Int, earliest: Date?) {
        let seconds = Double(window.components.seconds)
        let rows = try await connection.guardedQuery("""
            SELECT failures, earliest FROM adal_sign_in_failures(\(ByteBuffer(bytes: account)), \(client), \(seconds))
            """, logger: logger)
        for try await (count, earliest) in rows.decode((Int, Date?).self) { return (count, earliest) }
        return (0, nil)
    }

    /// Records a failed sign-in of `account` from `client`, and forgets those older than `window`.
    public func recordFailure(account: [UInt8], client: String, window: Duration,
                              on connection: PostgresConnection) async throws {
        let seconds = Double(window.components.seconds)
        try await connection.run("SELECT adal_record_sign_in_failure(\(ByteBuffer(bytes: account)), \(client), \(seconds))",
                                 logger: logger)
    }

    /// Forgets the failed sign-ins of `account`: from `client` only, or (the owner's role only) from everywhere.
    public func clearFailures(account: [UInt8], client: String?, on connection: PostgresConnection) async throws {
        try await connection.run("SELECT adal_clear_sign_in_failures(\(ByteBuffer(bytes: account)), \(client))", logger: logger)
    }

    static let userColumns = """
        SELECT u.id, u.email, u.name, u.role, r.code, o.code, u.all_regions, u.disabled_at IS NOT NULL
        """
    static let userFrom = """
        FROM staff_users u LEFT JOIN regions r ON r.id = u.region_id LEFT JOIN offices o ON o.id = u.office_id
        """

    /// The user from the first eight columns (`userColumns`), whatever follows them.
    static func user(_ row: PostgresRow) throws -> StaffUser {
        let c = row.makeRandomAccess()
        return StaffUser(id: try c[0].decode(UUID.self), email: try c[1].decode(String.self), name: try c[2].decode(String.self),
                         role: try Decode.value(try c[3].decode(String.self), as: StaffRole.self),
                         regionCode: try c[4].decode(String?.self), officeCode: try c[5].decode(String?.self),
                         allRegions: try c[6].decode(Bool.self), disabled: try c[7].decode(Bool.self))
    }
}

extension StaffRepository {
    /// The language the user's reminders come in; nil: their office's.
    public func setLanguage(userID: UUID, language: String?, on connection: PostgresConnection) async throws {
        _ = try await connection.guardedQuery("UPDATE staff_users SET language = \(language) WHERE id = \(userID)", logger: logger).collect()
    }

    /// Makes the user the head of an office: told of its overdue applications.
    public func setHead(officeID: Int64, userID: UUID, on connection: PostgresConnection) async throws {
        _ = try await connection.guardedQuery("UPDATE offices SET head_user_id = \(userID) WHERE id = \(officeID)", logger: logger).collect()
    }
}
