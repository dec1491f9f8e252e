import Foundation

/// What a coordinator types to schedule an event, before any check. Times are wall-clock times
/// (`yyyy-MM-ddTHH:mm`) in the region's zone.
public struct EventScheduleForm: Sendable {
    public var kind: String
    public var format: String
    public var title: String
    public var topic: String?
    public var venue: String?
    public var link: String?
    public var regionCode: String
    public var officeCode: String?
    public var councilCode: String?
    public var starts: String
    public var ends: String?
    public var capacity: Int?
    /// Action-plan items as `PLAN-CODE number`, e.g. `AZ-NAP-2022-2026 6.2`.
    public var planItems: [String]
    /// Partner organisations by name (added to the region's directory when new).
    public var partners: [String]

    public init(kind: String, format: String, title: String, topic: String? = nil, venue: String? = nil,
                link: String? = nil, regionCode: String, officeCode: String? = nil, councilCode: String? = nil,
                starts: String, ends: String? = nil, capacity: Int? = nil, planItems: [String] = [], partners: [String] = []) {
        self.planItems = planItems
        self.partners = partners
        self.kind = kind
        self.format = format
        self.title = title
        self.topic = topic
        self.venue = venue
        self.link = link
        self.regionCode = regionCode
        self.officeCode = officeCode
        self.councilCode = councilCode
        self.starts = starts
        self.ends = ends
        self.capacity = capacity
    }
}

/// A schedule whose every field passed the rules, with its times as instants.
public struct EventSchedule: Sendable {
    /// Why `link` cannot be an event's link: not an http(s) address, or holding a space or a control
    /// character (a line break in it would write lines of its own into calendars and messages).
    public static func linkProblem(_ link: String) -> String? {
        guard link.hasPrefix("https://") || link.hasPrefix("http://") else { return "must be an http or https address" }
        if link.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.isWhitespace }) {
            return "must not contain spaces, line breaks or other control characters"
        }
        return nil
    }

    public let kind: EventKind
    public let format: EventFormat
    public let title: String
    public let topic: String?
    public let venue: String?
    public let link: String?
    public let officeCode: String?
    public let councilCode: String?
    public let startsAt: Date
    public let endsAt: Date?
    public let capacity: Int?

    /// Checks every field, reading the times in `zone` (the region's); reports all problems at once.
    public static func validate(_ form: EventScheduleForm, zone: String) throws -> EventSchedule {
        var errors = FieldErrorCollector()
        let kind = errors.check { try EventKind.parse(form.kind, field: "kind") }
        let format = errors.check { try EventFormat.parse(form.format, field: "format") }
        let title = form.title.trimmingWhitespace()
        if title.isEmpty { errors.add("title", "is required") }
        if title.count > 300 { errors.add("title", "must have at most 300 characters") }
        let venue = form.venue.nonBlank, link = form.link.nonBlank
        EventSchedule.checkLengths(topic: form.topic, venue: venue, link: link, into: &errors)
        if let format {
            if format != .online && venue == nil { errors.add("venue", "is required for an event held in person") }
            if format != .inPerson && link == nil { errors.add("link", "is required for an event held online") }
        }
        if let link, let problem = EventSchedule.linkProblem(link) { errors.add("link", problem) }
        let startsAt = LocalTime.instant(form.starts.trimmingWhitespace(), zone: zone)
        if startsAt == nil { errors.add("starts", "must be a local time yyyy-MM-ddTHH:mm") }
        var endsAt: Date?
        if let raw = form.ends.nonBlank {
            endsAt = LocalTime.instant(raw, zone: zone)
            if endsAt == nil {
                errors.add("ends", "must be a local time yyyy-MM-ddTHH:mm")
            } else if let startsAt, endsAt! <= startsAt {
                errors.add("ends", "must be after the start")
            }
        }
        if let capacity = form.capacity, capacity < 1 { errors.add("capacity", "must be at least 1") }
        if let kind, [.councilMeeting, .commissionMeeting].contains(kind), form.councilCode.nonBlank == nil {
            errors.add("council", "is required for a \(kind.rawValue)")
        }
        try errors.throwIfAny()
        return EventSchedule(kind: kind!, format: format!, title: title, topic: form.topic.nonBlank, venue: venue, link: link,
                             officeCode: form.officeCode.nonBlank?.uppercased(),
                             councilCode: form.councilCode.nonBlank?.uppercased(), startsAt: startsAt!, endsAt: endsAt,
                             capacity: form.capacity)
    }
}

extension EventSchedule {
    /// The longest topic, venue and link an event keeps, checked when it is scheduled and changed.
    public static func checkLengths(topic: String?, venue: String?, link: String?, into errors: inout FieldErrorCollector) {
        if let topic, topic.count > FreeTextLimit.reason { errors.add("topic", "must have at most \(FreeTextLimit.reason) characters") }
        if let venue, venue.count > FreeTextLimit.title { errors.add("venue", "must have at most \(FreeTextLimit.title) characters") }
        if let link, link.count > 2_000 { errors.add("link", "must have at most 2000 characters") }
    }
}
