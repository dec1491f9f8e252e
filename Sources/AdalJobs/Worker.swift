import AdalCore
import AdalDomain
import AdalStore
import Crypto
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
    /// Seconds between looks at an empty queue.
    public var idlePause = 1.0
    /// Seconds between reminder planning rounds.
    public var planEvery = 60.0
    public var smtp: SMTPConfiguration

    public init(name: String = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)",
                smtp: SMTPConfiguration) {
        self.name = name
        self.smtp = smtp
    }
}

/// Takes jobs from the queue and carries them out; any number of workers may share the queue.
/// A job is done only after its message was accepted: a worker that dies between the two leaves
/// the job to be taken again when its lease runs out, and the resend carries the same Message-ID.
public struct Worker: Sendable {
    let context: AdalContext
    let configuration: WorkerConfiguration
    let logger: Logger

    public init(context: AdalContext, configuration: WorkerConfiguration, logger: Logger) {
        self.context = context
        self.configuration = configuration
        self.logger = logger
    }

    public struct Tally: Sendable {
        public var sent = 0, skipped = 0, failed = 0, planned = 0
    }

    /// Works until the task is cancelled, or with `untilIdle` until no job is ready and none is held
    /// by any worker (a dead worker's jobs are waited for until their lease runs out).
    @discardableResult
    public func run(untilIdle: Bool = false) async throws -> Tally {
        var tally = Tally()
        var lastPlan = ContinuousClock.now - .seconds(configuration.planEvery * 2)
        while !Task.isCancelled {
            if ContinuousClock.now - lastPlan >= .seconds(configuration.planEvery) {
                tally.planned += try await plan()
                lastPlan = ContinuousClock.now
            }
            let batch = try await context.database.transaction { connection in
                try await context.jobs.claim(worker: configuration.name, limit: configuration.batchSize,
                                             lease: configuration.lease, on: connection)
            }
            if batch.isEmpty {
                if untilIdle, try await context.database.withConnection({ try await context.jobs.unfinishedNow(on: $0) }) == 0 {
                    break
                }
                try? await Task.sleep(for: .seconds(configuration.idlePause))
                continue
            }
            try await work(batch, tally: &tally)
        }
        return tally
    }

    /// Plans the reminders now due; planning twice enqueues each once.
    public func plan() async throws -> Int {
        try await context.database.transaction { connection in
            try await context.reminders.planEventReminders(horizonHours: 24 * 8, graceHours: 1, on: connection)
                + context.reminders.planTaskReminders(now: Date(), graceHours: 1, on: connection)
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
        var outgoing: [(JobQueue.Job, MailMessage)] = []
        let payloads = batch.reduce(into: [Int64: EventPayload]()) { payloads, job in
            payloads[job.id] = try? JSONDecoder().decode(EventPayload.self, from: Data(job.payload.utf8))
        }
        let notices = try await notices(for: Array(payloads.values))
        for job in batch {
            do {
                let composed = job.kind == "task_reminder" ? try await composeTask(job)
                    : try compose(job, payload: payloads[job.id], notices: notices)
                if let message = composed {
                    outgoing.append((job, message))
                } else {
                    try await finish(job, recipient: "-", messageID: nil, status: "skipped", response: "no longer due")
                    tally.skipped += 1
                    _ = open.withLock { $0.remove(job.id) }
                }
            } catch {
                try await retry(job, error: "\(error)", permanent: false)
                tally.failed += 1
                _ = open.withLock { $0.remove(job.id) }
            }
        }
        guard !outgoing.isEmpty else { return }
        var remaining = outgoing
        do {
            try await SMTPClient.withSession(configuration.smtp) { session in
                var sent = 0, failed = 0
                while let (job, message) = remaining.first {
                    do {
                        let answer = try await session.send(message)
                        try await finish(job, recipient: message.to, messageID: message.messageID, status: "sent", response: answer)
                        sent += 1
                    } catch let refusal as SMTPError where refusal.code >= 400 {
                        try await retry(job, error: "\(refusal)", permanent: refusal.isPermanent, recipient: message.to,
                                        messageID: message.messageID)
                        failed += 1
                    }
                    remaining.removeFirst()
                    _ = open.withLock { $0.remove(job.id) }
                }
                return (sent, failed)
            }
            tally.sent += outgoing.count - remaining.count
        } catch {
            // The server is down or the connection broke: what was not sent is tried again later.
            logger.warning("mail server unreachable", metadata: ["error": "\(error)"])
            for (job, _) in remaining {
                try await retry(job, error: "mail server: \(error)", permanent: false)
                tally.failed += 1
            }
        }
    }

    struct EventPayload: Decodable {
        let event_id: UUID
        let person_id: UUID
        let sequence: Int

        var key: String { "\(event_id.uuidString.lowercased()):\(person_id.uuidString.lowercased())" }
    }

    /// What the batch's event jobs need, read in one query.
    func notices(for payloads: [EventPayload]) async throws -> [String: ReminderRepository.EventNotice] {
        let pairs = payloads.map { (eventID: $0.event_id, personID: $0.person_id) }
        return try await context.database.withConnection { connection in
            try await context.reminders.eventNotices(pairs, on: connection)
        }
    }

    /// The message a job sends, or nil when it is no longer due (the event changed or was cancelled).
    func compose(_ job: JobQueue.Job, payload: EventPayload?,
                 notices: [String: ReminderRepository.EventNotice]) throws -> MailMessage? {
        // Task reminders are composed by composeTask; any other kind has no handler.
        guard job.kind == "event_reminder" || job.kind == "event_cancellation" else {
            throw WorkerError("no handler for jobs of kind \(job.kind)")
        }
        guard let payload else { throw WorkerError("job \(job.id) has no event_id, person_id and sequence") }
        guard let notice = notices[payload.key], let email = notice.recipientEmail else { return nil }
        let cancelled = job.kind == "event_cancellation"
        if !cancelled && (notice.status != .planned || notice.sequence != payload.sequence) { return nil }
        if cancelled && notice.status != .cancelled { return nil }
        let office = notice.officeName[notice.language.rawValue] ?? notice.officeName["en"] ?? "Adal"
        let local = notice.startsAt.map { LocalTime.format($0, zone: notice.timeZone) }
        let text = ReminderWording.event(cancelled: cancelled, title: notice.title, startsLocal: local, timeZone: notice.timeZone,
                                         venue: notice.venue, link: notice.link, name: notice.recipientName, office: office,
                                         language: notice.language)
        var attachments: [MailMessage.Attachment] = []
        if let startsAt = notice.startsAt {
            let calendar = ICalendar(uid: "\(notice.eventID.uuidString.lowercased())@adal", sequence: notice.sequence,
                                     title: notice.title, description: notice.topic, location: notice.venue, url: notice.link,
                                     startsAt: startsAt, endsAt: notice.endsAt, timeZone: notice.timeZone, cancelled: cancelled,
                                     organizerName: office, organizerEmail: notice.officeEmail ?? configuration.smtp.from)
            attachments.append(.init(fileName: "event.ics",
                                     contentType: "text/calendar; charset=utf-8; method=" + (cancelled ? "CANCEL" : "REQUEST"),
                                     content: Array(calendar.text.utf8)))
        }
        return MailMessage(from: configuration.smtp.from, fromName: configuration.smtp.fromName ?? office, to: email,
                           toName: notice.recipientName, subject: text.subject, text: text.plain, html: text.html,
                           messageID: Self.messageID(for: job), language: notice.language.rawValue, attachments: attachments)
    }

    /// A task reminder, or nil when the task is no longer open.
    func composeTask(_ job: JobQueue.Job) async throws -> MailMessage? {
        struct Payload: Decodable {
            let task_id: UUID
            let person_id: UUID
            let kind: String
        }
        let payload = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8))
        guard let notice = try await context.database.withConnection({ connection in
            try await context.reminders.taskNotice(taskID: payload.task_id, personID: payload.person_id, on: connection)
        }), notice.open, let email = notice.recipientEmail else { return nil }
        let office = notice.officeName[notice.language.rawValue] ?? notice.officeName["en"] ?? "Adal"
        let text = ReminderWording.task(overdue: payload.kind == "overdue", title: notice.title, decision: notice.decision,
                                        dueOn: notice.dueOn, name: notice.recipientName, office: office, language: notice.language)
        return MailMessage(from: configuration.smtp.from, fromName: configuration.smtp.fromName ?? office, to: email,
                           toName: notice.recipientName, subject: text.subject, text: text.plain, html: text.html,
                           messageID: Self.messageID(for: job), language: notice.language.rawValue)
    }

    /// The same for every attempt at one occasion, so a resend is recognisable as one.
    static func messageID(for job: JobQueue.Job) -> String {
        let key = job.occasion ?? "job-\(job.id)"
        let hex = Array("0123456789abcdef")
        let digest = String(SHA256.hash(data: Data(key.utf8)).prefix(16).flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 0x0F)]] })
        return "\(digest)@adal"
    }

    private func finish(_ job: JobQueue.Job, recipient: String, messageID: String?, status: String, response: String) async throws {
        try await context.database.withConnection { connection in
            try await context.jobs.completeDelivered(job.id, worker: configuration.name, regionID: job.regionID, channel: "email",
                                                     recipient: recipient, messageID: messageID, status: status,
                                                     response: response, on: connection)
        }
    }

    private func retry(_ job: JobQueue.Job, error: String, permanent: Bool, recipient: String? = nil,
                       messageID: String? = nil) async throws {
        try await context.database.transaction { connection in
            if let recipient {
                try await context.jobs.recordDelivery(jobID: job.id, regionID: job.regionID, channel: "email", recipient: recipient,
                                                      messageID: messageID, status: "failed", response: error, on: connection)
            }
            try await context.jobs.fail(job.id, worker: configuration.name, error: error,
                                        retryIn: RetryPolicy.delay(afterAttempt: job.attempts), permanent: permanent,
                                        on: connection)
        }
    }
}

struct WorkerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
