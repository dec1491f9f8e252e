import Foundation

/// What the store reads back, shaped for people: names resolved, codes instead of row keys.

public struct Region: Codable, Sendable, Equatable {
    public let id: Int64
    public let code: String
    public let parentCode: String?
    public let level: RegionLevel
    public let country: Country
    public let timeZone: String
    public let names: [String: String]
    public let aliases: [String]

    public init(id: Int64, code: String, parentCode: String?, level: RegionLevel, country: Country,
                timeZone: String, names: [String: String], aliases: [String]) {
        self.id = id
        self.code = code
        self.parentCode = parentCode
        self.level = level
        self.country = country
        self.timeZone = timeZone
        self.names = names
        self.aliases = aliases
    }

    /// The name in `language`, falling back to English.
    public func name(in language: Language = .en) -> String {
        names[language.rawValue] ?? names["en"] ?? code
    }
}

public struct Volunteer: Codable, Sendable, Equatable {
    public let id: UUID
    public let personID: UUID
    public let fullName: String
    public let nationalIDKind: NationalIDKind?
    public let nationalID: String?
    public let birthDate: CivilDate?
    public let phone: String?
    public let email: String?
    public let language: Language
    public let regionCode: String
    public let officeCode: String?
    public let kind: VolunteerKind
    public let areas: [VolunteerArea]
    public let organisation: String?
    public let status: VolunteerStatus
    public let joinedOn: CivilDate
    public let hours: String
    public let createdAt: Date

    public init(id: UUID, personID: UUID, fullName: String, nationalIDKind: NationalIDKind?, nationalID: String?,
                birthDate: CivilDate?, phone: String?, email: String?, language: Language, regionCode: String,
                officeCode: String?, kind: VolunteerKind, areas: [VolunteerArea], organisation: String?,
                status: VolunteerStatus, joinedOn: CivilDate, hours: String, createdAt: Date) {
        self.id = id
        self.personID = personID
        self.fullName = fullName
        self.nationalIDKind = nationalIDKind
        self.nationalID = nationalID
        self.birthDate = birthDate
        self.phone = phone
        self.email = email
        self.language = language
        self.regionCode = regionCode
        self.officeCode = officeCode
        self.kind = kind
        self.areas = areas
        self.organisation = organisation
        self.status = status
        self.joinedOn = joinedOn
        self.hours = hours
        self.createdAt = createdAt
    }
}

public struct EventParticipant: Codable, Sendable, Equatable {
    public let fullName: String
    public let position: String?
    public let organisation: String?
    public let role: ParticipantRole
    public let attendance: Attendance?

    public init(fullName: String, position: String?, organisation: String?, role: ParticipantRole, attendance: Attendance?) {
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

public struct CouncilMember: Codable, Sendable, Equatable {
    /// The person's id: what `hold --present` names.
    public let personID: UUID?
    public let fullName: String
    public let position: String?
    public let role: CouncilRole
    public let termFrom: CivilDate?
    public let termTo: CivilDate?

    public init(personID: UUID? = nil, fullName: String, position: String?, role: CouncilRole, termFrom: CivilDate?,
                termTo: CivilDate?) {
        self.personID = personID
        self.fullName = fullName
        self.position = position
        self.role = role
        self.termFrom = termFrom
        self.termTo = termTo
    }
}

public struct Council: Codable, Sendable, Equatable {
    public let id: Int64
    public let code: String
    public let kind: CouncilKind
    public let names: [String: String]
    public let regionCode: String
    public let officeCode: String?
    public let establishedOn: CivilDate?
    public var members: [CouncilMember]

    public init(id: Int64, code: String, kind: CouncilKind, names: [String: String], regionCode: String,
                officeCode: String?, establishedOn: CivilDate?, members: [CouncilMember]) {
        self.id = id
        self.code = code
        self.kind = kind
        self.names = names
        self.regionCode = regionCode
        self.officeCode = officeCode
        self.establishedOn = establishedOn
        self.members = members
    }
}

/// An audit entry before it is stored: `before` and `after` are JSON texts.
public struct AuditEntryDraft: Sendable {
    public let actor: String
    public let action: String
    public let entity: String
    public let entityID: String
    public let regionID: Int64?
    public let before: String?
    public let after: String?

    public init(actor: String, action: String, entity: String, entityID: String, regionID: Int64?,
                before: String?, after: String?) {
        self.actor = actor
        self.action = action
        self.entity = entity
        self.entityID = entityID
        self.regionID = regionID
        self.before = before
        self.after = after
    }
}
