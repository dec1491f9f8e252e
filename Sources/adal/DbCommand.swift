import AdalCore
import AdalDomain
import AdalStore
import ArgumentParser
import Foundation

struct DbCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "The database: start, stop, migrate, seed, status, backup, restore.",
        subcommands: [Start.self, Stop.self, URLCommand.self, Migrate.self, Status.self, Seed.self, Backup.self, Restore.self])

    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the whole database to a file (pg_dump, custom format), from one snapshot, while writes go on.")
        @OptionGroup var common: CommonOptions
        @Option(help: "The file to write (must not exist).") var out: String

        func run() async throws {
            let written = try await Backups(configuration: common.configuration, logger: common.logger)
                .backup(to: out, actor: common.actingUser)
            print(String(format: "backup written: %@, %d bytes in %.1f s", written.file, written.bytes, written.seconds))
        }
    }

    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a backup into the database, in one transaction.",
            discussion: "Refuses a database that already holds tables unless --replace is given. Then run adal audit verify.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "A file adal db backup wrote.") var file: String
        @Flag(help: "Drop what the backup holds from the database first.") var replace = false

        func run() async throws {
            try await Backups(configuration: common.configuration, logger: common.logger)
                .restore(from: file, replace: replace, actor: common.actingUser)
            print("restored \(file)\(replace ? " over the database's contents" : "")")
        }
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create and start the embedded database (no-op with DATABASE_URL).")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let configuration = try common.configuration
            if configuration.databaseURL != nil {
                print("DATABASE_URL is set; nothing to start")
                return
            }
            let target = try await AdalDatabase.target(configuration, logger: common.logger)
            print("embedded database running: \(target.redactedURL)")
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the embedded database.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let configuration = try common.configuration
            guard configuration.databaseURL == nil else {
                print("DATABASE_URL is set; the embedded database is not used")
                return
            }
            let cluster = try EmbeddedCluster(home: configuration.home, binaries: configuration.postgresBinaries)
            let wasRunning = cluster.isRunning()
            try cluster.stop()
            print(wasRunning ? "embedded database stopped" : "embedded database was not running")
        }
    }

    struct URLCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "url", abstract: "Print the database URL in use (without password).")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let configuration = try common.configuration
            if let url = configuration.databaseURL {
                print(try DatabaseTarget(url: url).redactedURL)
            } else {
                print(try await AdalDatabase.target(configuration, logger: common.logger).redactedURL)
            }
        }
    }

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply pending migrations from Database/migrations.",
            discussion: "When ADAL_API_DATABASE_URL names adal_api with a password, adal_api is given that password.")
        @OptionGroup var common: CommonOptions
        @Flag(help: "List what would be applied, change nothing.") var dryRun = false

        func run() async throws {
            let (plan, passwordSet) = try await AdalDatabase.migrate(try common.configuration, dryRun: dryRun,
                                                                     actor: common.actingUser, logger: common.logger)
            if passwordSet { print("adal_api's password set from ADAL_API_DATABASE_URL") }
            for file in plan.pending {
                print("\(dryRun ? "would apply" : "applied") \(String(format: "%04d", file.version))_\(file.name).sql")
            }
            print(plan.pending.isEmpty ? "database is up to date (\(plan.applied.count) applied)"
                  : "\(plan.pending.count) migration(s) \(dryRun ? "pending" : "applied")")
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List applied and pending migrations.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption

        struct Row: Encodable {
            let version: Int, name: String, state: String, appliedAt: String?, checksum: String
        }

        func run() async throws {
            let configuration = try common.configuration
            let target = try await AdalDatabase.target(configuration, logger: common.logger)
            let migrator = try AdalDatabase.migrator(configuration)
            let plan = try await Database.with(target, maximumConnections: 1, logger: common.logger) { database in
                try await migrator.plan(database)
            }
            let rows = plan.applied.map { Row(version: $0.version, name: $0.name, state: "applied", appliedAt: $0.appliedAt, checksum: $0.checksum) }
                + plan.pending.map { Row(version: $0.version, name: $0.name, state: "pending", appliedAt: nil, checksum: $0.checksum) }
            Output.print(rows, format: output.format) {
                Table(columns: ["version", "name", "state", "applied at"],
                      rows: rows.map { [String(format: "%04d", $0.version), $0.name, $0.state, $0.appliedAt ?? ""] })
            }
        }
    }

    struct Seed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Load seeds/ (reference world and demo volunteers); running it again adds nothing.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            guard let directory = try common.configuration.seedsDirectory else {
                throw AdalError.configuration("no seeds folder found; set ADAL_SEEDS_DIR")
            }
            let world = try Seeding.read(directory: directory)
            let actor = common.actingUser
            let counts = try await common.withContext { context in
                try await Seeding(context).load(world, actor: actor)
            }
            Output.print(counts, format: output.format) {
                let mirror = Mirror(reflecting: counts)
                return Table(columns: ["record", "added"],
                             rows: mirror.children.map { [$0.label ?? "", "\($0.value)"] } + [["total", "\(counts.total)"]])
            }
        }
    }
}
