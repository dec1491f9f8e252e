import Foundation

public struct EventParticipant: Codable, Sendable, Equatable {
    /// What attendance, holding and certificates name the person by.
    public let personID: UUID
    public let fullName: String
    public let position: String?
    public let organisation: String?
    public let role: ParticipantRole
    public let attendance: Attendance?
    /// Their answer to the invitation: invited (no answer yet), registered or declined.
    public let invitation: String

    public init(personID: UUID, fullName: String, position: String?, organisation: String?, role: ParticipantRole,
                attendance: Attendance?, invitation: String = "invited") {
        self.invitation = invitation
        self.personID = personID
        self.fullName = fullName
        self.position = position
        self.organisation = organisation
        self.role = role
        self.attendance = attendance
    }
}

public struct Event: Codable, Sendable, Equatable {
    public let id: UUID
    public let kind: EventKind
    public let format: EventFormat
    public let title: String
    public let topic: String?
    public let venue: String?
    public let link: String?
    public let startsAt: Date?
    public let endsAt: Date?
    /// The start and end as wall-clock times in the region's zone, `yyyy-MM-dd HH:mm`.
    public let startsLocal: String?
    public let endsLocal: String?
    public let heldOn: CivilDate?
    public let timeZone: String
    public let regionCode: String
    public let officeCode: String?
    public let councilCode: String?
    public let status: EventStatus
    /// Plan items as `PLAN-CODE item`, e.g. `AZ-NAP-2022-2026 6.2`.
    public let planItems: [String]
    public let partners: [String]
    public var participants: [EventParticipant]
    /// The minutes recorded when the event was held.
    public let minutes: String?
    public let capacity: Int?

    public init(id: UUID, kind: EventKind, format: EventFormat, title: String, topic: String?, venue: String?,
                link: String?, startsAt: Date?, endsAt: Date?, heldOn: CivilDate?, timeZone: String, regionCode: String,
                officeCode: String?, councilCode: String?, status: EventStatus, planItems: [String],
                partners: [String], participants: [EventParticipant], minutes: String? = nil, capacity: Int? = nil) {
        self.minutes = minutes
        self.capacity = capacity
        self.id = id
        self.kind = kind
        self.format = format
        self.title = title
        self.topic = topic
        self.venue = venue
        self.link = link
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.startsLocal = startsAt.map { LocalTime.format($0, zone: timeZone) }
        self.endsLocal = endsAt.map { LocalTime.format($0, zone: timeZone) }
        self.heldOn = heldOn
        self.timeZone = timeZone
        self.regionCode = regionCode
        self.officeCode = officeCode
        self.councilCode = councilCode
        self.status = status
        self.planItems = planItems
        self.partners = partners
        self.participants = participants
    }
}
