import AdalCore
import AdalDomain
import ArgumentParser
import Foundation
import Logging

struct Adal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adal",
        abstract: "Case management for anti-corruption prevention offices: volunteers, events, councils, audit.",
        discussion: """
            Uses the database DATABASE_URL names, or a private PostgreSQL cluster under $ADAL_HOME (default .adal/).
            Exit codes: 0 success, 1 a refusal (the line says which field and why), 2 a usage error.
            """,
        subcommands: [DbCommand.self, ServeCommand.self, RegionsCommand.self, VolunteersCommand.self, EventsCommand.self, CertificatesCommand.self, TasksCommand.self, WorkerCommand.self, RemindersCommand.self, ReportsCommand.self, DevCommand.self,
                      CouncilsCommand.self, ApplicationsCommand.self, UsersCommand.self, PlansCommand.self, OfficesCommand.self, AuditCommand.self, ConfigCommand.self]
    )
}

/// Options every command that touches records shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: "Who acts, for the audit log (default: $ADAL_ACTOR, then cli:<login>).")
    var actor: String?

    @Flag(name: .shortAndLong, help: "Log what happens to standard error.")
    var verbose = false

    /// The environment's configuration, read and checked once for the process: a malformed setting
    /// stops every command, naming each such setting.
    var configuration: AdalConfiguration { get throws { try Self.loaded.get() } }

    static let loaded = Result { try AdalConfiguration.load() }

    var logger: Logger {
        var logger = Logger(label: "adal")
        logger.logLevel = verbose ? .info : .warning
        return logger
    }

    var actingUser: String {
        if let actor, !actor.isEmpty { return actor }
        let configuration = try? configuration
        if let actor = configuration?.actor { return actor }
        return "cli:" + (configuration?.login ?? NSUserName())
    }

    func withContext<T: Sendable>(_ body: @Sendable (AdalContext) async throws -> T) async throws -> T {
        try await AdalDatabase.withContext(try configuration, logger: logger, body)
    }

    /// `body` with `reference` resolved to a full id of `table`: a short ID (the last 8 hex digits
    /// lists print) or, for people and volunteers, a national ID; a UUID or a seed reference as given.
    func withContext<T: Sendable>(resolving reference: String, in table: Lookups.Table, field: String = "id",
                                  _ body: @Sendable @escaping (AdalContext, String) async throws -> T) async throws -> T {
        try await withContext { context in
            try await body(context, try await Lookups(context).id(reference, in: table, field: field))
        }
    }
}

struct FormatOption: ParsableArguments {
    @Option(name: .long, help: "table, json or csv.")
    var format: OutputFormat = .table
}

/// The UUID a resolved reference holds, or a refusal on `field` (a seed reference where an id is needed).
func uuid(_ text: String, field: String) throws -> UUID {
    guard let id = UUID(uuidString: text) else {
        throw ValidationFailure([FieldError(field, "'\(text)' is not an id or a short ID")])
    }
    return id
}

