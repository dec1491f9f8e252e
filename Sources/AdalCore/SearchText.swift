import AdalDomain
import Foundation

/// What a list's search box holds: a name in any script (compared on its Latin search key), or a
/// reference or national ID compared exactly.
struct SearchText: Sendable {
    let filter: (nameKey: String, exact: String)

    /// nil for no search; a refusal for one with nothing to look for.
    init?(_ text: String?, field: String = "search") throws {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        guard trimmed.count <= 200 else { throw ValidationFailure([FieldError(field, "must have at most 200 characters")]) }
        let key = SearchKey.make(trimmed)
        guard !key.isEmpty || trimmed.contains(where: \.isNumber) else {
            throw ValidationFailure([FieldError(field, "must contain letters or digits")])
        }
        // A national ID or a reference is looked for as typed (spaces taken out of a number).
        let exact = trimmed.allSatisfy({ $0.isNumber || $0 == " " }) ? trimmed.replacingOccurrences(of: " ", with: "") : trimmed
        filter = (key, exact)
    }
}
