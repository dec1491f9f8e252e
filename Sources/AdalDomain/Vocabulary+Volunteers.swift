// The closed lists of volunteers.

public enum VolunteerKind: String, CaseIterable, Codable, Sendable {
    case individual, student, corporate, proBono = "pro_bono", ngo

    /// Corporate, pro bono and NGO volunteers act for an organisation.
    public var needsOrganisation: Bool {
        self == .corporate || self == .proBono || self == .ngo
    }
}

public enum VolunteerArea: String, CaseIterable, Codable, Sendable {
    case budgetControl = "budget_control"
    case antiCorruptionEducation = "anti_corruption_education"
    case legalAid = "legal_aid"
    case publicMonitoring = "public_monitoring"
    case awareness
}

public enum VolunteerStatus: String, CaseIterable, Codable, Sendable {
    case active, paused, withdrawn, suspended
}
