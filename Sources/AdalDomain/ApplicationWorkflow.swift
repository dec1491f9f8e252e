/// Where an application to volunteer stands in its review.
public enum ApplicationStatus: String, CaseIterable, Codable, Sendable {
    case received, screening
    case needsInfo = "needs_info"
    case accepted, rejected, withdrawn

    /// Still waiting for the office: the legal deadline runs.
    public var isOpen: Bool {
        switch self {
        case .received, .screening, .needsInfo: return true
        case .accepted, .rejected, .withdrawn: return false
        }
    }
}

/// What a reviewer does to an application.
public enum ApplicationAction: String, CaseIterable, Codable, Sendable {
    case screen
    case requestInfo = "request-info"
    case accept, reject, withdraw

    /// The states this action may start from.
    public var allowedFrom: [ApplicationStatus] {
        switch self {
        case .screen: return [.received, .needsInfo]
        case .requestInfo: return [.screening]
        case .accept: return [.screening]
        case .reject: return [.screening, .needsInfo]
        case .withdraw: return [.received, .screening, .needsInfo]
        }
    }

    public var target: ApplicationStatus {
        switch self {
        case .screen: return .screening
        case .requestInfo: return .needsInfo
        case .accept: return .accepted
        case .reject: return .rejected
        case .withdraw: return .withdrawn
        }
    }
}

/// The workflow: received → screening → (needs_info ↔ screening) → accepted | rejected; withdrawn from any open state.
public enum ApplicationWorkflow {
    /// The state `action` leads to from `status`.
    /// - Throws: `FieldError` on `status`, naming the states that allow the action.
    public static func apply(_ action: ApplicationAction, to status: ApplicationStatus) throws -> ApplicationStatus {
        guard action.allowedFrom.contains(status) else {
            let allowed = action.allowedFrom.map(\.rawValue).joined(separator: ", ")
            throw FieldError("status", "cannot \(action.rawValue) an application that is \(status.rawValue); allowed from: \(allowed)")
        }
        return action.target
    }
}
