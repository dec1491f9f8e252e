import AdalCore
import AdalDomain
import AdalStore
import Crypto
import Foundation
import Logging
import PostgresNIO

/// Each test gets a database of its own, cloned from a migrated template, so tests run in
/// parallel and never see each other's rows. The server is `TEST_DATABASE_URL` or an embedded
/// cluster under `.adal/test-cluster`; any non-local server is refused.
enum TestDatabase {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let migrationsDirectory = packageRoot.appendingPathComponent("Database/migrations").path
    static let seedsDirectory = packageRoot.appendingPathComponent("seeds").path

    static let logger: Logger = {
        var logger = Logger(label: "adal-tests")
        logger.logLevel = .warning
        return logger
    }()

    struct Server: Sendable {
        let target: DatabaseTarget
        let template: String
    }

    static let server = Task<Server, any Error> { try await prepareServer() }

    static func prepareServer() async throws -> Server {
        let environment = ProcessInfo.processInfo.environment
        let target: DatabaseTarget
        if let url = environment["TEST_DATABASE_URL"], !url.isEmpty {
            target = try DatabaseTarget(url: url)
        } else {
            let cluster = try EmbeddedCluster(home: packageRoot.appendingPathComponent(".adal/test-cluster").path,
                                              binaries: ProcessInfo.processInfo.environment["ADAL_PG_BIN"])
            try cluster.start(logger: logger)
            target = cluster.target(database: "postgres")
            try await relaxDurability(of: target)
        }
        guard target.isLocal else {
            throw ClusterError("tests refuse the non-local database server \(target.redactedURL)")
        }
        let migrator = try Migrator(directory: migrationsDirectory)
        // Every migration's checksum counts: a change to any of them (not only the last) needs a new template.
        let fingerprint = AuditChain.hex(Array(SHA256.hash(data: Data(migrator.files.map(\.checksum).joined().utf8)))).prefix(12)
        let template = "adal_template_\(fingerprint)"
        let maintenance = target.with(database: "postgres")
        try await Database.with(maintenance, maximumConnections: 2, logger: logger) { admin in
            // One test process builds the template; others wait on this lock and find it ready.
            try await admin.withConnection { connection in
                _ = try await connection.query("SELECT pg_advisory_lock(72846001)", logger: logger).collect()
                do {
                    let ready = try await connection.query(
                        "SELECT datistemplate FROM pg_database WHERE datname = \(template)", logger: logger
                    ).collect().first?.decode(Bool.self)
                    if ready != true {
                        try await DatabaseAdmin.dropDatabase(template, on: admin)
                        try await DatabaseAdmin.createDatabase(template, on: admin)
                        _ = try await Database.with(target.with(database: template), maximumConnections: 1, logger: logger) {
                            try await migrator.migrate($0)
                        }
                        try await DatabaseAdmin.markTemplate(template, on: admin)
                    }
                } catch {
                    _ = try? await connection.query("SELECT pg_advisory_unlock(72846001)", logger: logger).collect()
                    throw error
                }
                _ = try await connection.query("SELECT pg_advisory_unlock(72846001)", logger: logger).collect()
            }
            try await sweepLeftovers(on: admin, keeping: template)
        }
        return Server(target: target, template: template)
    }

    /// The tests' own cluster holds nothing that must outlive the machine: it skips waiting for the
    /// disk (a database per test costs half as much). Set with ALTER SYSTEM in that cluster only;
    /// PostgreSQL's crash safety (a killed server) stands, only an operating system crash could lose data.
    static func relaxDurability(of target: DatabaseTarget) async throws {
        try await Database.with(target, maximumConnections: 1, logger: logger) { admin in
            try await admin.withConnection { connection in
                for setting in ["fsync", "synchronous_commit", "full_page_writes"] {
                    _ = try await connection.query(PostgresQuery(unsafeSQL: "ALTER SYSTEM SET \(setting) = off"), logger: logger).collect()
                }
                _ = try await connection.query("SELECT pg_reload_conf()", logger: logger).collect()
            }
        }
    }

    /// Test databases are named with the time they were made (`adal_test_<unix seconds>_<random>`).
    static func databaseName(now: Date = Date()) -> String {
        "adal_test_\(Int(now.timeIntervalSince1970))_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
    }

    /// Drops what killed runs left behind: test databases made more than an hour ago (or named the
    /// old way, without a time), and the templates of other migrations than `template`'s. A run
    /// still going on the same server keeps its recent ones.
    static func sweepLeftovers(on admin: Database, keeping template: String, now: Date = Date()) async throws {
        let (names, templates) = try await admin.withConnection { connection in
            (try await connection.query("""
                SELECT datname FROM pg_database WHERE datname LIKE 'adal\\_test\\_%' AND NOT datistemplate
                """, logger: logger).collect().map { try $0.decode(String.self) },
             try await connection.query("""
                SELECT datname FROM pg_database WHERE datname LIKE 'adal\\_template\\_%' AND datname <> \(template)
                """, logger: logger).collect().map { try $0.decode(String.self) })
        }
        for stale in templates {
            _ = try? await admin.withConnection { connection in
                try await connection.query(PostgresQuery(unsafeSQL: "ALTER DATABASE \"\(stale)\" IS_TEMPLATE false"), logger: logger).collect()
            }
            try? await DatabaseAdmin.dropDatabase(stale, on: admin)
        }
        for name in names {
            let made = name.split(separator: "_").dropFirst(2).first.flatMap { Double($0) }
            guard made.map({ now.timeIntervalSince1970 - $0 > 3600 }) ?? true else { continue }
            try? await DatabaseAdmin.dropDatabase(name, on: admin)
        }
    }

    /// The audit key tests seal and verify with, in process and (through its file) in the CLI.
    static let auditKey = try! AuditKey(fileText: String(repeating: "5a", count: 32))

    /// The same key as a key file (mode 0600), for the CLI's `ADAL_AUDIT_KEY_FILE`.
    static let auditKeyFile: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("adal-tests-audit-\(getpid()).key").path
        FileManager.default.createFile(atPath: path, contents: Data((String(repeating: "5a", count: 32) + "\n").utf8),
                                       attributes: [.posixPermissions: 0o600])
        return path
    }()

    /// A fresh migrated database for `body`, dropped afterwards.
    static func withDatabase<T: Sendable>(_ body: @Sendable (AdalContext) async throws -> T) async throws -> T {
        try await withTarget { target in
            try await Database.with(target, logger: logger) { database in
                try await body(AdalContext(database: database, auditKey: auditKey))
            }
        }
    }

    /// A fresh database's address for `body`; `migrated: false` gives an empty one.
    static func withTarget<T: Sendable>(migrated: Bool = true, _ body: @Sendable (DatabaseTarget) async throws -> T) async throws -> T {
        let server = try await server.value
        let name = databaseName()
        let maintenance = server.target.with(database: "postgres")
        try await Database.with(maintenance, maximumConnections: 1, logger: logger) { admin in
            try await DatabaseAdmin.createDatabase(String(name), template: migrated ? server.template : nil, on: admin)
        }
        do {
            let result = try await body(server.target.with(database: String(name)))
            try await drop(String(name), server: server)
            return result
        } catch {
            try? await drop(String(name), server: server)
            throw error
        }
    }

    static func drop(_ name: String, server: Server) async throws {
        try await Database.with(server.target.with(database: "postgres"), maximumConnections: 1, logger: logger) { admin in
            try await DatabaseAdmin.dropDatabase(name, on: admin)
        }
    }
}

extension TestDatabase {
    /// How a transaction enters the scope of a live session of a new account of `region` (nil:
    /// every region), made on each of `targets` by its owner with the same token (a primary and its
    /// replica hold the same accounts): what an API request's transaction does.
    static func sessionEntry(region: String?, on targets: DatabaseTarget...) async throws -> ScopeEntry {
        let email = "scope-\(UUID().uuidString.prefix(8).lowercased())@adal.example.kz"
        var entry: ScopeEntry?
        for target in targets {
            let made = entry
            entry = try await Database.with(target, maximumConnections: 1, logger: logger) { database -> ScopeEntry in
                let accounts = StaffAccounts(AdalContext(database: database), bcryptCost: 4)
                _ = try await accounts.add(email: email, name: "Scope", role: .auditor, officeCode: nil, regionCode: region,
                                           allRegions: region == nil, actor: "test")
                guard case let .session(digest)? = made else {
                    return StaffAccounts.sessionEntry(token: try await accounts.issueAPIToken(email: email, label: nil, actor: "test"))
                }
                try await database.withConnection { connection in
                    _ = try await connection.query("""
                        INSERT INTO staff_tokens (user_id, kind, token_hash, label)
                        SELECT id, 'api', \(ByteBuffer(bytes: digest)), 'test' FROM staff_users WHERE email = \(email)
                        """, logger: logger).collect()
                }
                return made!
            }
        }
        return entry!
    }
}
