import AdalCore
import AdalDomain
import AdalStore
import Foundation

/// What will be sent for one event, task or application: the reminders already queued and those
/// planning would add, each rendered as it would go out now. Planning is done in a transaction
/// that is rolled back, so a preview changes nothing.
public struct ReminderPreview: Sendable {
    let context: AdalContext
    let composer: Composer

    public init(context: AdalContext, templates: ReminderTemplates, organizerEmail: String) {
        self.context = context
        composer = Composer(context: context, templates: templates, organizerEmail: organizerEmail)
    }

    public struct Item: Codable, Sendable {
        public let runAt: Date?
        public let kind: String
        public let occasion: String?
        public let recipient: String?
        public let channel: String
        public let address: String?
        public let language: String?
        public let subject: String?
        public let text: String?
        public let note: String?
    }

    private struct Rollback: Error {
        let jobs: [JobQueue.Job]
    }

    public func preview(_ id: String, now: Date = Date()) async throws -> [Item] {
        guard let uuid = UUID(uuidString: id) else { throw ValidationFailure([FieldError("id", "'\(id)' is not an id")]) }
        let jobs: [JobQueue.Job]
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
            jobs = rollback.jobs
        }
        let composed = try await composer.compose(jobs)
        return jobs.map { job in
            switch composed[job.id] {
            case .send(let notification):
                let channel = notification.recipient.email != nil ? "email" : notification.recipient.phone != nil ? "webhook" : "none"
                return Item(runAt: job.runAt, kind: notification.kind.rawValue, occasion: job.occasion,
                            recipient: notification.recipient.name, channel: channel,
                            address: notification.recipient.email ?? notification.recipient.phone,
                            language: notification.recipient.language.rawValue, subject: notification.text.subject,
                            text: notification.text.plain, note: nil)
            case .skip(let reason), .fail(let reason):
                return Item(runAt: job.runAt, kind: job.kind, occasion: job.occasion, recipient: nil, channel: "none", address: nil,
                            language: nil, subject: nil, text: nil, note: reason)
            case nil:
                return Item(runAt: job.runAt, kind: job.kind, occasion: job.occasion, recipient: nil, channel: "none", address: nil,
                            language: nil, subject: nil, text: nil, note: "not composed")
            }
        }
    }
}
