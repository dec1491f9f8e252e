import AdalAPI
import AdalCore
import AdalJobs
import AdalWeb
import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API (/v1) and the staff's web console (/) on ADAL_HTTP_HOST:ADAL_HTTP_PORT (default 127.0.0.1:8080).",
        discussion: "Connects as the database role adal_api (ADAL_API_DATABASE_URL), which row-level security binds. Refuses to start while migrations are pending, or when that role is a superuser, has BYPASSRLS or owns the tables. SIGTERM or SIGINT stops it: requests in flight finish (at most 8 s), then the database pool closes; it is gone within 10 s, at once on a second signal.")
    @OptionGroup var common: CommonOptions
    @Flag(help: "Also run the worker in this process (one small office on one server); needs ADAL_SMTP_URL.")
    var withWorker = false

    func run() async throws {
        let configuration = try common.configuration
        let api = configuration.http
        var logger = Logger(label: "adal.api")
        logger.logLevel = common.verbose ? .info : .notice
        let serviceLogger = logger
        let migrator = try AdalDatabase.migrator(configuration)
        let worker = withWorker ? try await WorkerCommand.settings(batch: 50, configuration: configuration) : nil
        let commonLogger = common.logger
        StopDeadline.install("adal serve")
        @Sendable func serve(_ extra: [any Service]) async throws {
            try await AdalDatabase.withAPIContext(configuration, logger: commonLogger) { context in
                let router = buildRouter(context: context, migrator: migrator, configuration: api, logger: serviceLogger)
                try WebConsole(context: context, configuration: api, logger: serviceLogger).add(to: router)
                let server = buildHTTPServer(router: router, configuration: api, logger: serviceLogger)
                var group = ServiceGroupConfiguration(services: [server] + extra, gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: serviceLogger)
                group.maximumGracefulShutdownDuration = .seconds(8)
                try await ServiceGroup(configuration: group).run()
            }
        }
        guard let worker else { return try await serve([]) }
        // The worker runs jobs of every region: it uses the owner's connection, not the API's role.
        try await AdalDatabase.withContext(configuration, logger: commonLogger, maximumConnections: 4) { owner in
            try await serve([WorkerService(worker: Worker(context: owner, configuration: worker, logger: commonLogger))])
        }
    }
}
