import AdalDomain
import AdalStore
import Foundation

/// The offices and every name they are known by; an admin adds the names eOtinish and the mail
/// use for an office of their regions, so appeals written to it reach its queue.
public struct Offices: Sendable {
    let context: AdalContext

    public init(_ context: AdalContext) { self.context = context }

    public struct Entry: Codable, Sendable {
        public let code: String
        public let region: String
        public let names: [String: String]
        public let aliases: [String]
    }

    public func list() async throws -> [Entry] {
        try await context.read { connection in
            try await context.offices.directory(on: connection).map {
                Entry(code: $0.code, region: $0.regionCode, names: $0.names, aliases: $0.aliases)
            }
        }
    }

    /// Adds `alias` as another name of office `code`; a name another office is known by is refused.
    public func addAlias(code: String, alias: String, actor: String) async throws -> Entry {
        let trimmed = alias.trimmingCharacters(in: .whitespacesAndNewlines)
        let key = OfficeName.key(trimmed)
        guard !key.isEmpty else { throw ValidationFailure([FieldError("alias", "must contain letters or digits")]) }
        try FreeTextLimit.check(trimmed, field: "alias", limit: FreeTextLimit.title)
        return try await context.act(actor: actor) { change in
            let connection = change.connection
            let directory = try await context.offices.directory(on: connection)
            guard let office = directory.first(where: { $0.code == code.uppercased() }) else {
                throw ValidationFailure([FieldError("office", "no office has the code '\(code)'")])
            }
            guard context.scope.contains(regionID: office.regionID) else {
                throw ValidationFailure([FieldError("office", "office \(office.code) is outside the regions you work in")])
            }
            if let other = directory.first(where: { other in
                other.id != office.id && (Array(other.names.values) + other.aliases).contains { OfficeName.key($0) == key }
            }) {
                throw ValidationFailure([FieldError("alias", "office \(other.code) is known by that name already")])
            }
            if Array(office.names.values).contains(where: { OfficeName.key($0) == key }) {
                throw ValidationFailure([FieldError("alias", "that is already one of \(office.code)'s own names")])
            }
            guard try await context.offices.addAliasIfAbsent(officeID: office.id, alias: trimmed, key: key, on: connection) else {
                let owner = try await context.offices.aliasOwner(key: key, on: connection) ?? office.code
                throw ValidationFailure([FieldError("alias", "office \(owner) is known by that name already")])
            }
            try await change.audit("office.alias_add", entity: "office", id: office.code, regionID: office.regionID,
                                   after: AuditJSON.encode(["alias": trimmed]))
            return Entry(code: office.code, region: office.regionCode, names: office.names, aliases: office.aliases + [trimmed])
        }
    }
}
