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
        discussion: "Any number of workers on any number of machines share one queue. SIGTERM or SIGINT stops it after the message in hand, giving the batch's other jobs back to the queue; it is gone within 10 s, at once on a second signal.")
    @OptionGroup var common: CommonOptions
    @Flag(help: "Stop when no job is ready (for scripts and tests).") var untilIdle = false
    @Option(help: "Jobs claimed at once.") var batch: Int = 50

    /// The worker's settings from the configuration's mail part: ADAL_SMTP_URL (required),
    /// ADAL_SMTP_CA_FILE, ADAL_MAIL_FROM, ADAL_MAIL_FROM_NAME, ADAL_WEBHOOK_URL and
    /// ADAL_WEBHOOK_SECRET, ADAL_TEMPLATES_DIR, ADAL_WORKER_LEASE.
    static func settings(batch: Int, configuration: AdalConfiguration) async throws -> WorkerConfiguration {
        let mail = configuration.mail
        guard let url = mail.smtpURL else {
            throw AdalError.configuration("ADAL_SMTP_URL is not set (smtp://[user:password@]host[:port][?starttls=required] or smtps://…)")
        }
        var smtp = try SMTPConfiguration(url: url, from: mail.from, fromName: mail.fromName)
        smtp.helo = ProcessInfo.processInfo.hostName
        smtp.trustedCertificates = mail.smtpCAFile
        let webhook = try mail.webhookURL.map { try WebhookConfiguration(url: $0, secret: mail.webhookSecret) }
        let templates = try await ReminderTemplates(overrides: mail.templatesDirectory)
        var worker = WorkerConfiguration(smtp: smtp, webhook: webhook, templates: templates)
        worker.batchSize = max(1, batch)
        worker.lease = mail.lease
        worker.idlePause = min(1, mail.lease / 4)
        return worker
    }

    func run() async throws {
        let configuration = try await Self.settings(batch: batch, configuration: try common.configuration)
        let (untilIdle, logger, settings) = (self.untilIdle, common.logger, configuration)
        try await common.withContext { context in
            let worker = Worker(context: context, configuration: settings, logger: logger)
            if untilIdle {
                let tally = try await worker.run(untilIdle: true)
                print("sent \(tally.sent), skipped \(tally.skipped), failed \(tally.failed), planned \(tally.planned)")
                return
            }
            let service = WorkerService(worker: worker)
            StopDeadline.install("adal worker")
            let group = ServiceGroup(configuration: .init(services: [service], gracefulShutdownSignals: [.sigterm, .sigint],
                                                          logger: logger))
            try await group.run()
        }
    }
}

/// The worker as a service: a graceful shutdown lets the message in hand be sent and settled, and
/// gives the batch's other jobs back to the queue.
struct WorkerService: Service {
    let worker: Worker

    func run() async throws {
        try await withGracefulShutdownHandler {
            _ = try await worker.run()
        } onGracefulShutdown: {
            worker.requestStop()
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
            let actor = common.actingUser
            let count = try await common.withContext { context in
                try await Reminders(context).plan(now: Date(), actor: actor)
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
                try await Reminders(context).counts()
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
            let (status, limit) = (self.status, self.limit)
            let jobs = try await common.withContext { context in
                try await Reminders(context).list(state: status, limit: limit)
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
            let (id, actor) = (self.id, common.actingUser)
            try await common.withContext { context in try await Reminders(context).retry(id, actor: actor) }
            print("job \(id) queued again")
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw a queued job.")
        @OptionGroup var common: CommonOptions
        @Argument var id: Int64

        func run() async throws {
            let (id, actor) = (self.id, common.actingUser)
            try await common.withContext { context in try await Reminders(context).cancel(id, actor: actor) }
            print("job \(id) cancelled")
        }
    }
}
