import AdalDomain
import Foundation
import Logging
import PostgresNIO

/// Applies `Database/migrations/NNNN_name.sql` in order, each once, all pending ones in one
/// transaction under an advisory lock, recording version, name, checksum and time.
public struct Migrator: Sendable {
    public let files: [MigrationFile]

    /// Any constant works; this one is "adal" in ASCII, so it is recognisable in `pg_locks`.
    static let lockKey: Int64 = 0x6164_616C

    public init(files: [MigrationFile]) {
        self.files = files
    }

    /// Reads every `NNNN_name.sql` in `directory`; other files are ignored.
    public init(directory: String) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        files = try names.sorted().compactMap { fileName in
            guard let (version, name) = MigrationFile.versionAndName(fileName: fileName) else { return nil }
            let sql = try String(contentsOfFile: directory + "/" + fileName, encoding: .utf8)
            return MigrationFile(version: version, name: name, sql: sql)
        }
    }

    /// What is applied and what is pending, without changing anything.
    public func plan(_ database: Database) async throws -> MigrationPlan {
        try await database.withConnection { connection in
            try MigrationPlan(files: files, applied: try await applied(on: connection, logger: database.logger))
        }
    }

    /// Applies what is pending; with `dryRun` only reports it. Safe to run from several processes at once.
    public func migrate(_ database: Database, dryRun: Bool = false) async throws -> MigrationPlan {
        if dryRun { return try await plan(database) }
        let logger = database.logger
        return try await database.transaction { connection in
            try await connection.run("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            try await connection.run("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version     int PRIMARY KEY,
                    name        text NOT NULL,
                    checksum    text NOT NULL,
                    applied_at  timestamptz NOT NULL DEFAULT now()
                )
                """, logger: logger)
            let plan = try MigrationPlan(files: files, applied: try await applied(on: connection, logger: logger))
            for file in plan.pending {
                logger.info("applying migration", metadata: ["version": "\(file.version)", "name": "\(file.name)"])
                for statement in SQLScript.statements(file.sql) {
                    try await connection.run(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.run("""
                    INSERT INTO schema_migrations (version, name, checksum)
                    VALUES (\(file.version), \(file.name), \(file.checksum))
                    """, logger: logger)
            }
            return plan
        }
    }

    /// Throws `PendingMigrations` unless every file is applied, so commands never run on an old schema.
    public func requireUpToDate(_ database: Database) async throws {
        let plan = try await plan(database)
        if !plan.pending.isEmpty { throw PendingMigrations(pending: plan.pending) }
    }

    func applied(on connection: PostgresConnection, logger: Logger) async throws -> [AppliedMigration] {
        let exists = try await connection.guardedQuery("SELECT to_regclass('schema_migrations') IS NOT NULL", logger: logger)
            .collect().first?.decode(Bool.self) ?? false
        guard exists else { return [] }
        var result: [AppliedMigration] = []
        let rows = try await connection.guardedQuery("""
            SELECT version, name, checksum, to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
            FROM schema_migrations ORDER BY version
            """, logger: logger)
        for try await (version, name, checksum, appliedAt) in rows.decode((Int, String, String, String).self) {
            result.append(AppliedMigration(version: version, name: name, checksum: checksum, appliedAt: appliedAt))
        }
        return result
    }
}

public struct PendingMigrations: Error, CustomStringConvertible, Sendable {
    public let pending: [MigrationFile]

    public var description: String {
        let names = pending.map { String(format: "%04d_%@", $0.version, $0.name) }.joined(separator: ", ")
        return "database has \(pending.count) pending migration(s) (\(names)); run `adal db migrate` first"
    }
}
