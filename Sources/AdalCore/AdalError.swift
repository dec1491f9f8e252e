import AdalDomain

/// A refusal a user can act on, in one line.
public enum AdalError: Error, Equatable, Sendable, CustomStringConvertible {
    case notFound(entity: String, key: String)
    /// The input clashes with a stored record; `existing` names it.
    case conflict(field: String, reason: String, existing: String)
    case configuration(String)
    /// A conditional change was asked of a state that is no longer current; `current` is its tag now.
    case stale(current: String)
    /// A conditional change was asked without saying of which state.
    case preconditionRequired(String)
    /// The national ID belongs to a person another region's office keeps: the one answer a
    /// registrar gets, saying nothing of the other record (the attempt is kept for the admins).
    case registeredElsewhere

    public var description: String {
        switch self {
        case let .notFound(entity, key): return "\(entity) '\(key)' not found"
        case let .conflict(field, reason, existing): return "\(field): \(reason) (\(existing))"
        case let .configuration(message): return message
        case .stale: return "the record changed since it was read; read it again"
        case let .preconditionRequired(message): return message
        case .registeredElsewhere:
            return "national_id: registered_elsewhere — another office keeps this person; an admin whose regions cover both will decide"
        }
    }
}
