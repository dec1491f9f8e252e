@testable import AdalCore
import AdalDomain
import AdalStore
import Foundation
import PostgresNIO
import Testing

/// Runs the built `adal` binary the way an operator does and checks what it prints and its exit code.
struct CLI {
    let databaseURL: String
    /// `ADAL_HOME` for the run: with `DATABASE_URL` set, nothing may appear there.
    let home: String
    /// More environment for the run (e.g. ADAL_SMTP_URL).
    var environment: [String: String] = [:]

    static var binary: String {
        if let explicit = ProcessInfo.processInfo.environment["ADAL_BIN"], !explicit.isEmpty { return explicit }
        // The adal built with these tests (debug or release) sits beside their test bundle.
        let beside = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("adal").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return TestDatabase.packageRoot.appendingPathComponent(".build/debug/adal").path
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    func run(_ arguments: String...) async throws -> Result { try await run(arguments) }

    func run(_ arguments: [String]) async throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw ClusterError("no adal binary at \(Self.binary); run `swift build` first (make test does)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = databaseURL
        environment["ADAL_HOME"] = home
        environment["ADAL_ACTOR"] = "cli-test"
        environment["ADAL_MIGRATIONS_DIR"] = TestDatabase.migrationsDirectory
        environment["ADAL_SEEDS_DIR"] = TestDatabase.seedsDirectory
        environment["ADAL_AUDIT_KEY_FILE"] = TestDatabase.auditKeyFile
        environment.merge(self.environment) { $1 }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        // Read both pipes while the process runs (so a full pipe never blocks it), off Swift's threads.
        let (stdout, stderr) = try await offload { () throws -> (Data, Data) in
            try process.run()
            let reading = DispatchGroup()
            let stdout = Unchecked(value: NSMutableData())
            reading.enter()
            Thread {
                stdout.value.append(out.fileHandleForReading.readDataToEndOfFile())
                reading.leave()
            }.start()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            reading.wait()
            process.waitUntilExit()
            return (stdout.value as Data, stderr)
        }
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}

@Suite("The adal CLI, end to end", .timeLimit(.minutes(5)))
struct CLITests {
    func withCLI(_ body: @Sendable (CLI, AdalContext) async throws -> Void) async throws {
        try await TestDatabase.withTarget(migrated: false) { target in
            let home = FileManager.default.temporaryDirectory.appendingPathComponent("adal-cli-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: home) }
            let cli = CLI(databaseURL: target.url(includingPassword: true), home: home)
            try await Database.with(target, logger: TestDatabase.logger) { database in
                try await body(cli, AdalContext(database: database))
            }
        }
    }

    func jsonArray(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test("migrate, seed, list; DATABASE_URL is used and no embedded cluster is made")
    func setUpAndList() async throws {
        try await withCLI { cli, _ in
            let pending = try await cli.run("volunteers", "list")
            #expect(pending.status == 1)
            #expect(pending.stderr.contains("adal db migrate"))

            let dryRun = try await cli.run("db", "migrate", "--dry-run")
            #expect(dryRun.stdout.contains("would apply 0001_foundation.sql"))
            #expect(try await cli.run("db", "migrate").status == 0)
            #expect(try await cli.run("db", "status").stdout.contains("applied"))
            #expect(try await cli.run("db", "seed").status == 0)
            let again = try await cli.run("db", "seed", "--format", "json")
            let added = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Int])
            #expect(added["events"] == 0)
            #expect(added.values.reduce(0, +) == 0)

            let url = try await cli.run("db", "url")
            #expect(url.stdout.contains(try DatabaseTarget(url: cli.databaseURL).database))
            #expect(!FileManager.default.fileExists(atPath: cli.home + "/pgdata"))

            let regions = try await cli.run("regions", "list", "--format", "csv")
            #expect(regions.stdout.contains("KZ-35,"))
            #expect(regions.stdout.contains("KZ-KAR"))
            let events = try jsonArray(try await cli.run("events", "list", "--format", "json").stdout)
            #expect(events.count == 5)
            let councils = try await cli.run("councils", "show", "KAR-COMM")
            #expect(councils.stdout.contains("Ермағанбет Бөлекпаев"))
        }
    }

    @Test("add refuses a wrong check digit with exit 1 and stores nothing; a valid one is stored and audited")
    func addVolunteer() async throws {
        try await withCLI { cli, context in
            _ = try await cli.run("db", "migrate")
            _ = try await cli.run("db", "seed")
            let before = try jsonArray(try await cli.run("volunteers", "list", "--format", "json").stdout).count

            let refused = try await cli.run("volunteers", "add", "--last-name", "Қалымбет", "--first-name", "Мөлдір",
                                            "--national-id", "880101400018", "--country", "KZ", "--region", "KZ-43",
                                            "--areas", "awareness", "--consent", "v1")
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("national_id"))
            #expect(refused.stderr.split(separator: "\n").count == 1)
            #expect(try jsonArray(try await cli.run("volunteers", "list", "--format", "json").stdout).count == before)

            let added = try await cli.run("volunteers", "add", "--last-name", "Қалымбет", "--first-name", "Мөлдір",
                                          "--national-id", "880101400017", "--country", "KZ", "--region", "KZ-KZY",
                                          "--areas", "awareness,legal_aid", "--consent", "v1", "--as", "registrar@kzy",
                                          "--format", "json")
            #expect(added.status == 0, "\(added.stderr)")
            let list = try jsonArray(try await cli.run("volunteers", "list", "--format", "json").stdout)
            #expect(list.count == before + 1)
            #expect(list.contains { $0["fullName"] as? String == "Қалымбет Мөлдір" })

            let duplicate = try await cli.run("volunteers", "add", "--last-name", "X", "--first-name", "Y",
                                              "--national-id", "880101400017", "--country", "KZ", "--region", "KZ-43",
                                              "--areas", "awareness", "--consent", "v1")
            #expect(duplicate.status == 1)
            #expect(duplicate.stderr.contains("already registered"))

            let found = try await cli.run("volunteers", "search", "kalymbet")
            #expect(found.stdout.contains("Қалымбет Мөлдір"))

            let actors = try await context.database.withConnection { connection in
                try await connection.query("SELECT actor FROM audit_entries WHERE action = 'volunteer.register'",
                                           logger: context.logger).collect().map { try $0.decode(String.self) }
            }
            #expect(actors.contains("registrar@kzy"))

            let verify = try await cli.run("audit", "verify")
            #expect(verify.status == 0, "\(verify.stderr)")
            #expect(verify.stdout.contains("intact"))

            let tampered = try await context.database.withConnection { connection in
                _ = try await connection.query("SET session_replication_role = replica", logger: context.logger).collect()
                let rows = try await connection.query("""
                    UPDATE audit_entries SET after = jsonb_set(after, '{status}', '"suspended"')
                    WHERE action = 'volunteer.register' AND actor = 'registrar@kzy' RETURNING id
                    """, logger: context.logger).collect()
                _ = try await connection.query("SET session_replication_role = origin", logger: context.logger).collect()
                return try rows.first!.decode(Int64.self)
            }
            let broken = try await cli.run("audit", "verify")
            #expect(broken.status == 1)
            #expect(broken.stderr.contains("audit entry \(tampered) "))
        }
    }

    @Test("usage errors exit 2, help exits 0")
    func usage() async throws {
        try await withCLI { cli, _ in
            let unknown = try await cli.run("volunteers", "frobnicate")
            #expect(unknown.status == 2)
            let missing = try await cli.run("volunteers", "add", "--last-name", "X")
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("--first-name"))
            let help = try await cli.run("volunteers", "add", "--help")
            #expect(help.status == 0)
            #expect(help.stdout.contains("--national-id"))
        }
    }
}

@Suite("Applications through the CLI", .timeLimit(.minutes(5)))
struct ApplicationsCLITests {
    func withSeededCLI(_ body: @Sendable (CLI, AdalContext) async throws -> Void) async throws {
        try await TestDatabase.withTarget(migrated: true) { target in
            let home = FileManager.default.temporaryDirectory.appendingPathComponent("adal-cli-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: home) }
            let cli = CLI(databaseURL: target.url(includingPassword: true), home: home)
            try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                try await seeded(context)
                try await body(cli, context)
            }
        }
    }

    @Test("list --overdue --format json follows a holiday and a transferred working day")
    func overdue() async throws {
        try await withSeededCLI { cli, context in
            try await context.database.withConnection { connection in
                _ = try await context.calendars.insertIfAbsent(country: .kz, day: CivilDate("2026-11-05")!, kind: "holiday", name: "test", on: connection)
                _ = try await context.calendars.insertIfAbsent(country: .kz, day: CivilDate("2026-11-14")!, kind: "working", name: "test", on: connection)
            }
            let imported = try await cli.run("applications", "import", "eotinish", Fixtures.path("eotinish-utf8-semicolon.csv"))
            #expect(imported.status == 0, "\(imported.stderr)")

            func overdueRefs(on day: String) async throws -> [String] {
                let result = try await cli.run("applications", "list", "--overdue", "--today", day, "--format", "json")
                #expect(result.status == 0, "\(result.stderr)")
                let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
                return rows.compactMap { $0["externalRef"] as? String }
            }
            // Received 2026-11-02 → due 2026-11-23 (holiday skipped, Saturday 11-14 counted).
            #expect(try await !overdueRefs(on: "2026-11-23").contains("ЖТ-2026-00101"))
            #expect(try await overdueRefs(on: "2026-11-24").contains("ЖТ-2026-00101"))
        }
    }

    @Test("a refused transition exits 1 and says which states allow it")
    func refusedTransition() async throws {
        try await withSeededCLI { cli, _ in
            let added = try await cli.run("applications", "add", "--last-name", "Қалымбет", "--first-name", "Мөлдір",
                                          "--national-id", "880101400017", "--region", "KZ-43", "--areas", "awareness",
                                          "--format", "json")
            #expect(added.status == 0, "\(added.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any])
            let id = try #require(object["id"] as? String)
            let accept = try await cli.run("applications", "accept", id)
            #expect(accept.status == 1)
            #expect(accept.stderr.contains("allowed from: screening"))
            #expect(try await cli.run("applications", "screen", id).status == 0)
            let accepted = try await cli.run("applications", "accept", id, "--area", "legal_aid", "--format", "json")
            #expect(accepted.status == 0, "\(accepted.stderr)")
            #expect(accepted.stdout.contains("\"status\" : \"accepted\""))
        }
    }

    @Test("two adal processes importing one file at once store each record once")
    func concurrentProcesses() async throws {
        try await withSeededCLI { cli, context in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("eotinish-\(UUID().uuidString).csv").path
            defer { try? FileManager.default.removeItem(atPath: file) }
            let generator = Process()
            generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            generator.arguments = ["python3", TestDatabase.packageRoot.appendingPathComponent("Benchmarks/generate-eotinish.py").path, "3000", file]
            try generator.run()
            try await offload { generator.waitUntilExit() }
            #expect(generator.terminationStatus == 0)

            async let first = cli.run("applications", "import", "eotinish", file, "--format", "json")
            async let second = cli.run("applications", "import", "eotinish", file, "--format", "json")
            let reports = try await [first, second].map { result -> [String: Any] in
                #expect(result.status == 0, "\(result.stderr)")
                return (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]) ?? [:]
            }
            #expect(try await count("applications", in: context) == 3000)
            let new = reports.compactMap { $0["new"] as? Int }.reduce(0, +)
            let present = reports.compactMap { $0["alreadyPresent"] as? Int }.reduce(0, +)
            #expect(new == 3000)
            #expect(present == 3000)
        }
    }

    @Test("an import killed half way and run again ends with every record exactly once")
    func killedImport() async throws {
        // Three batches of 2,000. The test's database holds the second batch at a lock the test
        // owns, so the import is killed exactly while its first batch is stored and its second is
        // not: no timing decides where it stops.
        let records = 6_000, batch = 2_000
        try await withSeededCLI { cli, context in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("eotinish-\(UUID().uuidString).csv").path
            defer { try? FileManager.default.removeItem(atPath: file) }
            let generator = Process()
            generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            generator.arguments = ["python3", TestDatabase.packageRoot.appendingPathComponent("Benchmarks/generate-eotinish.py").path, "\(records)", file]
            try generator.run()
            try await offload { generator.waitUntilExit() }
            #expect(generator.terminationStatus == 0)
            let before = try await count("applications", in: context)

            func run(_ sql: String, on connection: PostgresConnection) async throws {
                _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: TestDatabase.logger).collect()
            }
            try await context.database.withConnection { connection in
                try await run("""
                    CREATE FUNCTION test_hold_second_batch() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF (SELECT count(*) FROM applications) > \(before + batch) THEN PERFORM pg_advisory_xact_lock_shared(4242); END IF;
                        RETURN NULL;
                    END $$
                    """, on: connection)
                try await run("""
                    CREATE TRIGGER hold_second_batch AFTER INSERT ON applications
                    FOR EACH STATEMENT EXECUTE FUNCTION test_hold_second_batch()
                    """, on: connection)
            }
            let afterKill: Int = try await context.database.withConnection { holder in
                try await run("SELECT pg_advisory_lock(4242)", on: holder)
                let process = Process()
                process.executableURL = URL(fileURLWithPath: CLI.binary)
                process.arguments = ["applications", "import", "eotinish", file]
                var environment = ProcessInfo.processInfo.environment
                environment["DATABASE_URL"] = cli.databaseURL
                environment["ADAL_MIGRATIONS_DIR"] = TestDatabase.migrationsDirectory
                process.environment = environment
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                // The second batch waits at the lock once the first is committed.
                var waiting = false
                for _ in 0..<1200 where process.isRunning {
                    waiting = try await holder.query("""
                        SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242 AND NOT granted
                        """, logger: TestDatabase.logger).collect()[0].decode(Int.self) > 0
                    if waiting { break }
                    try await Task.sleep(for: .milliseconds(50))
                }
                #expect(waiting, "the import never reached its second batch")
                kill(process.processIdentifier, SIGKILL)
                try await offload { process.waitUntilExit() }
                try await run("SELECT pg_advisory_unlock(4242)", on: holder)
                // Waits for the killed import's transaction to end, and lets the rerun through.
                try await run("DROP TRIGGER hold_second_batch ON applications", on: holder)
                return try await count("applications", in: context)
            }
            #expect(afterKill == before + batch, "after the kill: \(afterKill - before) stored of \(records)")

            let rerun = try await cli.run("applications", "import", "eotinish", file, "--format", "json")
            #expect(rerun.status == 0, "\(rerun.stderr)")
            #expect(try await count("applications", in: context) == before + records)
            #expect(try await count("(SELECT external_ref FROM applications GROUP BY external_ref HAVING count(*) > 1) AS twice", in: context) == 0)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(rerun.stdout.utf8)) as? [String: Any])
            #expect(report["alreadyPresent"] as? Int == batch)
            #expect(report["new"] as? Int == records - batch)
            // The killed run is found dead by the next one and finished as interrupted, audited.
            #expect(try await count("import_runs WHERE state = 'interrupted' AND finished_at IS NOT NULL AND new_count = 0", in: context) == 1)
            #expect(try await count("import_runs WHERE state = 'finished'", in: context) == 1)
            #expect(try await count("audit_entries WHERE action = 'import.interrupted'", in: context) == 1)
        }
    }
}
