import AdalDomain
import AdalStore
import Foundation
import Logging

/// Sealing and verifying the audit log's hash chain.
public struct AuditTrail: Sendable {
    let context: AdalContext

    public init(_ context: AdalContext) { self.context = context }

    /// Chains every committed entry not yet chained; waits for a concurrent sealer.
    @discardableResult
    public func seal() async throws -> Int {
        try await context.database.transaction { connection in
            try await context.audit.seal(wait: true, on: connection)
        }
    }

    /// Seals after a use case commits, without ever failing or blocking it: when another sealer
    /// is busy, or sealing fails, the entries wait for the next seal.
    /// Within one process, commits that arrive while a seal runs only ask it to go round once more.
    func sealAfterCommit() async {
        // A scoped context is the API's: its database role may add entries but not chain them, and
        // sees only its regions' entries. `adal audit seal` (and the worker) seal for it.
        guard context.database.scope == nil, context.sealsAfterCommit else { return }
        let key = context.database.target.redactedURL
        guard await SealCoalescer.shared.begin(key) else { return }
        repeat {
            do {
                _ = try await context.database.transaction { connection in
                    try await context.audit.seal(wait: false, recentOnly: true, on: connection)
                }
            } catch {
                context.logger.warning("audit sealing deferred", metadata: ["error": "\(error)"])
            }
        } while await SealCoalescer.shared.finishOrContinue(key)
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

        public var isIntact: Bool { brokenEntryID == nil }
    }

    /// Re-computes the whole chain from the entries as stored now; names the first that does not match.
    public func verify(batchSize: Int = 2000) async throws -> Report {
        try await context.database.withConnection { connection in
            var verifier = AuditVerifier()
            var position: Int64 = 0
            while true {
                let links = try await context.audit.links(after: position, limit: batchSize, on: connection)
                if links.isEmpty { break }
                for link in links {
                    if case let .broken(at, entryID, reason) = verifier.check(link) {
                        return Report(verdict: "broken", linksChecked: verifier.checked, unsealedEntries: 0,
                                      brokenAtPosition: at, brokenEntryID: entryID, reason: reason)
                    }
                }
                position = links.last!.position
            }
            let unsealed = try await context.audit.unsealedCount(on: connection)
            return Report(verdict: "intact", linksChecked: verifier.checked, unsealedEntries: unsealed,
                          brokenAtPosition: nil, brokenEntryID: nil, reason: nil)
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
