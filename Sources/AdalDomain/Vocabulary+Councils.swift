// The closed lists of councils and their members.

public enum CouncilKind: String, CaseIterable, Codable, Sendable {
    case antiCorruptionCouncil = "anti_corruption_council"
    case commission
    case publicCouncil = "public_council"
}

public enum CouncilRole: String, CaseIterable, Codable, Sendable {
    case chair, deputyChair = "deputy_chair", secretary, member
}
