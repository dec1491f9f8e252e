import Crypto
import Foundation

/// The secret the audit chain's links and checkpoints are made with (HMAC-SHA-256). It is kept
/// outside the database (`ADAL_AUDIT_KEY_FILE`), so whoever can write to the database alone cannot
/// make links that verify, nor sign a checkpoint.
public struct AuditKey: Sendable {
    let key: SymmetricKey

    public init(bytes: [UInt8]) throws {
        guard bytes.count == 32 else { throw FieldError("ADAL_AUDIT_KEY_FILE", "the key must be 32 bytes (64 hex digits)") }
        key = SymmetricKey(data: bytes)
    }

    /// The key as a key file holds it: 64 hex digits, a line break allowed after them.
    public init(fileText: String) throws {
        let text = fileText.trimmingCharacters(in: .whitespacesAndNewlines)
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2, limitedBy: text.endIndex) ?? text.endIndex
            guard let byte = UInt8(text[index..<next], radix: 16) else {
                throw FieldError("ADAL_AUDIT_KEY_FILE", "the key file must hold 64 hex digits")
            }
            bytes.append(byte)
            index = next
        }
        try self.init(bytes: bytes)
    }

    /// A new key from the system's random source, and its file text.
    public static func generate() -> (key: AuditKey, fileText: String) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return (try! AuditKey(bytes: bytes), AuditChain.hex(bytes) + "\n")
    }

    func mac(_ parts: [[UInt8]]) -> [UInt8] {
        var hmac = HMAC<SHA256>(key: key)
        for part in parts { hmac.update(data: part) }
        return Array(hmac.finalize())
    }
}

extension AuditChain {
    /// A keyed link (RFC 6962's tree is not needed: one writer appends in order): the MAC under the
    /// key of the link's position, the link before it and the entry.
    public static func link(key: AuditKey, previous: [UInt8], position: Int64, record: AuditRecord) -> [UInt8] {
        key.mac([Array("adal-audit-link-1".utf8), bigEndian(position), previous, record.canonicalBytes])
    }

    static func bigEndian(_ value: Int64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * (7 - $0))) }
    }
}

/// What the chain held at a moment, signed with the audit key and kept outside the database: the
/// number of links and the last one's MAC. A chain that later lacks those links, or has another MAC
/// at that position — truncated, or rewritten and sealed again — no longer matches it.
public struct AuditCheckpoint: Codable, Sendable, Equatable {
    public let links: Int64
    public let head: String
    /// When it was made, ISO 8601 in UTC.
    public let at: String
    /// The head of the unkeyed chain kept before the key was introduced, when there was one.
    public let legacyHead: String?
    public let signature: String

    public init(key: AuditKey, links: Int64, head: [UInt8], at: String, legacyHead: [UInt8]?) {
        self.links = links
        self.head = AuditChain.hex(head)
        self.at = at
        self.legacyHead = legacyHead.map(AuditChain.hex)
        signature = AuditChain.hex(key.mac([Self.signed(links: links, head: self.head, at: at, legacyHead: self.legacyHead)]))
    }

    /// Whether the checkpoint was signed with `key` and not changed since.
    public func isSigned(by key: AuditKey) -> Bool {
        AuditChain.hex(key.mac([Self.signed(links: links, head: head, at: at, legacyHead: legacyHead)])) == signature
    }

    static func signed(links: Int64, head: String, at: String, legacyHead: String?) -> [UInt8] {
        Array("adal-audit-checkpoint-1\n\(links)\n\(head)\n\(at)\n\(legacyHead ?? "-")".utf8)
    }
}
