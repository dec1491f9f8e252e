import AdalDomain
import AdalStore
import Foundation

extension Applications {
    /// An attachment's file, as `actor` downloads it: the read and its audit entry are one transaction.
    public func attachment(_ id: String, number: Int, actor: String) async throws -> ApplicationRepository.AttachmentFile {
        let uuid = try Self.parseID(id)
        return try await context.act(actor: actor) { change in
            let connection = change.connection
            guard let current = try await context.applications.lock(id: uuid, on: connection),
                  context.scope.contains(regionID: current.regionID),
                  let file = try await context.applications.attachment(applicationID: uuid, number: number, on: connection) else {
                throw AdalError.notFound(entity: "attachment", key: "\(id)/\(number)")
            }
            try await context.audit.append(AuditEntryDraft(
                actor: actor, action: "application.attachment_read", entity: "application", entityID: uuid.uuidString.lowercased(),
                regionID: current.regionID, before: nil, after: AuditJSON.encode(["attachment": String(number)])), on: connection)
            return file
        }
    }
}
