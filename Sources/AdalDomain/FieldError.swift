/// One reason a piece of input was refused, named by the field it came from.
public struct FieldError: Error, Equatable, Sendable, CustomStringConvertible {
    public let field: String
    public let reason: String

    public init(_ field: String, _ reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}

/// Every problem found in one piece of input, so a user can fix them all at once.
public struct ValidationFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public let errors: [FieldError]

    public init(_ errors: [FieldError]) {
        self.errors = errors
    }

    public var description: String { errors.map(\.description).joined(separator: "; ") }
}

/// Collects field errors while a whole input is checked, instead of stopping at the first.
public struct FieldErrorCollector: Sendable {
    public private(set) var errors: [FieldError] = []

    public init() {}

    /// Runs `check`; a thrown `FieldError` is recorded and `nil` returned.
    public mutating func check<T>(_ check: () throws -> T) -> T? {
        do {
            return try check()
        } catch let error as FieldError {
            errors.append(error)
        } catch let failure as ValidationFailure {
            errors.append(contentsOf: failure.errors)
        } catch {
            errors.append(FieldError("input", "\(error)"))
        }
        return nil
    }

    public mutating func add(_ field: String, _ reason: String) {
        errors.append(FieldError(field, reason))
    }

    public func throwIfAny() throws {
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }
}

/// The longest free text a field of a meeting's record keeps: enough for what people write there,
/// and a refusal naming the field instead of a statement the database or a mail job cannot carry.
public enum FreeTextLimit {
    public static let reason = 2_000
    public static let title = 500
    public static let name = 200
    public static let decision = 20_000

    /// A refusal for `value` when it is longer than `limit` characters.
    public static func check(_ value: String?, field: String, limit: Int) throws {
        guard let value, value.count > limit else { return }
        throw ValidationFailure([FieldError(field, "is longer than \(limit) characters")])
    }
}
