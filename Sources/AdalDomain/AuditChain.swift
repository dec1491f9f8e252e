import Crypto

/// One audit entry exactly as stored, in the form its hash is computed from.
public struct AuditRecord: Sendable, Equatable {
    public let id: Int64
    /// Microseconds since 1970-01-01 UTC, as the database keeps it.
    public let occurredAtMicros: Int64
    public let actor: String
    public let action: String
    public let entity: String
    public let entityID: String
    public let regionID: Int64?
    /// The `jsonb` values in PostgreSQL's canonical text form, which does not depend on key order.
    public let before: String?
    public let after: String?

    public init(id: Int64, occurredAtMicros: Int64, actor: String, action: String, entity: String,
                entityID: String, regionID: Int64?, before: String?, after: String?) {
        self.id = id
        self.occurredAtMicros = occurredAtMicros
        self.actor = actor
        self.action = action
        self.entity = entity
        self.entityID = entityID
        self.regionID = regionID
        self.before = before
        self.after = after
    }

    /// Each field length-prefixed, so no two different entries share a canonical form.
    public var canonicalBytes: [UInt8] {
        let fields: [String?] = [String(id), String(occurredAtMicros), actor, action, entity, entityID,
                                 regionID.map(String.init), before, after]
        var bytes: [UInt8] = []
        for field in fields {
            guard let field else {
                bytes.append(contentsOf: Array("-;".utf8))
                continue
            }
            let utf8 = Array(field.utf8)
            bytes.append(contentsOf: Array("\(utf8.count):".utf8))
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: ";"))
        }
        return bytes
    }
}

/// The hash chain over audit entries: each link's hash covers its entry and the link before it.
public enum AuditChain {
    /// What the first link chains to.
    public static let genesis = [UInt8](repeating: 0, count: 32)

    public static func hash(previous: [UInt8], record: AuditRecord) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: previous)
        hasher.update(data: record.canonicalBytes)
        return Array(hasher.finalize())
    }

    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] })
    }
}

/// A stored link of the chain, joined to its entry (nil when the entry is gone).
public struct AuditLink: Sendable {
    public let position: Int64
    public let entryID: Int64
    public let storedHash: [UInt8]
    public let record: AuditRecord?

    public init(position: Int64, entryID: Int64, storedHash: [UInt8], record: AuditRecord?) {
        self.position = position
        self.entryID = entryID
        self.storedHash = storedHash
        self.record = record
    }
}

public enum AuditVerdict: Sendable, Equatable {
    case intact(links: Int)
    /// The first place the chain does not hold: a link's position and its entry (nil when the
    /// links are missing at the end), and why.
    case broken(position: Int64, entryID: Int64?, reason: String)
}

/// Re-computes the keyed links in order; the first stored MAC that differs names the tampered
/// entry. With a signed checkpoint, the chain must also reach it and agree with its head.
public struct AuditVerifier: Sendable {
    let key: AuditKey
    let checkpoint: AuditCheckpoint?
    public private(set) var previous: [UInt8] = AuditChain.genesis
    public private(set) var checked = 0
    private var expectedPosition: Int64 = 1

    /// - Throws: `FieldError` on `checkpoint` when it was not signed with `key` or was changed.
    public init(key: AuditKey, checkpoint: AuditCheckpoint? = nil) throws {
        if let checkpoint, !checkpoint.isSigned(by: key) {
            throw FieldError("checkpoint", "its signature does not match: it was changed, or made with another key")
        }
        self.key = key
        self.checkpoint = checkpoint
    }

    public mutating func check(_ link: AuditLink) -> AuditVerdict? {
        defer { expectedPosition = link.position + 1 }
        guard link.position == expectedPosition else {
            return .broken(position: link.position, entryID: link.entryID,
                           reason: "link \(expectedPosition) is missing from the chain")
        }
        guard let record = link.record else {
            return .broken(position: link.position, entryID: link.entryID, reason: "the entry was deleted")
        }
        let computed = AuditChain.link(key: key, previous: previous, position: link.position, record: record)
        guard computed == link.storedHash else {
            let unkeyed = AuditChain.hash(previous: previous, record: record) == link.storedHash
            return .broken(position: link.position, entryID: link.entryID, reason: unkeyed
                ? "its link was made without the key (plain SHA-256): the chain was rebuilt"
                : "its content does not match the MAC sealed for it (edited, moved, or sealed with another key)")
        }
        if let checkpoint, link.position == checkpoint.links, AuditChain.hex(computed) != checkpoint.head {
            return .broken(position: link.position, entryID: link.entryID,
                           reason: "the chain up to here differs from the checkpoint signed at \(checkpoint.at): rewritten and sealed again")
        }
        previous = computed
        checked += 1
        return nil
    }

    /// After the last link: a chain shorter than the checkpoint lost its last links.
    public func finish() -> AuditVerdict? {
        guard let checkpoint, Int64(checked) < checkpoint.links else { return nil }
        return .broken(position: Int64(checked) + 1, entryID: nil,
                       reason: "links \(checked + 1)–\(checkpoint.links) are missing at the end: the checkpoint signed at \(checkpoint.at) counted \(checkpoint.links)")
    }
}
