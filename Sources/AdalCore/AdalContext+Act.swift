import AdalDomain
import AdalStore
import Foundation
import PostgresNIO

/// A change in progress: the transaction it is made in, who makes it and why. Its audit entries
/// name that actor and carry that reason.
struct Change: Sendable {
    let connection: PostgresConnection
    let actor: String
    let reason: String?
    let context: AdalContext

    /// Adds an audit entry for `entity` to the change; `after` is an encoded JSON object (or nil), to
    /// which the change's reason is added.
    func audit(_ action: String, entity: String, id: String, regionID: Int64?, before: String? = nil,
               after: String? = nil) async throws {
        try await context.audit.append(AuditEntryDraft(
            actor: actor, action: action, entity: entity, entityID: id, regionID: regionID, before: before,
            after: Self.adding(reason: reason, to: after)), on: connection)
    }

    static func adding(reason: String?, to after: String?) -> String? {
        guard let reason else { return after }
        let reasonJSON = AuditJSON.encode(["reason": reason])
        guard let after, after.hasPrefix("{"), after.hasSuffix("}") else { return after ?? reasonJSON }
        let inner = after.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
        return inner.isEmpty ? reasonJSON : String(reasonJSON.dropLast()) + "," + inner + "}"
    }
}

extension AdalContext {
    /// The one way a change is made: `body` runs in one transaction limited to the context's scope
    /// (row-level security is set from it), adds its audit entries, and the log is sealed after commit.
    /// Core opens a transaction otherwise only to read (reports), to seal the log itself, for the
    /// worker's queue (its log is `deliveries` and `schedules`) and for the preview it rolls back.
    func act<T: Sendable>(actor: String, reason: String? = nil, readWrite: Bool = false,
                          _ body: (Change) async throws -> T) async throws -> T {
        let result = try await database.transaction(readWrite: readWrite) { connection in
            try await body(Change(connection: connection, actor: actor, reason: reason, context: self))
        }
        await AuditTrail(self).sealAfterCommit()
        return result
    }

    /// A read in the context's scope (in a transaction when scoped, so that row-level security applies).
    func read<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await database.withConnection(body)
    }
}
