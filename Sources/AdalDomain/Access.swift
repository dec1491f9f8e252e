import Foundation

/// The regions a user's requests may touch: the subtree of their region, or every region.
public struct RegionScope: Sendable, Equatable {
    public let allRegions: Bool
    public let regionIDs: [Int64]
    public let regionCodes: Set<String>

    public init(allRegions: Bool, regionIDs: [Int64], regionCodes: Set<String>) {
        self.allRegions = allRegions
        self.regionIDs = regionIDs
        self.regionCodes = regionCodes
    }

    public static let everyRegion = RegionScope(allRegions: true, regionIDs: [], regionCodes: [])

    public func contains(regionCode: String) -> Bool { allRegions || regionCodes.contains(regionCode) }
    public func contains(regionID: Int64) -> Bool { allRegions || regionIDs.contains(regionID) }

    /// The row keys a query is limited to; nil for all regions.
    public var limit: [Int64]? { allRegions ? nil : regionIDs }

}

/// Who is asking: an authenticated staff account with the regions it may see.
public struct Principal: Sendable, Equatable {
    public let user: StaffUser
    public let scope: RegionScope
    /// The language the staff member chose for themselves (`adal users notify --language`), if any.
    public let language: Language?

    public init(user: StaffUser, scope: RegionScope, language: Language? = nil) {
        self.user = user
        self.scope = scope
        self.language = language
    }

    public var role: StaffRole { user.role }
    /// How the audit log names this user.
    public var actor: String { "staff:\(user.email)" }

    public func may(_ permission: Permission) -> Bool { permission.roles.contains(user.role) }
}

/// What a request does, and the roles allowed to do it (the matrix in the README).
public enum Permission: String, CaseIterable, Sendable {
    case readVolunteers = "read_volunteers"
    case readVolunteerIdentity = "read_volunteer_identity"
    case writeVolunteers = "write_volunteers"
    case readApplications = "read_applications"
    case writeApplications = "write_applications"
    case readEvents = "read_events"
    case writeEvents = "write_events"
    case readCouncils = "read_councils"
    case writeCouncils = "write_councils"
    case readAuditLog = "read_audit_log"
    case manageUsers = "manage_users"
    case decideConflicts = "decide_conflicts"
    case runReports = "run_reports"
    /// Action plans and their items, offices' other names.
    case manageReferenceData = "manage_reference_data"

    public var roles: Set<StaffRole> {
        switch self {
        case .readVolunteers: return [.registrar, .coordinator, .admin, .auditor]
        // Coordinators see volunteers with the national ID masked.
        case .readVolunteerIdentity: return [.registrar, .admin, .auditor]
        case .writeVolunteers, .writeApplications: return [.registrar, .admin]
        case .readApplications: return [.registrar, .admin, .auditor]
        case .readEvents, .readCouncils: return [.coordinator, .admin, .auditor]
        case .writeEvents, .writeCouncils: return [.coordinator, .admin]
        case .readAuditLog, .runReports: return [.admin, .auditor]
        case .manageUsers, .decideConflicts, .manageReferenceData: return [.admin]
        }
    }
}

public enum Masking {
    /// A national ID with all but its last four characters hidden.
    public static func nationalID(_ value: String) -> String {
        String(repeating: "•", count: max(0, value.count - 4)) + value.suffix(4)
    }
}
