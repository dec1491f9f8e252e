import Foundation

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
