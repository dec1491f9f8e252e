import AdalCore
import AdalDomain
import AdalStore
import Foundation
import Logging
import PostgresNIO
import Synchronization

/// How a worker runs.
public struct WorkerConfiguration: Sendable {
    /// Names the worker in the queue's leases (host and process by default).
    public var name: String
    public var batchSize = 50
    /// Seconds a claimed job stays this worker's without a heartbeat.
    public var lease = 60.0
    /// Seconds between looks at an empty queue (and at the scheduler's ticks).
    public var idlePause = 1.0
    public var smtp: SMTPConfiguration
    public var webhook: WebhookConfiguration?
    public var templates: ReminderTemplates

    public init(name: String = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)",
                smtp: SMTPConfiguration, webhook: WebhookConfiguration? = nil, templates: ReminderTemplates) {
        self.name = name
        self.smtp = smtp
        self.webhook = webhook
        self.templates = templates
    }
}

/// Takes jobs from the queue and carries them out; any number of workers may share the queue.
/// A job is done only after its message was accepted: a worker that dies between the two leaves
/// the job to be taken again when its lease runs out, and the resend carries the same Message-ID.
public struct Worker: Sendable {
    let context: AdalContext
    let configuration: WorkerConfiguration
    let logger: Logger
    let composer: Composer

    public init(context: AdalContext, configuration: WorkerConfiguration, logger: Logger) {
        self.context = context
        self.configuration = configuration
        self.logger = logger
        composer = Composer(context: context, templates: configuration.templates, organizerEmail: configuration.smtp.from)
    }

    public struct Tally: Sendable {
        public var sent = 0, skipped = 0, failed = 0, planned = 0
    }

    /// Works until the task is cancelled, or with `untilIdle` until no job is ready and none is held
    /// by any worker (a dead worker's jobs are waited for until their lease runs out); a run until
    /// idle first takes the planning tick early, whatever the scheduler says — unless another worker
    /// is planning at that moment (workers started together plan once, not once each).
    @discardableResult
    public func run(untilIdle: Bool = false) async throws -> Tally {
        var tally = Tally()
        if untilIdle { tally.planned += try await runTick("plan-reminders", early: true) }
        var lastTicks = ContinuousClock.now - .seconds(60)
        // Until idle, other workers' jobs are waited for by looks that start short and double up to
        // the idle pause: the last batch of another worker usually ends in milliseconds.
        var othersPause = 0.02
        while !Task.isCancelled {
            if ContinuousClock.now - lastTicks >= .seconds(configuration.idlePause) {
                tally.planned += try await runDueTicks()
                lastTicks = ContinuousClock.now
            }
            let (claimed, batch) = try await context.database.transaction { connection in
                let claimed = try await context.jobs.claim(worker: configuration.name, limit: configuration.batchSize,
                                                           lease: configuration.lease, on: connection)
                // A job taken before may have been sent by a worker that died before settling it.
                let again = claimed.filter { $0.attempts > 1 }.map(\.id)
                guard !again.isEmpty else { return (claimed.count, claimed) }
                let settled = Set(try await context.jobs.settleAccepted(worker: configuration.name, jobs: again, on: connection))
                return (claimed.count, claimed.filter { !settled.contains($0.id) })
            }
            if claimed == 0 {
                guard untilIdle else {
                    try? await Task.sleep(for: .seconds(configuration.idlePause))
                    continue
                }
                if try await context.database.withConnection({ try await context.jobs.unfinishedNow(on: $0) }) == 0 { break }
                try? await Task.sleep(for: .seconds(othersPause))
                othersPause = min(othersPause * 2, configuration.idlePause)
                continue
            }
            othersPause = 0.02
            try await work(batch, tally: &tally)
        }
        return tally
    }

    /// The periodic work a worker knows (rows of `schedules`).
    static let schedules = ["plan-reminders", "weekly-digest", "seal-audit"]

    /// The scheduler: each periodic piece of work whose tick is due runs here, unless another
    /// worker took the tick. Returns how many reminders were planned.
    func runDueTicks() async throws -> Int {
        var planned = 0
        let due = try await context.database.withConnection {
            try await context.schedules.due(among: Self.schedules, on: $0)
        }
        for name in due {
            do {
                planned += try await runTick(name)
            } catch {
                logger.warning("scheduled work failed; its tick stays due", metadata: ["schedule": "\(name)", "error": "\(error)"])
            }
        }
        return planned
    }

    /// Runs one tick of `name` in the transaction that takes it; nothing when it is not due (and not
    /// `early`) or another worker holds it. Returns how many reminders were planned.
    func runTick(_ name: String, early: Bool = false) async throws -> Int {
        try await context.database.transaction { connection -> Int in
            guard try await context.schedules.take(name, early: early, on: connection) else { return 0 }
            let now = Date()
            let result: Int
            switch name {
            case "plan-reminders": result = try await ReminderPlanner(context: context).plan(now: now, on: connection)
            case "weekly-digest": result = try await context.reminders.planWeeklyDigests(now: now, graceHours: 24, on: connection).count
            default: result = try await context.audit.seal(wait: false, on: connection)
            }
            try await context.schedules.record(name, result: name == "seal-audit" ? "\(result) sealed" : "\(result) planned",
                                               on: connection)
            return name == "seal-audit" ? 0 : result
        }
    }

    private func work(_ batch: [JobQueue.Job], tally: inout Tally) async throws {
        let open = Mutex(Set(batch.map(\.id)))
        let heartbeat = Task { [context, configuration] in
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(configuration.lease / 3))
                let ids = open.withLock { Array($0) }
                try await context.database.withConnection { connection in
                    try await context.jobs.heartbeat(worker: configuration.name, jobs: ids, lease: configuration.lease,
                                                     on: connection)
                }
            }
        }
        defer { heartbeat.cancel() }
        let composed = try await composer.compose(batch)
        var mail: [(Notification, MailMessage)] = []
        var hooks: [Notification] = []
        for job in batch {
            switch composed[job.id] ?? .fail("not composed") {
            case .send(let notification):
                if let address = notification.recipient.email {
                    mail.append((notification, notification.mail(from: configuration.smtp, to: address)))
                } else if configuration.webhook != nil, notification.recipient.phone != nil {
                    hooks.append(notification)
                } else {
                    try await finish(job, channel: "email", recipient: "-", messageID: nil, status: "skipped",
                                     response: "no e-mail address, and no webhook for a phone number")
                    tally.skipped += 1
                    _ = open.withLock { $0.remove(job.id) }
                }
            case .skip(let reason):
                try await finish(job, channel: "email", recipient: "-", messageID: nil, status: "skipped", response: reason)
                tally.skipped += 1
                _ = open.withLock { $0.remove(job.id) }
            case .fail(let reason):
                try await retry(job, error: reason, permanent: false)
                tally.failed += 1
                _ = open.withLock { $0.remove(job.id) }
            }
        }
        if let webhook = configuration.webhook {
            let client = WebhookClient(configuration: webhook)
            for notification in hooks {
                let phone = notification.recipient.phone ?? "-"
                do {
                    let answer = try await client.send(notification)
                    try await finish(notification.job, channel: "webhook", recipient: phone, messageID: notification.messageID,
                                     status: "sent", response: answer)
                    tally.sent += 1
                } catch let refusal as WebhookError {
                    try await retry(notification.job, error: "\(refusal)", permanent: refusal.isPermanent, channel: "webhook",
                                    recipient: phone, messageID: notification.messageID)
                    tally.failed += 1
                }
                _ = open.withLock { $0.remove(notification.job.id) }
            }
        }
        guard !mail.isEmpty else { return }
        // One connection for the batch's log: every accepted message is written down on it.
        try await context.database.withConnection { log in
            var reported = 0
            var settled = ContinuousClock.now
            do {
                try await SMTPClient.withSession(configuration.smtp) { session in
                    try await session.sendAll(mail.map(\.1)) { index, result in
                        let (notification, message) = mail[index]
                        switch result {
                        case .success(let answer):
                            try await context.jobs.recordAccepted(notification.job.id, worker: configuration.name,
                                                                  regionID: notification.job.regionID, channel: "email",
                                                                  recipient: message.to, messageID: message.messageID,
                                                                  response: answer, on: log)
                            tally.sent += 1
                            // The delivery log and the jobs' states lag the server by at most a second.
                            if ContinuousClock.now - settled >= .seconds(1) {
                                try await context.jobs.settleAccepted(worker: configuration.name, on: log)
                                settled = ContinuousClock.now
                            }
                        case .failure(let refusal):
                            try await retry(notification.job, error: "\(refusal)", permanent: refusal.isPermanent, channel: "email",
                                            recipient: message.to, messageID: message.messageID)
                            tally.failed += 1
                        }
                        reported = index + 1
                        _ = open.withLock { $0.remove(notification.job.id) }
                    }
                }
            } catch where error is PSQLError || error is StoreError {
                // The log could not be written: the batch's jobs are left to their lease, as if this
                // worker had died.
                throw error
            } catch {
                // The server is down or the connection broke: what was not sent is tried again later.
                logger.warning("mail server unreachable", metadata: ["error": "\(error)"])
                for (notification, _) in mail[reported...] {
                    try await retry(notification.job, error: "mail server: \(error)", permanent: false)
                    tally.failed += 1
                }
            }
            // Should this fail, the messages stay written down as accepted, and the worker that claims
            // their jobs again once the lease runs out settles them instead of sending them.
            try await context.jobs.settleAccepted(worker: configuration.name, on: log)
        }
    }

    private func finish(_ job: JobQueue.Job, channel: String, recipient: String, messageID: String?, status: String,
                        response: String) async throws {
        _ = try await context.database.withConnection { connection in
            try await context.jobs.completeDelivered(job.id, worker: configuration.name, regionID: job.regionID, channel: channel,
                                                     recipient: recipient, messageID: messageID, status: status,
                                                     response: response, on: connection)
        }
    }

    private func retry(_ job: JobQueue.Job, error: String, permanent: Bool, channel: String = "email", recipient: String? = nil,
                       messageID: String? = nil) async throws {
        try await context.database.transaction { connection in
            if let recipient {
                try await context.jobs.recordDelivery(jobID: job.id, regionID: job.regionID, channel: channel, recipient: recipient,
                                                      messageID: messageID, status: "failed", response: error, on: connection)
            }
            try await context.jobs.fail(job.id, worker: configuration.name, error: error,
                                        retryIn: RetryPolicy.delay(afterAttempt: job.attempts), permanent: permanent,
                                        on: connection)
        }
    }
}
