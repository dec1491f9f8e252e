import Logging
import PostgresNIO

/// Server-level chores: databases are created and dropped here, by name, never by user input.
public enum DatabaseAdmin {
    /// Creates `name` on the server `maintenance` points at, unless it exists. Returns whether it was created.
    @discardableResult
    public static func createDatabase(_ name: String, template: String? = nil, on maintenance: Database) async throws -> Bool {
        try checkName(name)
        if let template { try checkName(template) }
        return try await maintenance.withConnection { connection in
            let exists = try await connection.run("SELECT 1 FROM pg_database WHERE datname = \(name)",
                                                  logger: maintenance.logger)
            guard exists.isEmpty else { return false }
            let templateClause = template.map { " TEMPLATE \"\($0)\"" } ?? ""
            do {
                try await connection.run(PostgresQuery(unsafeSQL: "CREATE DATABASE \"\(name)\"\(templateClause)"),
                                         logger: maintenance.logger)
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "42P04" {
                return false  // created by another process meanwhile
            }
            return true
        }
    }

    public static func dropDatabase(_ name: String, on maintenance: Database) async throws {
        try checkName(name)
        _ = try await maintenance.withConnection { connection in
            try await connection.run(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)"),
                                     logger: maintenance.logger)
        }
    }

    /// Marks `name` as a template, so `CREATE DATABASE … TEMPLATE` may clone it.
    public static func markTemplate(_ name: String, on maintenance: Database) async throws {
        try checkName(name)
        _ = try await maintenance.withConnection { connection in
            try await connection.run(PostgresQuery(unsafeSQL: "ALTER DATABASE \"\(name)\" IS_TEMPLATE true"),
                                     logger: maintenance.logger)
        }
    }

    /// Why the connected role is not bound by row-level security, or nil when it is.
    public static func rowSecurityExemption(on connection: PostgresConnection) async throws -> String? {
        let rows = try await connection.guardedQuery("""
            SELECT r.rolsuper, r.rolbypassrls,
                   EXISTS (SELECT 1 FROM pg_class c WHERE c.relowner = r.oid AND c.relrowsecurity)
            FROM pg_roles r WHERE r.rolname = current_user
            """, logger: Logger(label: "adal.store"))
        for try await (superuser, bypass, owner) in rows.decode((Bool, Bool, Bool).self) {
            if superuser { return "is a superuser" }
            if bypass { return "has BYPASSRLS" }
            if owner { return "owns the tables" }
        }
        return nil
    }

    /// Whether the connected role passes row-level security (a superuser or BYPASSRLS), as the
    /// owner's work must: the tables force it on their owner too, and the directory tables let
    /// no bound role write.
    public static func bypassesRowSecurity(on connection: PostgresConnection) async throws -> Bool {
        let rows = try await connection.guardedQuery("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user",
                                              logger: Logger(label: "adal.store"))
        for try await passes in rows.decode(Bool.self) { return passes }
        return false
    }

    /// Creates the `adal_api` login role when the cluster lacks it, as migration 0004 does: roles
    /// are the cluster's, so a backup restored on another server needs it before its grants load.
    public static func ensureAPIRole(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.run("""
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'adal_api') THEN
                    CREATE ROLE adal_api LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
                END IF;
            END
            $$
            """, logger: logger)
    }

    /// Gives `adal_api` the password its URL carries. ALTER ROLE takes no parameters, so the
    /// password is a quoted literal (standard_conforming_strings: only quotes are doubled).
    public static func setAPIPassword(_ password: String, on connection: PostgresConnection, logger: Logger) async throws {
        guard !password.contains("\u{0}") else { throw StoreError.unexpected("a password cannot hold a NUL character") }
        let literal = "'" + password.replacingOccurrences(of: "'", with: "''") + "'"
        try await connection.run(PostgresQuery(unsafeSQL: "ALTER ROLE adal_api PASSWORD \(literal)"), logger: logger)
    }

    /// Only plain lower-case identifiers, since these names are spliced into DDL.
    static func checkName(_ name: String) throws {
        guard !name.isEmpty, name.count <= 63,
              name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            throw ClusterError("'\(name)' is not a plain database name (a-z, 0-9, _)")
        }
    }
}
