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
        if let format {
            if format != .online && venue == nil { errors.add("venue", "is required for an event held in person") }
            if format != .inPerson && link == nil { errors.add("link", "is required for an event held online") }
        }
        if let link, !(link.hasPrefix("https://") || link.hasPrefix("http://")) {
            errors.add("link", "must be an http or https address")
        }
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

/// When a council may decide: more than half of the members in office that day, or the share the
/// council's own rules set.
public enum Quorum {
    public static func required(membersInOffice: Int, fraction: Double?) -> Int {
        guard let fraction else { return membersInOffice / 2 + 1 }
        return max(1, Int((Double(membersInOffice) * fraction - 1e-9).rounded(.up)))
    }
}

/// Certificate numbers: the office's code, the year and a serial, e.g. `KAR-2026-0001`.
public enum CertificateNumber {
    public static func make(officeCode: String, year: Int, serial: Int) -> String {
        "\(officeCode.uppercased())-\(year)-\(String(format: "%04d", serial))"
    }
}

/// A certificate as anyone may check it: whose it is, for which event and date, and nothing else.
public struct CertificateRecord: Codable, Sendable, Equatable {
    public let number: String
    public let holder: String
    public let eventTitle: String
    public let eventDate: CivilDate?
    public let officeCode: String

    public init(number: String, holder: String, eventTitle: String, eventDate: CivilDate?, officeCode: String) {
        self.number = number
        self.holder = holder
        self.eventTitle = eventTitle
        self.eventDate = eventDate
        self.officeCode = officeCode
    }
}

/// What holding a meeting found: who was present against the quorum.
public struct HoldingReport: Codable, Sendable, Equatable {
    public let eventID: UUID
    public let membersInOffice: Int
    public let present: Int
    public let quorum: Int
    public let quorumMet: Bool
    public let attended: Int

    public init(eventID: UUID, membersInOffice: Int, present: Int, quorum: Int, quorumMet: Bool, attended: Int) {
        self.eventID = eventID
        self.membersInOffice = membersInOffice
        self.present = present
        self.quorum = quorum
        self.quorumMet = quorumMet
        self.attended = attended
    }
}

/// Whom a coordinator means: a person Adal knows (by id), or a new one described by name.
public enum PersonReference: Sendable {
    case known(String)
    case new(NewPersonForm)
}

/// A person known only by name, position and organisation (a speaker, a council member); contact optional.
public struct NewPersonForm: Sendable {
    public var name: String
    public var position: String?
    public var organisation: String?
    public var phone: String?
    public var email: String?
    /// Nil: the state language of the country the person is added in.
    public var language: String?

    public init(name: String, position: String? = nil, organisation: String? = nil, phone: String? = nil,
                email: String? = nil, language: String? = nil) {
        self.name = name
        self.position = position
        self.organisation = organisation
        self.phone = phone
        self.email = email
        self.language = language
    }
}
