import AdalDomain
import AdalStore
import Foundation
import Logging

/// Sealing and verifying the audit log's hash chain.
public struct AuditTrail: Sendable {
    let context: AdalContext

    public init(_ context: AdalContext) { self.context = context }

    /// Chains every committed entry not yet chained under the audit key; waits for a concurrent sealer.
    @discardableResult
    public func seal() async throws -> Int {
        let key = try requireKey()
        return try await context.database.transaction { connection in
            try await context.audit.seal(key: key, wait: true, on: connection)
        }
    }

    /// The key, or a refusal that says where it should be.
    func requireKey() throws -> AuditKey {
        guard let key = context.auditKey else {
            throw AdalError.configuration("no audit key: `adal db migrate` makes one at ADAL_AUDIT_KEY_FILE (default .adal/audit.key); restore the one this database was sealed with there")
        }
        return key
    }

    /// Seals after a use case commits, without ever failing or blocking it: when another sealer
    /// is busy, or sealing fails, the entries wait for the next seal.
    /// Within one process, commits that arrive while a seal runs only ask it to go round once more.
    func sealAfterCommit() async {
        // A scoped context is the API's: its database role may add entries but not chain them, and
        // sees only its regions' entries. `adal audit seal` (and the worker) seal for it. Without
        // the key, entries wait for a process that has it.
        guard context.database.scope == nil, context.sealsAfterCommit, let auditKey = context.auditKey else { return }
        let key = context.database.target.redactedURL
        guard await SealCoalescer.shared.begin(key) else { return }
        repeat {
            do {
                _ = try await context.database.transaction { connection in
                    try await context.audit.seal(key: auditKey, wait: false, recentOnly: true, on: connection)
                }
            } catch {
                context.logger.warning("audit sealing deferred", metadata: ["error": "\(error)"])
            }
        } while await SealCoalescer.shared.finishOrContinue(key)
    }

    /// The digest entries keep in place of a personal value, exactly as typed (a phone as stored,
    /// +77015550101): what an auditor searches the log for, or shows a value was the one changed.
    public func digest(_ value: String) async throws -> String {
        try await context.read { try await context.audit.personalDigest(value, on: $0) }
    }

    /// Entries in the context's scope, newest first.
    public func entries(before: Int64?, limit: Int, entity: String?, entityID: String?,
                        action: String?) async throws -> [AuditRecord] {
        try await context.database.withConnection { connection in
            try await context.audit.list(before: before, limit: limit, entity: entity, entityID: entityID, action: action,
                                         within: context.scope.limit, on: connection)
        }
    }

    public struct Report: Sendable, Codable {
        public let verdict: String
        public let linksChecked: Int
        public let unsealedEntries: Int
        public let brokenAtPosition: Int64?
        public let brokenEntryID: Int64?
        public let reason: String?
        /// The links the checkpoint verified against counted, when one was given.
        public let checkpointLinks: Int64?

        public var isIntact: Bool { brokenAtPosition == nil }
    }

    /// Re-computes the whole chain under the key from the entries as stored now, and, with a signed
    /// checkpoint, checks that the chain still reaches it and agrees with its head; names the first
    /// place that does not hold.
    /// - Throws: `FieldError` on `checkpoint` when the checkpoint was not signed with this key.
    /// The chain as far as it is seen without its key (the API's process holds none): its links, when
    /// the last was sealed, and the entries not sealed yet. Only `verify`, with the key, re-computes it.
    public func reach() async throws -> (links: Int64, lastSealedAt: Date?, unsealed: Int) {
        try await context.read { connection in
            let reach = try await context.audit.chainReach(on: connection)
            return (reach.links, reach.lastSealedAt, try await context.audit.unsealedCount(on: connection))
        }
    }

    public func verify(checkpoint: AuditCheckpoint? = nil, batchSize: Int = 2000) async throws -> Report {
        var verifier = try AuditVerifier(key: try requireKey(), checkpoint: checkpoint)
        return try await context.read { connection in
            func broken(_ position: Int64, _ entryID: Int64?, _ reason: String) -> Report {
                Report(verdict: "broken", linksChecked: verifier.checked, unsealedEntries: 0, brokenAtPosition: position,
                       brokenEntryID: entryID, reason: reason, checkpointLinks: checkpoint?.links)
            }
            var position: Int64 = 0
            while true {
                let links = try await context.audit.links(after: position, limit: batchSize, on: connection)
                if links.isEmpty { break }
                for link in links {
                    if case let .broken(at, entryID, reason) = verifier.check(link) { return broken(at, entryID, reason) }
                }
                position = links.last!.position
            }
            if case let .broken(at, entryID, reason) = verifier.finish() { return broken(at, entryID, reason) }
            let unsealed = try await context.audit.unsealedCount(on: connection)
            return Report(verdict: "intact", linksChecked: verifier.checked, unsealedEntries: unsealed,
                          brokenAtPosition: nil, brokenEntryID: nil, reason: nil, checkpointLinks: checkpoint?.links)
        }
    }

    /// Seals, then writes a checkpoint of the chain's head signed with the key to `directory` (the
    /// configured one when nil), as `checkpoint-<links>-<time>.json`; returns its path.
    public func checkpoint(to directory: String? = nil, now: Date = Date()) async throws -> (path: String, checkpoint: AuditCheckpoint) {
        let key = try requireKey()
        guard let folder = directory ?? context.auditCheckpointDirectory else {
            throw AdalError.configuration("no checkpoint folder: set ADAL_AUDIT_CHECKPOINT_DIR or give --dir")
        }
        try await seal()
        let (links, head, legacy) = try await context.read { connection in
            let (position, head) = try await context.audit.lastLink(on: connection)
            return (position, head, try await context.audit.legacyHead(on: connection))
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let checkpoint = AuditCheckpoint(key: key, links: links, head: head, at: formatter.string(from: now), legacyHead: legacy)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let stamp = formatter.string(from: now).replacingOccurrences(of: ":", with: "")
        let path = folder + "/checkpoint-\(String(format: "%010d", links))-\(stamp).json"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try encoder.encode(checkpoint).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
        return (path, checkpoint)
    }

    /// A checkpoint file as `checkpoint` wrote it.
    public static func readCheckpoint(_ path: String) throws -> AuditCheckpoint {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationFailure([FieldError("checkpoint", "cannot read \(path)")])
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(AuditCheckpoint.self, from: data)
        } catch {
            throw ValidationFailure([FieldError("checkpoint", "\(path) is not a checkpoint Adal wrote")])
        }
    }
}

/// One after-commit sealer per database per process; the others leave a note that it should go again.
actor SealCoalescer {
    static let shared = SealCoalescer()
    private var running: Set<String> = []
    private var again: Set<String> = []

    /// Whether the caller should seal now (false: a sealer is running and will go round again).
    func begin(_ database: String) -> Bool {
        if running.contains(database) {
            again.insert(database)
            return false
        }
        running.insert(database)
        return true
    }

    /// Whether the sealer should go round once more for commits that arrived meanwhile.
    func finishOrContinue(_ database: String) -> Bool {
        if again.remove(database) != nil { return true }
        running.remove(database)
        return false
    }
}

public enum AuditJSON {
    public static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }
}
