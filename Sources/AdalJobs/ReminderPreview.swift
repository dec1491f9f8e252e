import AdalCore
import AdalDomain
import Foundation

/// What will be sent for one event, task or application: the reminders already queued and those
/// planning would add, each rendered as it would go out now. A preview changes nothing.
public struct ReminderPreview: Sendable {
    let reminders: Reminders
    let composer: Composer

    public init(context: AdalContext, templates: ReminderTemplates, organizerEmail: String) {
        reminders = Reminders(context)
        composer = Composer(queue: ReminderDelivery(context, worker: "preview"), templates: templates,
                            organizerEmail: organizerEmail)
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

    public func preview(_ id: String, now: Date = Date()) async throws -> [Item] {
        let jobs = try await reminders.pending(for: id, now: now)
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
