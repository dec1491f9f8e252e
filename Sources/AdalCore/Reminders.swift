import AdalDomain
import AdalStore
import Foundation
import PostgresNIO

/// A reminder (or other job) in the queue, as the worker claims it.
public typealias ReminderJob = JobQueue.Job
public typealias ReminderJobListed = JobQueue.Listed
public typealias ReminderJobDetail = JobQueue.Detail
public typealias ReminderKindHours = ReminderRepository.KindHours
public typealias WorkerSchedule = ScheduleRepository.Schedule

/// What operators do with the reminders queue: plan now, look at it, retry or cancel a job, set how
/// long before an event its participants are reminded.
public struct Reminders: Sendable {
    let context: AdalContext

    public init(_ context: AdalContext) { self.context = context }

    /// Plans every kind of reminder now due; planning twice enqueues each once. Event reminders a
    /// missed tick finds less than an hour late are still sent; task and application reminders and
    /// the staff's daily digests, written for the day, up to 12 hours late.
    /// Asked for by an operator (`adal reminders plan`): one audit entry with the count. The
    /// worker's own planning every minute is recorded in its schedule instead.
    public func plan(now: Date, actor: String) async throws -> Int {
        try await context.act(actor: actor) { change in
            let planned = try await Self.plan(context, now: now, on: change.connection)
            try await change.audit("reminders.plan", entity: "jobs", id: "reminders", regionID: nil,
                                   after: AuditJSON.encode(["planned": planned]))
            return planned
        }
    }

    static func plan(_ context: AdalContext, now: Date, on connection: PostgresConnection) async throws -> Int {
        try await context.reminders.planEventReminders(horizonHours: 24 * 8, graceHours: 1, on: connection).count
            + context.reminders.planTaskReminders(now: now, graceHours: 12, on: connection).count
            + context.reminders.planApplicationReminders(now: now, graceHours: 12, on: connection).count
            + context.reminders.planDailyDigests(now: now, graceHours: 12, on: connection).count
    }

    public func counts() async throws -> [String: Int] {
        try await context.read { try await context.jobs.counts(on: $0) }
    }

    public func list(state: String?, limit: Int) async throws -> [ReminderJobListed] {
        if let state, !Self.states.contains(state) {
            throw ValidationFailure([FieldError("status", "'\(state)' is not one of: \(Self.states.joined(separator: ", "))")])
        }
        return try await context.read { try await context.jobs.list(state: state, limit: limit, on: $0) }
    }

    public static let states = ["queued", "running", "done", "dead", "cancelled"]

    public func detail(_ id: Int64) async throws -> ReminderJobDetail {
        guard let detail = try await context.read({ try await context.jobs.detail(id, on: $0) }) else {
            throw AdalError.notFound(entity: "job", key: String(id))
        }
        return detail
    }

    /// A dead or cancelled job queued again with fresh attempts, audited (`reminder.retry`).
    public func retry(_ id: Int64, actor: String) async throws {
        try await context.act(actor: actor) { change in
            guard let regionID = try await context.jobs.retry(id, on: change.connection) else {
                throw ValidationFailure([FieldError("id", "job \(id) is not dead or cancelled")])
            }
            try await change.audit("reminder.retry", entity: "job", id: String(id), regionID: regionID,
                                   after: AuditJSON.encode(["state": "queued"]))
        }
    }

    /// A queued job withdrawn, audited (`reminder.cancel`).
    public func cancel(_ id: Int64, actor: String) async throws {
        try await context.act(actor: actor) { change in
            guard let regionID = try await context.jobs.cancel(id, on: change.connection) else {
                throw ValidationFailure([FieldError("id", "job \(id) is not queued")])
            }
            try await change.audit("reminder.cancel", entity: "job", id: String(id), regionID: regionID,
                                   before: AuditJSON.encode(["state": "queued"]), after: AuditJSON.encode(["state": "cancelled"]))
        }
    }

    /// Hours before events of `kind` and `format` their participants are reminded (nil: the default), audited.
    public func setOffsets(kind: String, format: String, hours: String, actor: String) async throws {
        let eventKind = try EventKind.parse(kind, field: "kind")
        let eventFormat = try EventFormat.parse(format, field: "format")
        let parsed = hours == "default" ? nil : try ReminderOffsets.parse(hours, field: "hours")
        try await context.act(actor: actor) { change in
            try await context.reminders.setKindHours(kind: eventKind.rawValue, format: eventFormat.rawValue, hours: parsed,
                                                     on: change.connection)
            try await change.audit("reminders.offsets", entity: "reminder_offsets",
                                   id: "\(eventKind.rawValue)/\(eventFormat.rawValue)", regionID: nil,
                                   after: AuditJSON.encode(["hours": parsed.map { $0.map(String.init).joined(separator: ",") } ?? "default"]))
        }
    }

    public func offsets() async throws -> [ReminderKindHours] {
        try await context.read { try await context.reminders.kindHours(on: $0) }
    }

    public func schedules() async throws -> [WorkerSchedule] {
        try await context.read { try await context.schedules.list(on: $0) }
    }

    private struct Rollback: Error {
        let jobs: [ReminderJob]
    }

    /// The reminders already queued for an event, task or application and those planning would add
    /// now. Planning runs in a transaction that is rolled back: a preview changes nothing.
    public func pending(for id: String, now: Date) async throws -> [ReminderJob] {
        guard let uuid = UUID(uuidString: id) else { throw ValidationFailure([FieldError("id", "'\(id)' is not an id")]) }
        do {
            try await context.database.transaction { connection in
                let key: String
                if try await context.reminders.isEvent(uuid, on: connection) {
                    key = "event_id"
                    try await context.reminders.planEventReminders(horizonHours: 24 * 366, graceHours: 1, eventID: uuid, on: connection)
                } else if try await context.reminders.isTask(uuid, on: connection) {
                    key = "task_id"
                    try await context.reminders.planTaskReminders(now: now, graceHours: 12, horizonDays: 366, taskID: uuid,
                                                                  on: connection)
                } else if try await context.reminders.isApplication(uuid, on: connection) {
                    key = "application_id"
                    try await context.reminders.planApplicationReminders(now: now, graceHours: 12, horizonDays: 366,
                                                                         applicationID: uuid, on: connection)
                } else {
                    throw AdalError.notFound(entity: "event, task or application", key: id)
                }
                throw Rollback(jobs: try await context.jobs.pending(concerning: key, id: uuid, on: connection))
            }
            return []
        } catch let rollback as Rollback {
            return rollback.jobs
        }
    }
}
