import AdalCore
import AdalDomain
import AdalStore
import Foundation
import PostgresNIO
import Testing

@Suite("Migrator", .timeLimit(.minutes(3)))
struct MigratorTests {
    let migrator: Migrator

    init() throws {
        migrator = try Migrator(directory: TestDatabase.migrationsDirectory)
    }

    func appliedVersions(_ database: Database) async throws -> [Int] {
        try await database.withConnection { connection in
            try await connection.query("SELECT version FROM schema_migrations ORDER BY version", logger: database.logger)
                .collect().map { try $0.decode(Int.self) }
        }
    }

    @Test("a fresh database gets every file once; a second run applies nothing")
    func freshThenAgain() async throws {
        try await TestDatabase.withTarget(migrated: false) { target in
            try await Database.with(target, logger: TestDatabase.logger) { database in
                let dryRun = try await migrator.migrate(database, dryRun: true)
                #expect(dryRun.pending.count == migrator.files.count)
                #expect(try await migrator.plan(database).applied.isEmpty)

                let first = try await migrator.migrate(database)
                let second = try await migrator.migrate(database)

                #expect(first.pending.map(\.version) == migrator.files.map(\.version))
                #expect(second.pending.isEmpty)
                #expect(try await appliedVersions(database) == migrator.files.map(\.version))
                try await migrator.requireUpToDate(database)
            }
        }
    }

    @Test("a changed applied file stops migrate, and other commands refuse pending migrations")
    func changedAndPending() async throws {
        try await TestDatabase.withTarget(migrated: false) { target in
            try await Database.with(target, logger: TestDatabase.logger) { database in
                await #expect(throws: PendingMigrations.self) { try await migrator.requireUpToDate(database) }
                _ = try await migrator.migrate(database)

                var edited = migrator.files
                edited[0] = MigrationFile(version: edited[0].version, name: edited[0].name, sql: edited[0].sql + "\n-- edited\n")
                await #expect(throws: MigrationProblem.changed(version: edited[0].version, name: edited[0].name)) {
                    try await Migrator(files: edited).migrate(database)
                }
                await #expect(throws: MigrationProblem.self) { try await Migrator(files: []).migrate(database) }

                let next = MigrationFile(version: 9999, name: "later", sql: "CREATE TABLE later (id int);")
                await #expect(throws: PendingMigrations.self) {
                    try await Migrator(files: migrator.files + [next]).requireUpToDate(database)
                }
            }
        }
    }

    @Test("four migrators started at once apply each file once")
    func concurrent() async throws {
        try await TestDatabase.withTarget(migrated: false) { target in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await Database.with(target, maximumConnections: 1, logger: TestDatabase.logger) { database in
                            try await migrator.migrate(database).pending.count
                        }
                    }
                }
                var applied: [Int] = []
                for try await count in group { applied.append(count) }
                #expect(applied.reduce(0, +) == migrator.files.count)
            }
            let versions = try await Database.with(target, logger: TestDatabase.logger) { database in
                try await appliedVersions(database)
            }
            #expect(versions == migrator.files.map(\.version))
        }
    }

    @Test("a failing migration leaves nothing behind")
    func failingMigrationRollsBack() async throws {
        try await TestDatabase.withTarget(migrated: false) { target in
            try await Database.with(target, logger: TestDatabase.logger) { database in
                let broken = MigrationFile(version: 9999, name: "broken", sql: "CREATE TABLE half (id int); SELECT no_such_function();")
                await #expect(throws: StoreError.self) { try await Migrator(files: migrator.files + [broken]).migrate(database) }
                #expect(try await migrator.plan(database).applied.isEmpty)
                let half = try await database.withConnection { connection in
                    try await connection.query("SELECT to_regclass('half') IS NULL", logger: database.logger).collect().first!.decode(Bool.self)
                }
                #expect(half)
            }
        }
    }
}

@Suite("Connection pool under failing queries", .timeLimit(.minutes(3)))
struct PoolTests {
    /// postgres-nio 1.33.2 loses a pooled connection when `PostgresClient.query` fails before its
    /// rows are read. Adal runs every query on a leased connection; this fires many conflicting
    /// writes at a small pool and checks it still serves normal queries afterwards.
    @Test("many conflicting inserts at once, then normal queries still run")
    func conflictsDoNotDrainThePool() async throws {
        try await TestDatabase.withTarget { target in
            try await Database.with(target, maximumConnections: 4, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                let failures = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for _ in 0..<200 {
                        group.addTask {
                            do {
                                try await database.withConnection { connection in
                                    _ = try await connection.query("INSERT INTO regions (code, level, country, time_zone, names, search_key) VALUES ('KZ', 'country', 'KZ', 'Asia/Almaty', '{\"en\":\"x\"}', 'x')", logger: database.logger).collect()
                                }
                                return false
                            } catch let error as StoreError {
                                return error.isUniqueViolation
                            }
                        }
                    }
                    var count = 0
                    for try await failed in group where failed { count += 1 }
                    return count
                }
                #expect(failures == 200)

                let registrations = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for _ in 0..<50 {
                        group.addTask {
                            do {
                                _ = try await Volunteers(context).register(kazakhForm(), actor: "race")
                                return true
                            } catch is AdalError {
                                return false
                            }
                        }
                    }
                    var successes = 0
                    for try await success in group where success { successes += 1 }
                    return successes
                }
                #expect(registrations == 1)

                for _ in 0..<100 {
                    #expect(try await Directory(context).regions(country: .kz).count >= 3)
                }
            }
        }
    }
}
