import AdalDomain
import AdalStore
import Foundation
import PostgresNIO

public typealias EventNotice = ReminderRepository.EventNotice
public typealias TaskNotice = ReminderRepository.TaskNotice
public typealias ApplicationNotice = ReminderRepository.ApplicationNotice
public typealias WelcomeNotice = ReminderRepository.WelcomeNotice
public typealias WeeklyDigest = ReminderRepository.Digest
public typealias DailyDigest = ReminderRepository.DailyDigest

/// What a worker does with the queue: claims jobs, runs the scheduler's ticks, reads what a
/// notification needs, and records what became of each message. A job is done only after its
/// message was accepted; a worker that dies between the two leaves it to its lease.
public struct ReminderDelivery: Sendable {
    let context: AdalContext
    /// Names the worker in the queue's leases.
    public let worker: String

    public init(_ context: AdalContext, worker: String) {
        self.context = context
        self.worker = worker
    }

    /// Up to `limit` ready jobs leased to this worker; a job taken before whose message a dead worker
    /// had already written down as accepted is settled instead, and not returned. `claimed` counts both.
    public func claim(limit: Int, lease: Double) async throws -> (claimed: Int, toSend: [ReminderJob]) {
        try await context.database.transaction { connection in
            let claimed = try await context.jobs.claim(worker: worker, limit: limit, lease: lease, on: connection)
            let again = claimed.filter { $0.attempts > 1 }.map(\.id)
            guard !again.isEmpty else { return (claimed.count, claimed) }
            let settled = Set(try await context.jobs.settleAccepted(worker: worker, jobs: again, on: connection))
            return (claimed.count, claimed.filter { !settled.contains($0.id) })
        }
    }

    /// Jobs ready now or held by any worker: what "idle" waits for.
    public func unfinishedNow() async throws -> Int {
        try await context.read { try await context.jobs.unfinishedNow(on: $0) }
    }

    public func heartbeat(jobs: [Int64], lease: Double) async throws {
        try await context.read { try await context.jobs.heartbeat(worker: worker, jobs: jobs, lease: lease, on: $0) }
    }

    /// Gives back the claimed jobs not yet settled, when the worker stops: another takes them now
    /// instead of after the lease.
    public func release(jobs: [Int64]) async throws {
        try await context.read { try await context.jobs.release(worker: worker, jobs: jobs, on: $0) }
    }

    /// The periodic work a worker knows (rows of `schedules`).
    public static let schedules = ["plan-reminders", "weekly-digest", "seal-audit", "sweep-idempotency"]

    /// How long an idempotent request's answer is kept for a retry (its key then starts afresh).
    public static let idempotencyLifetime: Duration = .seconds(24 * 3600)

    public func dueTicks() async throws -> [String] {
        try await context.read { try await context.schedules.due(among: Self.schedules, on: $0) }
    }

    /// Runs one tick of `name` in the transaction that takes it; nothing when it is not due (and not
    /// `early`) or another worker holds it. Returns how many reminders were planned.
    /// The seal tick also writes a signed checkpoint of the chain (`ADAL_AUDIT_CHECKPOINT_DIR`) once
    /// its transaction has committed; without the audit key it seals nothing and says so.
    public func runTick(_ name: String, early: Bool = false, now: Date) async throws -> Int {
        let (taken, result) = try await context.database.transaction { connection -> (Bool, Int) in
            guard try await context.schedules.take(name, early: early, on: connection) else { return (false, 0) }
            let result: Int
            var note: String
            switch name {
            case "plan-reminders":
                result = try await Reminders.plan(context, now: now, on: connection)
                note = "\(result) planned"
            case "weekly-digest":
                result = try await context.reminders.planWeeklyDigests(now: now, graceHours: 24, on: connection).count
                note = "\(result) planned"
            case "sweep-idempotency":
                result = 0
                note = "\(try await context.idempotency.sweep(olderThan: Self.idempotencyLifetime, on: connection)) forgotten"
            default:
                if let key = context.auditKey {
                    note = "\(try await context.audit.seal(key: key, wait: false, on: connection)) sealed"
                } else {
                    note = "no audit key: nothing sealed"
                }
                result = 0
            }
            try await context.schedules.record(name, result: note, on: connection)
            return (true, result)
        }
        if taken, name == "sweep-idempotency" {
            // Import runs whose process died are finished here too, when no later import has.
            do {
                try await Imports(context).finishInterruptedRuns(actor: "worker")
            } catch {
                context.logger.warning("interrupted import runs not finished", metadata: ["error": "\(error)"])
            }
        }
        if taken, name == "seal-audit", context.auditKey != nil, context.auditCheckpointDirectory != nil {
            // The seal is committed and its tick recorded; a checkpoint that cannot be written is
            // said, and the next tick writes one.
            do {
                _ = try await AuditTrail(context).checkpoint(now: now)
            } catch {
                context.logger.warning("audit checkpoint not written", metadata: ["error": "\(error)"])
            }
        }
        return result
    }

    /// A job that ended without a message accepted by the mail server: sent by webhook, or skipped.
    public func finish(_ job: ReminderJob, channel: String, recipient: String, messageID: String?, status: String,
                       response: String) async throws {
        _ = try await context.read { connection in
            try await context.jobs.completeDelivered(job.id, worker: worker, regionID: job.regionID, channel: channel,
                                                     recipient: recipient, messageID: messageID, status: status,
                                                     response: response, on: connection)
        }
    }

    /// A failed attempt: recorded as a delivery when it reached a recipient, and the job retried later
    /// (or dead when `permanent` or out of attempts).
    public func retry(_ job: ReminderJob, error: String, permanent: Bool, channel: String = "email", recipient: String? = nil,
                      messageID: String? = nil) async throws {
        try await context.database.transaction { connection in
            if let recipient {
                try await context.jobs.recordDelivery(jobID: job.id, regionID: job.regionID, channel: channel, recipient: recipient,
                                                      messageID: messageID, status: "failed", response: error, on: connection)
            }
            try await context.jobs.fail(job.id, worker: worker, error: error,
                                        retryIn: RetryPolicy.delay(afterAttempt: job.attempts), permanent: permanent,
                                        on: connection)
        }
    }

    /// One connection for a batch's log of accepted messages, kept for the batch.
    public func withAcceptedLog<T: Sendable>(_ body: (AcceptedLog) async throws -> T) async throws -> T {
        try await context.read { connection in try await body(AcceptedLog(context: context, worker: worker, connection: connection)) }
    }

    /// Whether `error` came from the database (the log could not be written), not from a mail server.
    public static func isDatabaseError(_ error: any Error) -> Bool {
        error is PSQLError || error is StoreError
    }

    // What notifications say, read as the database is now.

    public func eventNotices(_ pairs: [(eventID: UUID, personID: UUID)]) async throws -> [String: EventNotice] {
        try await context.read { try await context.reminders.eventNotices(pairs, on: $0) }
    }

    public func taskNotice(taskID: UUID, personID: UUID) async throws -> TaskNotice? {
        try await context.read { try await context.reminders.taskNotice(taskID: taskID, personID: personID, on: $0) }
    }

    public func applicationNotice(applicationID: UUID, userID: UUID) async throws -> ApplicationNotice? {
        try await context.read {
            try await context.reminders.applicationNotice(applicationID: applicationID, userID: userID, on: $0)
        }
    }

    public func welcomeNotice(applicationID: UUID) async throws -> WelcomeNotice? {
        try await context.read { try await context.reminders.welcomeNotice(applicationID: applicationID, on: $0) }
    }

    public func digest(userID: UUID, timeZone: String, monday: CivilDate) async throws -> WeeklyDigest? {
        try await context.read { try await context.reminders.digest(userID: userID, timeZone: timeZone, monday: monday, on: $0) }
    }

    public func dailyDigest(userID: UUID, day: CivilDate, timeZone: String) async throws -> DailyDigest? {
        try await context.read { try await context.reminders.dailyDigest(userID: userID, day: day, timeZone: timeZone, on: $0) }
    }
}

/// The log of messages the mail server accepted, on the one connection of a batch: each written down
/// before the next goes out, settled into deliveries and the jobs' states at most a second later.
public struct AcceptedLog: Sendable {
    let context: AdalContext
    let worker: String
    let connection: PostgresConnection

    public func record(_ job: ReminderJob, channel: String, recipient: String, messageID: String?, response: String?) async throws {
        try await context.jobs.recordAccepted(job.id, worker: worker, regionID: job.regionID, channel: channel,
                                              recipient: recipient, messageID: messageID, response: response, on: connection)
    }

    public func settle() async throws {
        _ = try await context.jobs.settleAccepted(worker: worker, on: connection)
    }
}
