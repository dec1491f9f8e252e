import AdalCore
import AdalDomain
import AdalReports
import Crypto
import Foundation

/// One notification ready to go: to whom, what it says, and the Message-ID every attempt at its
/// occasion carries.
public struct Notification: Sendable {
    public let job: ReminderJob
    public let kind: ReminderTemplates.Kind
    public let recipient: Recipient
    public let text: ReminderTemplates.Rendered
    public let messageID: String
    public let senderName: String
    public var attachments: [MailMessage.Attachment] = []

    func mail(from configuration: SMTPConfiguration, to address: String) -> MailMessage {
        MailMessage(from: configuration.from, fromName: configuration.fromName ?? senderName, to: address,
                    toName: recipient.name, subject: text.subject, text: text.plain, html: text.html, messageID: messageID,
                    date: Date(), language: recipient.language.rawValue, attachments: attachments)
    }
}

/// What a job sends now: a notification, nothing (no longer due), or an error that makes the job
/// fail (retried) with its reason.
public enum Composed: Sendable {
    case send(Notification)
    case skip(String)
    case fail(String)
}

/// Writes the notifications of a batch of jobs from the database as it is now, so a reminder for an
/// event that moved, a task that was done or an application that was answered sends nothing.
public struct Composer: Sendable {
    let queue: ReminderDelivery
    let templates: ReminderTemplates
    /// Who calendars say organised an event when its office has no e-mail address.
    let organizerEmail: String

    public init(queue: ReminderDelivery, templates: ReminderTemplates, organizerEmail: String) {
        self.queue = queue
        self.templates = templates
        self.organizerEmail = organizerEmail
    }

    public func compose(_ jobs: [ReminderJob]) async throws -> [Int64: Composed] {
        var results: [Int64: Composed] = [:]
        var eventJobs: [(ReminderJob, EventPayload)] = []
        for job in jobs {
            if Self.eventKinds.contains(job.kind) {
                if let payload = try? JSONDecoder().decode(EventPayload.self, from: Data(job.payload.utf8)) {
                    eventJobs.append((job, payload))
                } else {
                    results[job.id] = .fail("job \(job.id) has no event_id, person_id and sequence")
                }
                continue
            }
            do {
                results[job.id] = try await composeOne(job)
            } catch let error as DecodingError {
                results[job.id] = .fail("job \(job.id) has a payload that cannot be read: \(error)")
            }
        }
        if !eventJobs.isEmpty {
            let notices = try await queue.eventNotices(eventJobs.map { (eventID: $0.1.event_id, personID: $0.1.person_id) })
            var shared = Shared()
            for (job, payload) in eventJobs {
                results[job.id] = event(job, payload: payload, notice: notices[payload.key], shared: &shared)
            }
        }
        return results
    }

    /// The jobs about an event and one of its people, composed together.
    static let eventKinds: Set<String> = ["event_reminder", "event_cancellation", "event_invitation", "event_update"]

    struct EventPayload: Decodable {
        let event_id: UUID
        let person_id: UUID
        let sequence: Int

        var key: String { "\(event_id.uuidString.lowercased()):\(person_id.uuidString.lowercased())" }
    }

    /// What the invitees of one event have in common, made once a batch: the `.ics` (it names no
    /// recipient) and the text in each language but for the name (rendering each was a sixth of a
    /// worker's time).
    struct Shared {
        var calendars: [String: [UInt8]] = [:]
        var texts: [TextKey: NameSlots?] = [:]
    }

    struct TextKey: Hashable {
        let kind: ReminderTemplates.Kind
        let language: Language
        let values: [String?]
    }

    func event(_ job: ReminderJob, payload: EventPayload, notice: EventNotice?,
               shared: inout Shared) -> Composed {
        guard let notice else { return .skip("the event or the person is gone") }
        let kind = ReminderTemplates.Kind(rawValue: job.kind) ?? .eventReminder
        let cancelled = kind == .eventCancellation
        // An invitation or an update also goes out for an event postponed until further notice.
        let sendable: Set<EventStatus> = kind == .eventReminder ? [.planned] : cancelled ? [.cancelled] : [.planned, .postponed]
        if !sendable.contains(notice.status) { return .skip("the event is \(notice.status.rawValue)") }
        if !cancelled && notice.sequence != payload.sequence { return .skip("the event was changed after this was planned") }
        let office = Self.officeName(notice.officeName, notice.language)
        let starts = notice.startsAt.map { LocalTime.format($0, zone: notice.timeZone) }
        var values: [String: Any] = ["name": notice.recipientName, "title": notice.title, "zone": notice.timeZone, "office": office]
        values["starts"] = starts
        values["venue"] = notice.venue
        values["link"] = notice.link
        values["reason"] = notice.cancelReason
        values["postponed"] = notice.status == .postponed ? true : nil
        let recipient = Recipient(name: notice.recipientName, email: notice.recipientEmail, phone: notice.recipientPhone,
                                  language: notice.language)
        let key = TextKey(kind: kind, language: notice.language,
                          values: [notice.title, notice.timeZone, office, starts, notice.venue, notice.link, notice.cancelReason,
                                   notice.status.rawValue])
        let slots: NameSlots?
        if let known = shared.texts[key] {
            slots = known
        } else {
            slots = templates.renderForRecipients(kind, language: notice.language, values)
            shared.texts[key] = slots
        }
        let text = slots?.text(for: notice.recipientName) ?? templates.render(kind, language: notice.language, values)
        var notification = Notification(job: job, kind: kind, recipient: recipient, text: text,
                                        messageID: Self.messageID(for: job), senderName: office)
        if let startsAt = notice.startsAt {
            let organizerEmail = notice.officeEmail ?? organizerEmail
            let key = "\(notice.eventID):\(notice.sequence):\(cancelled):\(office):\(organizerEmail)"
            let content = shared.calendars[key] ?? Array(ICalendar(
                uid: "\(notice.eventID.uuidString.lowercased())@adal", sequence: notice.sequence, title: notice.title,
                description: notice.topic, location: notice.venue, url: notice.link, startsAt: startsAt, endsAt: notice.endsAt,
                timeZone: notice.timeZone, cancelled: cancelled, organizerName: office, organizerEmail: organizerEmail,
                stamp: Date()).text.utf8)
            shared.calendars[key] = content
            notification.attachments.append(.init(fileName: "event.ics",
                                                  contentType: "text/calendar; charset=utf-8; method=" + (cancelled ? "CANCEL" : "REQUEST"),
                                                  content: content))
        }
        return .send(notification)
    }

    func composeOne(_ job: ReminderJob) async throws -> Composed {
        let data = Data(job.payload.utf8)
        switch job.kind {
        case "task_reminder":
            struct Payload: Decodable { let task_id: UUID; let person_id: UUID; let kind: String }
            let payload = try JSONDecoder().decode(Payload.self, from: data)
            guard let notice = try await queue.taskNotice(taskID: payload.task_id, personID: payload.person_id) else { return .skip("the task or the person is gone") }
            guard notice.open else { return .skip("the task is no longer open") }
            let office = Self.officeName(notice.officeName, notice.language)
            let kind: ReminderTemplates.Kind = payload.kind == "overdue" ? .taskOverdue : .taskDue
            let values: [String: Any] = ["name": notice.recipientName, "title": notice.title, "decision": notice.decision,
                                         "due": notice.dueOn.description, "office": office]
            return .send(Notification(job: job, kind: kind,
                                      recipient: Recipient(name: notice.recipientName, email: notice.recipientEmail,
                                                           phone: notice.recipientPhone, language: notice.language),
                                      text: templates.render(kind, language: notice.language, values),
                                      messageID: Self.messageID(for: job), senderName: office))
        case "application_reminder":
            struct Payload: Decodable { let application_id: UUID; let user_id: UUID; let kind: String; let step: String }
            let payload = try JSONDecoder().decode(Payload.self, from: data)
            guard let notice = try await queue.applicationNotice(applicationID: payload.application_id, userID: payload.user_id) else { return .skip("the application or the staff account is gone") }
            guard notice.open else { return .skip("the application was answered") }
            if payload.kind == "due" && notice.dueOn.description != payload.step {
                return .skip("the answer is now due on \(notice.dueOn)")
            }
            let language = notice.recipient.language
            let office = Self.officeName(notice.officeName, language)
            let kind: ReminderTemplates.Kind = payload.kind == "overdue" ? .applicationOverdue : .applicationDue
            let values: [String: Any] = ["name": notice.recipient.name, "applicant": notice.applicant, "reference": notice.reference,
                                         "received": notice.receivedLocal, "due": notice.dueOn.description,
                                         "reviewer": notice.reviewer ?? "—", "office": office]
            return .send(Notification(job: job, kind: kind, recipient: notice.recipient,
                                      text: templates.render(kind, language: language, values),
                                      messageID: Self.messageID(for: job), senderName: office))
        case "event_minutes":
            struct Payload: Decodable { let event_id: UUID; let person_id: UUID }
            let payload = try JSONDecoder().decode(Payload.self, from: data)
            guard let (minutes, notice) = try await queue.minutesNotice(eventID: payload.event_id, personID: payload.person_id) else {
                return .skip("the meeting is no longer held, or the person is gone")
            }
            let office = Self.officeName(notice.officeName, notice.language)
            let (subject, body) = minutes.text(in: notice.language, office: office)
            let greeting = templates.render(.eventMinutes, language: notice.language, ["name": notice.recipientName])
            let plain = greeting.plain + "\n\n" + body
            let text = ReminderTemplates.Rendered(subject: subject, plain: plain,
                                                  html: ReminderTemplates.html(plain.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                                                                               language: notice.language))
            var notification = Notification(job: job, kind: .eventMinutes,
                                            recipient: Recipient(name: notice.recipientName, email: notice.recipientEmail,
                                                                 phone: notice.recipientPhone, language: notice.language),
                                            text: text, messageID: Self.messageID(for: job), senderName: office)
            notification.attachments.append(.init(fileName: "minutes.html", contentType: "text/html; charset=utf-8",
                                                  content: Array(Printables.minutes(minutes, office: office, language: notice.language).utf8)))
            return .send(notification)
        case "application_welcome":
            struct Payload: Decodable { let application_id: UUID }
            let payload = try JSONDecoder().decode(Payload.self, from: data)
            guard let notice = try await queue.welcomeNotice(applicationID: payload.application_id) else { return .skip("the application is gone") }
            guard notice.accepted else { return .skip("the application is no longer accepted") }
            let language = notice.recipient.language
            let office = Self.officeName(notice.officeName, language)
            var values: [String: Any] = ["name": notice.recipient.name, "office": office]
            values["office_email"] = notice.officeEmail
            values["office_phone"] = notice.officePhone
            return .send(Notification(job: job, kind: .applicationWelcome, recipient: notice.recipient,
                                      text: templates.render(.applicationWelcome, language: language, values),
                                      messageID: Self.messageID(for: job), senderName: office))
        case "weekly_digest":
            struct Payload: Decodable { let user_id: UUID; let time_zone: String; let monday: String }
            let payload = try JSONDecoder().decode(Payload.self, from: data)
            guard let monday = CivilDate(payload.monday) else { return .fail("job \(job.id) has no valid monday") }
            guard let digest = try await queue.digest(userID: payload.user_id, timeZone: payload.time_zone, monday: monday) else { return .skip("the admin's account is disabled or no longer an admin") }
            func lines(_ list: [WeeklyDigest.Line], _ keys: (String, String, String)) -> [[String: String]] {
                list.map { [keys.0: $0.text, keys.1: $0.date, keys.2: $0.detail] }
            }
            let values: [String: Any] = [
                "name": digest.recipient.name, "zone": payload.time_zone, "from": monday.description,
                "to": monday.adding(days: 6).description,
                "volunteers": lines(digest.volunteers, ("name", "date", "region")),
                "due_soon": lines(digest.dueSoon, ("applicant", "due", "reviewer")),
                "overdue": lines(digest.overdue, ("applicant", "due", "reviewer")),
                "events": lines(digest.events, ("title", "starts", "region")),
                "volunteer_count": digest.counts["volunteers"] ?? 0, "due_count": digest.counts["due_soon"] ?? 0,
                "overdue_count": digest.counts["overdue"] ?? 0, "event_count": digest.counts["events"] ?? 0,
            ]
            return .send(Notification(job: job, kind: .weeklyDigest, recipient: digest.recipient,
                                      text: templates.render(.weeklyDigest, language: digest.recipient.language, values),
                                      messageID: Self.messageID(for: job), senderName: "Adal"))
        case "daily_digest":
            struct Payload: Decodable { let user_id: UUID; let day: String; let time_zone: String }
            let payload = try JSONDecoder().decode(Payload.self, from: data)
            guard let day = CivilDate(payload.day) else { return .fail("job \(job.id) has no valid day") }
            guard let digest = try await queue.dailyDigest(userID: payload.user_id, day: day, timeZone: payload.time_zone) else {
                return .skip("the staff member's account is disabled")
            }
            guard !digest.isEmpty else { return .skip("nothing overdue, due soon or failed that morning") }
            func lines(_ list: String) -> [[String: String]] {
                (digest.lists[list] ?? []).map { ["text": $0.text, "date": $0.date, "detail": $0.detail] }
            }
            var values: [String: Any] = ["name": digest.recipient.name, "day": day.description, "zone": payload.time_zone]
            for list in ["overdue", "due_soon", "overdue_tasks", "failed_reminders"] {
                values[list] = lines(list)
                values[list + "_count"] = digest.counts[list] ?? 0
                // A section is written only when it has something: a morning's message is short.
                values["has_" + list] = (digest.counts[list] ?? 0) > 0
            }
            return .send(Notification(job: job, kind: .dailyDigest, recipient: digest.recipient,
                                      text: templates.render(.dailyDigest, language: digest.recipient.language, values),
                                      messageID: Self.messageID(for: job), senderName: "Adal"))
        default:
            return .fail("no handler for jobs of kind \(job.kind)")
        }
    }

    static func officeName(_ names: [String: String], _ language: Language) -> String {
        names[language.rawValue] ?? names["en"] ?? "Adal"
    }

    /// The same for every attempt at one occasion, so a resend is recognisable as one.
    static func messageID(for job: ReminderJob) -> String {
        let key = job.occasion ?? "job-\(job.id)"
        let hex = Array("0123456789abcdef")
        let digest = String(SHA256.hash(data: Data(key.utf8)).prefix(16).flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 0x0F)]] })
        return "\(digest)@adal"
    }
}
