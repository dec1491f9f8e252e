import AdalCore
import AdalDomain
import Foundation
import Logging
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
    let queue: ReminderDelivery
    let configuration: WorkerConfiguration
    let logger: Logger
    let composer: Composer
    let stop: StopRequest

    public init(context: AdalContext, configuration: WorkerConfiguration, logger: Logger) {
        queue = ReminderDelivery(context, worker: configuration.name)
        stop = StopRequest()
        self.configuration = configuration
        self.logger = logger
        composer = Composer(queue: queue, templates: configuration.templates, organizerEmail: configuration.smtp.from)
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
        while !Task.isCancelled && !stop.isRequested {
            if ContinuousClock.now - lastTicks >= .seconds(configuration.idlePause) {
                tally.planned += try await runDueTicks()
                lastTicks = ContinuousClock.now
            }
            // A job taken before may have been sent by a worker that died before settling it.
            let (claimed, batch) = try await queue.claim(limit: configuration.batchSize, lease: configuration.lease)
            if claimed == 0 {
                guard untilIdle else {
                    try? await stop.sleep(for: .seconds(configuration.idlePause))
                    continue
                }
                if try await queue.unfinishedNow() == 0 { break }
                try? await Task.sleep(for: .seconds(othersPause))
                othersPause = min(othersPause * 2, configuration.idlePause)
                continue
            }
            othersPause = 0.02
            try await work(batch, tally: &tally)
        }
        return tally
    }

    /// The scheduler: each periodic piece of work whose tick is due runs here, unless another
    /// worker took the tick. Returns how many reminders were planned.
    func runDueTicks() async throws -> Int {
        var planned = 0
        for name in try await queue.dueTicks() {
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
        try await queue.runTick(name, early: early, now: Date())
    }

    private func work(_ batch: [ReminderJob], tally: inout Tally) async throws {
        let open = Mutex(Set(batch.map(\.id)))
        let heartbeat = Task { [queue, configuration] in
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(configuration.lease / 3))
                try await queue.heartbeat(jobs: open.withLock { Array($0) }, lease: configuration.lease)
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
            for (index, notification) in hooks.enumerated() {
                if stop.isRequested {
                    try await giveBack(hooks[index...].map(\.job.id) + mail.map(\.0.job.id))
                    return
                }
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
        try await queue.withAcceptedLog { log in
            var reported = 0
            var settled = ContinuousClock.now
            do {
                try await SMTPClient.withSession(configuration.smtp) { session in
                    try await session.sendAll(mail.map(\.1)) { index, result in
                        let (notification, message) = mail[index]
                        switch result {
                        case .success(let answer):
                            try await log.record(notification.job, channel: "email", recipient: message.to,
                                                 messageID: message.messageID, response: answer)
                            tally.sent += 1
                            // The delivery log and the jobs' states lag the server by at most a second.
                            if ContinuousClock.now - settled >= .seconds(1) {
                                try await log.settle()
                                settled = ContinuousClock.now
                            }
                        case .failure(let refusal):
                            try await retry(notification.job, error: "\(refusal)", permanent: refusal.isPermanent, channel: "email",
                                            recipient: message.to, messageID: message.messageID)
                            tally.failed += 1
                        }
                        reported = index + 1
                        _ = open.withLock { $0.remove(notification.job.id) }
                        if stop.isRequested && reported < mail.count { throw Stopping() }
                    }
                }
            } catch is Stopping {
                try await giveBack(mail[reported...].map(\.0.job.id))
            } catch where ReminderDelivery.isDatabaseError(error) {
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
            try await log.settle()
        }
    }

    /// Asks the worker to stop: the message being sent is finished and settled, the batch's other
    /// jobs are given back to the queue, and `run` returns.
    public func requestStop() {
        stop.request()
    }

    private struct Stopping: Error {}

    /// Jobs of this batch not sent because the worker is stopping: queued again for any worker now.
    private func giveBack(_ jobs: [Int64]) async throws {
        guard !jobs.isEmpty else { return }
        try await queue.release(jobs: jobs)
        logger.notice("stopping: jobs given back to the queue", metadata: ["jobs": "\(jobs.count)"])
    }

    private func finish(_ job: ReminderJob, channel: String, recipient: String, messageID: String?, status: String,
                        response: String) async throws {
        try await queue.finish(job, channel: channel, recipient: recipient, messageID: messageID, status: status, response: response)
    }

    private func retry(_ job: ReminderJob, error: String, permanent: Bool, channel: String = "email", recipient: String? = nil,
                       messageID: String? = nil) async throws {
        try await queue.retry(job, error: error, permanent: permanent, channel: channel, recipient: recipient, messageID: messageID)
    }
}

/// A request to stop, seen by the worker between messages and during its pauses.
final class StopRequest: Sendable {
    private let requested = Atomic<Bool>(false)

    var isRequested: Bool { requested.load(ordering: .relaxed) }

    func request() {
        requested.store(true, ordering: .relaxed)
    }

    /// Sleeps for `duration`, or until shortly after a stop is requested.
    func sleep(for duration: Duration) async throws {
        let end = ContinuousClock.now + duration
        while !isRequested, ContinuousClock.now < end {
            try await Task.sleep(for: min(.milliseconds(50), end - ContinuousClock.now))
        }
    }
}
