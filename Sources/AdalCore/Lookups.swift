import AdalDomain
import AdalStore
import Foundation

/// What the short forms a person types stand for: a short ID (the last 8 hex digits of a UUID, as
/// the CLI's lists print them) or, for people and volunteers, a national ID. Anything else is
/// passed on as written, for the use case to take as a UUID or a reference.
public struct Lookups: Sendable {
    let context: AdalContext

    public init(_ context: AdalContext) { self.context = context }

    public typealias Table = RecordLookupRepository.Table

    /// The full id `text` stands for in `table`, or `text` itself when it is not a short form.
    /// - Throws: a `ValidationFailure` on `field` when a short ID or national ID matches no record, or several.
    public func id(_ text: String, in table: Table, field: String) async throws -> String {
        let found: [UUID]
        switch RecordReference.parse(text, people: table == .people || table == .volunteers) {
        case nil, .uuid?:
            return text
        case .short(let short)?:
            found = try await context.read { try await context.lookups.ids(in: table, short: short, on: $0) }
        case .nationalID(let value)?:
            found = try await context.read { connection in
                let people = try await context.lookups.people(nationalID: value, on: connection)
                guard table == .volunteers, people.count == 1 else { return people }
                return try await context.lookups.volunteer(person: people[0], on: connection).map { [$0] } ?? []
            }
        }
        guard found.count == 1 else {
            throw ValidationFailure([FieldError(field, found.isEmpty
                ? "no \(table.singular) is '\(text)'"
                : "'\(text)' names more than one \(table.singular); give the full id")])
        }
        return found[0].uuidString.lowercased()
    }

    /// Each of `texts` resolved as `id(_:in:field:)` does.
    public func ids(_ texts: [String], in table: Table, field: String) async throws -> [String] {
        var resolved: [String] = []
        for text in texts { resolved.append(try await id(text, in: table, field: field)) }
        return resolved
    }
}
