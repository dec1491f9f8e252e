import Foundation

public enum StaffRole: String, CaseIterable, Codable, Sendable {
    case registrar, coordinator, admin, auditor
}

/// A staff account as others see it: never its password hash.
public struct StaffUser: Codable, Sendable, Equatable {
    public let id: UUID
    public let email: String
    public let name: String
    public let role: StaffRole
    /// The region whose subtree the user sees; nil with `allRegions`.
    public let regionCode: String?
    public let officeCode: String?
    public let allRegions: Bool
    public let disabled: Bool

    public init(id: UUID, email: String, name: String, role: StaffRole, regionCode: String?, officeCode: String?,
                allRegions: Bool, disabled: Bool) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.regionCode = regionCode
        self.officeCode = officeCode
        self.allRegions = allRegions
        self.disabled = disabled
    }
}

/// The rules for passwords staff choose.
public enum PasswordPolicy {
    public static func check(_ password: String, field: String = "password") throws {
        guard password.count >= 12 else { throw FieldError(field, "must have at least 12 characters") }
        guard password.count <= 72, password.utf8.count <= 72 else {
            throw FieldError(field, "must have at most 72 bytes (bcrypt ignores the rest)")
        }
    }
}
