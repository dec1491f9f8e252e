import Foundation

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
