import AdalCore
import AdalDomain
import AdalJobs
import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle

struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run scheduled jobs: plan reminders, send them over SMTP (ADAL_SMTP_URL, ADAL_MAIL_FROM).",
        discussion: "Any number of workers on any number of machines share one queue. SIGTERM or SIGINT stops it after the batch in hand.")
    @OptionGroup var common: CommonOptions
    @Flag(help: "Stop when no job is ready (for scripts and tests).") var untilIdle = false
    @Option(help: "Jobs claimed at once.") var batch: Int = 50

    /// The worker's settings from the environment: ADAL_SMTP_URL (required), ADAL_SMTP_CA_FILE,
    /// ADAL_MAIL_FROM, ADAL_MAIL_FROM_NAME, ADAL_WEBHOOK_URL and ADAL_WEBHOOK_SECRET,
    /// ADAL_TEMPLATES_DIR, ADAL_WORKER_LEASE.
    static func settings(batch: Int, environment: [String: String] = ProcessInfo.processInfo.environment) async throws
        -> WorkerConfiguration {
        let environment = environment.filter { !$0.value.isEmpty }
        guard let url = environment["ADAL_SMTP_URL"] else {
            throw AdalError.configuration("ADAL_SMTP_URL is not set (smtp://[user:password@]host[:port][?starttls=required] or smtps://…)")
        }
        var smtp = try SMTPConfiguration(url: url, from: environment["ADAL_MAIL_FROM"] ?? "adal@localhost",
                                         fromName: environment["ADAL_MAIL_FROM_NAME"])
        smtp.helo = ProcessInfo.processInfo.hostName
        smtp.trustedCertificates = environment["ADAL_SMTP_CA_FILE"]
        let webhook = try environment["ADAL_WEBHOOK_URL"].map { try WebhookConfiguration(url: $0, secret: environment["ADAL_WEBHOOK_SECRET"]) }
        let templates = try await ReminderTemplates(overrides: environment["ADAL_TEMPLATES_DIR"])
        var configuration = WorkerConfiguration(smtp: smtp, webhook: webhook, templates: templates)
        configuration.batchSize = max(1, batch)
        if let text = environment["ADAL_WORKER_LEASE"], !text.isEmpty {
            guard let lease = Double(text), lease >= 1, lease <= 3600 else {
                throw AdalError.configuration("ADAL_WORKER_LEASE: '\(text)' is not a number of seconds from 1 to 3600")
            }
            configuration.lease = lease
            configuration.idlePause = min(1, lease / 4)
        }
        return configuration
    }

    func run() async throws {
        let configuration = try await Self.settings(batch: batch)
        let (untilIdle, logger, settings) = (self.untilIdle, common.logger, configuration)
        try await common.withContext { context in
            let worker = Worker(context: context, configuration: settings, logger: logger)
            if untilIdle {
                let tally = try await worker.run(untilIdle: true)
                print("sent \(tally.sent), skipped \(tally.skipped), failed \(tally.failed), planned \(tally.planned)")
                return
            }
            let service = WorkerService(worker: worker)
            let group = ServiceGroup(configuration: .init(services: [service], gracefulShutdownSignals: [.sigterm, .sigint],
                                                          logger: logger))
            try await group.run()
        }
    }
}

/// The worker as a service: a graceful shutdown cancels its loop between jobs.
struct WorkerService: Service {
    let worker: Worker

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            _ = try await worker.run()
        }
    }
}

struct RemindersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reminders", abstract: "The reminders queue.",
                                                    subcommands: [Plan.self, Status.self, List.self, Show.self, Preview.self, Retry.self, Cancel.self,
                                                                  Offsets.self, Schedules.self])

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Plan the reminders now due (the worker does it every minute).")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let count = try await common.withContext { context in
                try await ReminderPlanner(context: context).plan(now: Date())
            }
            print("\(count) reminder(s) planned")
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "How many jobs are queued, running, done, dead or cancelled.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let counts = try await common.withContext { context in
                try await context.database.withConnection { try await context.jobs.counts(on: $0) }
            }
            Output.print(counts, format: output.format) {
                Table(columns: ["state", "jobs"], rows: ["queued", "running", "done", "dead", "cancelled"].map { [$0, "\(counts[$0] ?? 0)"] })
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reminders and other jobs, latest first, with their last delivery.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Option(help: "queued, running, done, dead or cancelled.") var status: String?
        @Option var limit: Int = 100

        func run() async throws {
            if let status, !["queued", "running", "done", "dead", "cancelled"].contains(status) {
                throw ValidationFailure([FieldError("status", "'\(status)' is not one of: queued, running, done, dead, cancelled")])
            }
            let (status, limit) = (self.status, self.limit)
            let jobs = try await common.withContext { context in
                try await context.database.withConnection { try await context.jobs.list(state: status, limit: limit, on: $0) }
            }
            Output.print(jobs, format: output.format) {
                Table(columns: ["id", "kind", "state", "run at", "attempts", "recipient", "last answer"], rows: jobs.map {
                    ["\($0.id)", $0.kind, $0.state, ISO8601DateFormatter().string(from: $0.runAt), "\($0.attempts)",
                     $0.recipient ?? "", $0.lastError ?? $0.lastResponse ?? ""]
                })
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Queue a dead or cancelled job again, with fresh attempts.")
        @OptionGroup var common: CommonOptions
        @Argument var id: Int64

        func run() async throws {
            let id = self.id
            let done = try await common.withContext { context in
                try await context.database.transaction { try await context.jobs.retry(id, on: $0) }
            }
            guard done else { throw ValidationFailure([FieldError("id", "job \(id) is not dead or cancelled")]) }
            print("job \(id) queued again")
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw a queued job.")
        @OptionGroup var common: CommonOptions
        @Argument var id: Int64

        func run() async throws {
            let id = self.id
            let done = try await common.withContext { context in
                try await context.database.transaction { try await context.jobs.cancel(id, on: $0) }
            }
            guard done else { throw ValidationFailure([FieldError("id", "job \(id) is not queued")]) }
            print("job \(id) cancelled")
        }
    }
}
