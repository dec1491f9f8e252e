import AdalDomain
import Foundation
import PostgresNIO

extension StaffRepository {
    /// Every staff account, enabled first, by e-mail.
    public func list(on connection: PostgresConnection) async throws -> [StaffUser] {
        let rows = try await connection.guardedQuery("""
            \(unescaped: Self.userColumns)
            \(unescaped: Self.userFrom)
            ORDER BY u.disabled_at IS NOT NULL, u.email
            """, logger: logger)
        return try rows.collect().map(Self.user)
    }

    /// Lets a disabled account sign in again (its old sessions stay revoked).
    public func enable(userID: UUID, on connection: PostgresConnection) async throws {
        _ = try await connection.guardedQuery("UPDATE staff_users SET disabled_at = NULL WHERE id = \(userID)", logger: logger)
    }

    /// A new account made by the acting admin of the session `actorToken` (the console, as the API's
    /// role): the database checks that admin and their regions. Nil when the e-mail is taken.
    public func insertAsAdmin(actorToken: [UInt8], email: String, name: String, role: StaffRole, regionID: Int64?,
                              officeID: Int64?, passwordHash: String, on connection: PostgresConnection) async throws -> UUID? {
        try await connection.guardedQuery("""
            SELECT adal_staff_add(\(ByteBuffer(bytes: actorToken)), \(email), \(name), \(role.rawValue), \(regionID), \(officeID),
                                  \(passwordHash))
            """, logger: logger).collect().first?.decode(UUID?.self) ?? nil
    }

    /// Disables (revoking its tokens) or enables an account as the acting admin of `actorToken`.
    public func setDisabledAsAdmin(actorToken: [UInt8], userID: UUID, disabled: Bool,
                                   on connection: PostgresConnection) async throws {
        _ = try await connection.guardedQuery(
            "SELECT adal_staff_set_disabled(\(ByteBuffer(bytes: actorToken)), \(userID), \(disabled))", logger: logger)
    }

    /// A new role and region (or office) for an account, as the acting admin of `actorToken`.
    public func changeAsAdmin(actorToken: [UInt8], userID: UUID, role: StaffRole, regionID: Int64?, officeID: Int64?,
                              on connection: PostgresConnection) async throws {
        _ = try await connection.guardedQuery("""
            SELECT adal_staff_change(\(ByteBuffer(bytes: actorToken)), \(userID), \(role.rawValue), \(regionID), \(officeID))
            """, logger: logger)
    }

    /// A role and region (or office) for an account, as the owner (the CLI).
    public func change(userID: UUID, role: StaffRole, regionID: Int64?, officeID: Int64?, on connection: PostgresConnection) async throws {
        _ = try await connection.guardedQuery("""
            UPDATE staff_users SET role = \(role.rawValue), region_id = \(regionID), office_id = \(officeID),
                   all_regions = \(regionID == nil) WHERE id = \(userID)
            """, logger: logger)
    }

    /// A new password's hash for an account, as the acting admin of `actorToken`.
    public func setPasswordAsAdmin(actorToken: [UInt8], userID: UUID, hash: String, on connection: PostgresConnection) async throws {
        _ = try await connection.guardedQuery(
            "SELECT adal_staff_set_password(\(ByteBuffer(bytes: actorToken)), \(userID), \(hash))", logger: logger)
    }
}

extension StaffRepository {
    /// The countries whose whole territory an account sees: every one for an all-regions account, a
    /// country-level region's own, or none.
    public func countriesCovered(userID: UUID, on connection: PostgresConnection) async throws -> Set<Country> {
        try await countries(connection.guardedQuery("""
            SELECT c FROM staff_users u, unnest(ARRAY['KZ', 'UZ', 'AZ']) AS c WHERE u.id = \(userID) AND u.all_regions
            UNION SELECT r.country FROM staff_users u JOIN regions r ON r.id = u.region_id
            WHERE u.id = \(userID) AND r.level = 'country'
            """, logger: logger))
    }

    /// The countries some other active admin sees whole.
    public func countriesCoveredByOtherAdmins(than userID: UUID, on connection: PostgresConnection) async throws -> Set<Country> {
        try await countries(connection.guardedQuery("""
            SELECT c FROM staff_users u, unnest(ARRAY['KZ', 'UZ', 'AZ']) AS c
            WHERE u.all_regions AND u.role = 'admin' AND u.disabled_at IS NULL AND u.id <> \(userID)
            UNION SELECT r.country FROM staff_users u JOIN regions r ON r.id = u.region_id
            WHERE r.level = 'country' AND u.role = 'admin' AND u.disabled_at IS NULL AND u.id <> \(userID)
            """, logger: logger))
    }

    private func countries(_ rows: CollectedRows) async throws -> Set<Country> {
        var found: Set<Country> = []
        for try await code in rows.decode(String.self) { found.insert(try Decode.value(code, as: Country.self)) }
        return found
    }
}
