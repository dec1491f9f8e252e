/// The closed lists of the domain. Their raw values are what the database stores and checks.

public enum RegionLevel: String, CaseIterable, Codable, Sendable {
    case country, region, district, ruralDistrict = "rural_district"
}

public enum Language: String, CaseIterable, Codable, Sendable {
    case kk, ru, uz, az, en
}

public enum OrganisationKind: String, CaseIterable, Codable, Sendable {
    case ngo, business, quasiPublic = "quasi_public", university, media, stateBody = "state_body"
}

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

public enum EventKind: String, CaseIterable, Codable, Sendable {
    case publicHearing = "public_hearing"
    case councilMeeting = "council_meeting"
    case commissionMeeting = "commission_meeting"
    case seminar
    case roundTable = "round_table"
    case videoconference
    case awarenessMeeting = "awareness_meeting"
    case training
}

public enum EventFormat: String, CaseIterable, Codable, Sendable {
    case inPerson = "in_person", online, hybrid
}

public enum EventStatus: String, CaseIterable, Codable, Sendable {
    case planned, held, cancelled, postponed
}

public enum ParticipantRole: String, CaseIterable, Codable, Sendable {
    case moderator, speaker, participant, media, observer, organiser
}

public enum Attendance: String, CaseIterable, Codable, Sendable {
    case attended, absent
}

public enum CouncilKind: String, CaseIterable, Codable, Sendable {
    case antiCorruptionCouncil = "anti_corruption_council"
    case commission
    case publicCouncil = "public_council"
}

public enum CouncilRole: String, CaseIterable, Codable, Sendable {
    case chair, deputyChair = "deputy_chair", secretary, member
}

public enum OfficeKind: String, CaseIterable, Codable, Sendable {
    case preventionOffice = "prevention_office"
    case agencyDepartment = "agency_department"
    case localGovernment = "local_government"
}

extension CaseIterable where Self: RawRepresentable, RawValue == String {
    /// Reads one of the list's raw values, or throws a field error that lists the allowed ones.
    public static func parse(_ raw: String, field: String) throws -> Self {
        let trimmed = raw.trimmingWhitespace().lowercased().replacingOccurrences(of: "-", with: "_")
        if let value = allCases.first(where: { $0.rawValue.lowercased() == trimmed }) { return value }
        let allowed = allCases.map(\.rawValue).joined(separator: ", ")
        throw FieldError(field, "'\(raw)' is not one of: \(allowed)")
    }
}
