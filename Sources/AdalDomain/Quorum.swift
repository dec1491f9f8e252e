import Foundation

/// When a council may decide: more than half of the members in office that day, or the share the
/// council's own rules set.
public enum Quorum {
    public static func required(membersInOffice: Int, fraction: Double?) -> Int {
        guard let fraction else { return membersInOffice / 2 + 1 }
        return max(1, Int((Double(membersInOffice) * fraction - 1e-9).rounded(.up)))
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
