import Foundation

/// An audit entry before it is stored: `before` and `after` are JSON texts.
public struct AuditEntryDraft: Sendable {
    public let actor: String
    public let action: String
    public let entity: String
    public let entityID: String
    public let regionID: Int64?
    public let before: String?
    public let after: String?

    public init(actor: String, action: String, entity: String, entityID: String, regionID: Int64?,
                before: String?, after: String?) {
        self.actor = actor
        self.action = action
        self.entity = entity
        self.entityID = entityID
        self.regionID = regionID
        self.before = before
        self.after = after
    }
}
