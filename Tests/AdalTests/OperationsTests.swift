import AdalCore
import AdalDomain
import AdalStore
import Foundation
import PostgresNIO
import Synchronization
import Testing

/// How many writes the background writer has made.
final class WriteCount: Sendable {
    let value = Atomic<Int>(0)
}

@Suite("Operating Adal: backups, configuration", .timeLimit(.minutes(5)))
struct OperationsTests {
    static let counted = ["applications", "application_history", "volunteers", "people", "events", "offices", "audit_entries"]

    static func counts(_ target: DatabaseTarget) async throws -> [String: Int] {
        try await Database.with(target, maximumConnections: 1, logger: TestDatabase.logger) { database in
            try await database.withConnection { connection in
                var counts: [String: Int] = [:]
                for table in counted {
                    counts[table] = try await connection.query(PostgresQuery(unsafeSQL: "SELECT count(*)::int FROM \(table)"),
                                                               logger: TestDatabase.logger).collect()[0].decode(Int.self)
                }
                return counts
            }
        }
    }

    static func scalar(_ target: DatabaseTarget, _ sql: String) async throws -> Int {
        try await Database.with(target, maximumConnections: 1, logger: TestDatabase.logger) { database in
            try await database.withConnection { connection in
                try await connection.query(PostgresQuery(unsafeSQL: sql), logger: TestDatabase.logger).collect()[0].decode(Int.self)
            }
        }
    }

    static func verdict(_ cli: CLI) async throws -> String {
        let verified = try await cli.run("audit", "verify", "--format", "json")
        let report = try JSONSerialization.jsonObject(with: Data(verified.stdout.utf8)) as? [String: Any]
        return report?["verdict"] as? String ?? "\(verified.stdout) \(verified.stderr)"
    }

    @Test("a backup taken while applications are written restores into an empty database that verifies, every application with its history and audit entry; a quiet one restores the same counts; a database with tables is refused unless --replace")
    func backupWhileWriting() async throws {
        let folder = NSTemporaryDirectory() + "adal-backup-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await TestDatabase.withTarget { source in
            try await TestDatabase.withTarget(migrated: false) { empty in
                let cli = CLI(databaseURL: source.url(includingPassword: true), home: folder + "/home")
                let restoring = CLI(databaseURL: empty.url(includingPassword: true), home: folder + "/home")
                #expect(try await cli.run("db", "seed").status == 0)

                let (before, backup, after, written) = try await Database.with(source, logger: TestDatabase.logger) { database in
                    let applications = Applications(AdalContext(database: database))
                    let written = WriteCount()
                    let writer = Task {
                        while !Task.isCancelled {
                            do {
                                _ = try await applications.add(.init(lastName: "Жазушы", firstName: "Нөмір \(written.value.load(ordering: .relaxed))",
                                                                     regionCode: "KZ-35"), actor: "test:writer")
                                written.value.add(1, ordering: .relaxed)
                            } catch { break }
                        }
                    }
                    func writes(atLeast count: Int) async throws {
                        for _ in 0..<600 where written.value.load(ordering: .relaxed) < count { try await Task.sleep(for: .milliseconds(50)) }
                    }
                    try await writes(atLeast: 5)
                    let before = try await Self.counts(source)
                    let backup = try await cli.run("db", "backup", "--out", folder + "/during.dump")
                    try await writes(atLeast: written.value.load(ordering: .relaxed) + 5)
                    writer.cancel()
                    await writer.value
                    let total = written.value.load(ordering: .relaxed)
                    return (before, backup, try await Self.counts(source), total)
                }
                #expect(backup.status == 0, "\(backup.stderr)")
                #expect(backup.stdout.contains("backup written"))
                #expect(before["applications"]! > 0 && after["applications"]! > before["applications"]!,
                        "the writes ran across the backup: \(written) written, \(before) → \(after)")

                let restored = try await restoring.run("db", "restore", folder + "/during.dump")
                #expect(restored.status == 0, "\(restored.stderr)")
                #expect(try await Self.verdict(restoring) == "intact")
                let got = try await Self.counts(empty)
                #expect((before["applications"]!...after["applications"]!).contains(got["applications"]!), "\(before) \(got) \(after)")
                // One snapshot: no application without its history line and audit entry.
                #expect(try await Self.scalar(empty, """
                    SELECT count(*)::int FROM applications a
                    WHERE NOT EXISTS (SELECT 1 FROM application_history h WHERE h.application_id = a.id)
                       OR NOT EXISTS (SELECT 1 FROM audit_entries e WHERE e.entity = 'application' AND e.entity_id = a.id::text)
                    """) == 0)
                #expect(try await Self.scalar(empty, "SELECT count(*)::int FROM audit_entries WHERE action = 'database.restore'") == 1)

                // Quiet: the same counts (the restore's audit entry standing for the backup's, recorded after the dump).
                #expect(try await cli.run("db", "backup", "--out", folder + "/quiet.dump").status == 0)
                #expect(try await cli.run("db", "backup", "--out", folder + "/quiet.dump").stderr.contains("exists"))
                let quiet = try await Self.counts(source)
                let refused = try await restoring.run("db", "restore", folder + "/quiet.dump")
                #expect(refused.status == 1)
                #expect(refused.stderr.contains("already holds") && refused.stderr.contains("--replace"), "\(refused.stderr)")
                #expect(try await Self.counts(empty) == got, "a refused restore changes nothing")
                let replaced = try await restoring.run("db", "restore", folder + "/quiet.dump", "--replace")
                #expect(replaced.status == 0, "\(replaced.stderr)")
                #expect(try await Self.counts(empty) == quiet)
                #expect(try await Self.scalar(empty, "SELECT count(*)::int FROM audit_entries WHERE action = 'database.backup'")
                        == (try await Self.scalar(source, "SELECT count(*)::int FROM audit_entries WHERE action = 'database.backup'")) - 1)
                #expect(try await Self.verdict(restoring) == "intact")
            }
        }
    }

    @Test("a malformed setting stops every command at start, naming it and what it takes: ADAL_BCRYPT_COST=40 is refused, not clamped")
    func malformedSettingsStopEveryCommand() async throws {
        let folder = NSTemporaryDirectory() + "adal-config-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cli = CLI(databaseURL: "", home: folder, environment: ["ADAL_BCRYPT_COST": "40", "ADAL_WORKER_LEASE": "0"])
        for command in [["serve"], ["users", "bootstrap"], ["regions", "list"]] {
            let refused = try await cli.run(command)
            #expect(refused.status == 1, "adal \(command.joined(separator: " ")): \(refused.stderr)")
            let lines = refused.stderr.split(separator: "\n").map(String.init)
            #expect(lines.contains("adal: ADAL_BCRYPT_COST: '40' is not a whole number from 4 to 31"), "\(lines)")
            #expect(lines.contains("adal: ADAL_WORKER_LEASE: '0' is not a number of seconds from 1 to 3600"), "\(lines)")
        }
        let within = try await CLI(databaseURL: "", home: folder, environment: ["ADAL_BCRYPT_COST": "31"]).run("config", "check", "--role", "api")
        #expect(!within.stderr.contains("ADAL_BCRYPT_COST"), "\(within.stderr)")
    }

    @Test("adal config check: secrets from files and masked; every missing or malformed setting listed at once with exit 1; other commands stop at a bad secret file")
    func configCheck() async throws {
        let folder = NSTemporaryDirectory() + "adal-config-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let secret = folder + "/database-url"
        try "postgres://adal:s3cret-Pa55@db.example.kz:5432/adal?sslmode=require\n".write(toFile: secret, atomically: true, encoding: .utf8)
        let good = CLI(databaseURL: "", home: folder + "/home", environment: [
            "DATABASE_URL_FILE": secret, "ADAL_SMTP_URL": "smtp://mailer:m41l-pw@mail.example.kz:587?starttls=required",
            "ADAL_WEBHOOK_URL": "https://sms.example.kz/hook/t0ken", "ADAL_WEBHOOK_SECRET": "sixteen-or-more-characters",
        ])
        let checked = try await good.run("config", "check")
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.contains("postgres://adal:****@db.example.kz:5432/adal?sslmode=require"), "\(checked.stdout)")
        #expect(checked.stdout.contains("file \(secret)"))
        #expect(checked.stdout.contains("smtp://mailer:****@mail.example.kz:587"))
        #expect(checked.stdout.contains("https://sms.example.kz/****"))
        // Every other command reads the file's value as the setting.
        let url = try await good.run("db", "url")
        #expect(url.stdout.contains("@db.example.kz:5432/adal") && !url.stdout.contains("s3cret"), "\(url.stdout) \(url.stderr)")
        for leaked in ["s3cret-Pa55", "m41l-pw", "t0ken", "sixteen-or-more"] {
            #expect(!checked.stdout.contains(leaked) && !checked.stderr.contains(leaked), "\(leaked) was shown")
        }

        let bad = CLI(databaseURL: "", home: folder + "/home", environment: [
            "ADAL_API_DATABASE_URL_FILE": folder + "/missing", "ADAL_HTTP_PORT": "http", "ADAL_MAIL_FROM": "nobody",
            "ADAL_WORKER_LEASE": "0", "ADAL_SMTP_URL": "", "ADAL_TEMPLATES_DIR": folder + "/none",
        ])
        let refused = try await bad.run("config", "check", "--format", "json")
        #expect(refused.status == 1)
        let problems = refused.stderr.split(separator: "\n").map(String.init)
        for setting in ["DATABASE_URL:", "ADAL_API_DATABASE_URL_FILE:", "ADAL_HTTP_PORT:", "ADAL_MAIL_FROM:", "ADAL_WORKER_LEASE:",
                        "ADAL_SMTP_URL:", "ADAL_TEMPLATES_DIR:"] {
            #expect(problems.contains { $0.hasPrefix("adal: config: \(setting)") }, "\(setting) not named in \(problems)")
        }
        let rows = try JSONSerialization.jsonObject(with: Data(refused.stdout.utf8)) as? [[String: Any]]
        #expect(rows?.contains { $0["setting"] as? String == "ADAL_HTTP_PORT" && $0["value"] as? String == "http" } == true)
        let onlyAPI = try await bad.run("config", "check", "--role", "api")
        #expect(!onlyAPI.stderr.contains("ADAL_SMTP_URL"), "the API does not need a mail server")
        #expect(onlyAPI.stderr.contains("ADAL_API_DATABASE_URL: is not set, nor is DATABASE_URL"), "\(onlyAPI.stderr)")
        // The API's own URL is all it needs of databases.
        let api = CLI(databaseURL: "", home: folder + "/home",
                      environment: ["ADAL_API_DATABASE_URL": "postgres://adal_api:pw@db.example.kz/adal?sslmode=require"])
        let apiOnly = try await api.run("config", "check", "--role", "api")
        #expect(apiOnly.status == 0, "\(apiOnly.stderr)")

        let stopped = try await bad.run("regions", "list")
        #expect(stopped.status == 1 && stopped.stderr.contains("ADAL_API_DATABASE_URL_FILE: cannot read"), "\(stopped.stderr)")
    }

    @Test("an owner's role that row-level security binds is refused, naming BYPASSRLS; with it, migrate and seed work")
    func ownerRoleMustBypassRowSecurity() async throws {
        try await TestDatabase.withTarget(migrated: false) { target in
            guard case let .socket(path) = target.endpoint, let port = Int(path.split(separator: ".").last ?? "") else { return }
            let role = "adal_owner_" + UUID().uuidString.prefix(8).lowercased()
            func admin(_ sql: String) async throws {
                try await Database.with(target, maximumConnections: 1, logger: TestDatabase.logger) { database in
                    try await database.withConnection { connection in
                        _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: TestDatabase.logger).collect()
                    }
                }
            }
            try await admin("CREATE ROLE \(role) LOGIN CREATEROLE PASSWORD 'owner-pw'")
            try await admin("ALTER DATABASE \(target.database) OWNER TO \(role)")
            try await admin("GRANT ALL ON SCHEMA public TO \(role)")
            let owner = DatabaseTarget(endpoint: .tcp(host: "127.0.0.1", port: port), username: role, password: "owner-pw",
                                       database: target.database, tls: .disable)
            let cli = CLI(databaseURL: owner.url(includingPassword: true), home: NSTemporaryDirectory() + "adal-\(UUID().uuidString)")
            let refused = try await cli.run("db", "migrate")
            #expect(refused.status == 1 && refused.stderr.contains("BYPASSRLS"), "\(refused.stdout) \(refused.stderr)")
            try await admin("ALTER ROLE \(role) BYPASSRLS")
            let migrated = try await cli.run("db", "migrate")
            #expect(migrated.status == 0, "\(migrated.stderr)")
            #expect(try await cli.run("db", "seed").status == 0)
            #expect(try await cli.run("regions", "list").stdout.contains("KZ-35"))
            try await admin("ALTER DATABASE \(target.database) OWNER TO CURRENT_USER")
            try await admin("REASSIGN OWNED BY \(role) TO CURRENT_USER")
            try await admin("DROP OWNED BY \(role)")
            try await admin("DROP ROLE \(role)")
        }
    }

    @Test("adal db migrate gives adal_api the password its URL carries, and adal serve's role logs in with it over TCP")
    func apiPasswordFromURL() async throws {
        try await TestDatabase.withTarget { target in
            guard case let .socket(path) = target.endpoint, let port = Int(path.split(separator: ".").last ?? "") else { return }
            let password = "api-pw-\(UUID().uuidString.prefix(8))'quote"
            let api = DatabaseTarget(endpoint: .tcp(host: "127.0.0.1", port: port), username: "adal_api", password: password,
                                     database: target.database, tls: .disable)
            let cli = CLI(databaseURL: target.url(includingPassword: true), home: NSTemporaryDirectory() + "adal-\(UUID().uuidString)",
                          environment: ["ADAL_API_DATABASE_URL": api.url(includingPassword: true)])
            let migrated = try await cli.run("db", "migrate")
            #expect(migrated.status == 0 && migrated.stdout.contains("adal_api's password set"), "\(migrated.stdout) \(migrated.stderr)")
            #expect(!migrated.stdout.contains(password) && !migrated.stderr.contains(password))
            let user = try await Database.with(api, maximumConnections: 1, logger: TestDatabase.logger) { database in
                try await database.withConnection { connection in
                    try await connection.query("SELECT current_user::text", logger: TestDatabase.logger).collect()[0].decode(String.self)
                }
            }
            #expect(user == "adal_api")
            // A wrong password is refused by the server (one connection, not a pool that would keep retrying).
            await #expect(throws: PSQLError.self) {
                let connection = try await PostgresConnection.connect(
                    configuration: .init(host: "127.0.0.1", port: port, username: "adal_api", password: "wrong",
                                         database: target.database, tls: .disable),
                    id: 1, logger: TestDatabase.logger)
                try await connection.close()
            }
        }
    }
}
