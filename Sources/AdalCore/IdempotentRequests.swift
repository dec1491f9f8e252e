import AdalStore
import Crypto
import Foundation

/// Requests that create something, made safe to retry: the first response to a key is kept and
/// returned to every retry with the same key and body.
public struct IdempotentRequests: Sendable {
    /// A response kept for replay.
    public typealias StoredResponse = IdempotencyRepository.StoredResponse

    let context: AdalContext
    /// A claim left running this long (by a server of an earlier version, which kept the claim in a
    /// transaction of its own) belongs to a server that died.
    static let abandonedAfter = 60.0

    public init(_ context: AdalContext) { self.context = context }

    /// The key an answer is sealed under: derived from the retry itself (its Idempotency-Key and the
    /// request with its body), neither of which is stored, so the kept answer (a national ID, a
    /// phone) is readable only to a client that sends the same request again.
    static func sealingKey(key: String, request: [UInt8]) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: request), salt: Array(key.utf8),
                               info: Array("adal idempotent answer".utf8), outputByteCount: 32)
    }

    static func seal(_ response: StoredResponse, key: String, request: [UInt8]) throws -> StoredResponse {
        let box = try AES.GCM.seal(response.body, using: sealingKey(key: key, request: request))
        guard let combined = box.combined else { throw SealingFailed() }
        return StoredResponse(status: response.status, headers: response.headers, body: Array(combined), sealed: true)
    }

    static func open(_ kept: StoredResponse, key: String, request: [UInt8]) throws -> StoredResponse {
        let body = try AES.GCM.open(AES.GCM.SealedBox(combined: kept.body), using: sealingKey(key: key, request: request))
        return StoredResponse(status: kept.status, headers: kept.headers, body: Array(body))
    }

    struct SealingFailed: Error {}

    public enum Outcome<Performed: Sendable>: Sendable {
        /// The request was performed now; what it answered is kept for the key.
        case performed(Performed)
        /// The same key came with another request.
        case keyReused
        /// A first request with this key, from a server of an earlier version, is still being answered.
        case inProgress
        case replay(IdempotencyRepository.StoredResponse)
    }

    /// Claims the key, performs the request and keeps its answer, all in one transaction: the use
    /// case's own transactions are savepoints in it. So the write and the kept answer commit
    /// together, or neither does (a process that dies half way leaves nothing behind, and the retry
    /// performs the request afresh); a second request with the same key waits at the claim until
    /// the first commits, then gets its answer. `perform` throwing rolls everything back.
    public func once<Performed: Sendable>(
        owner: String, key: String, request: [UInt8],
        _ perform: () async throws -> (Performed, IdempotencyRepository.StoredResponse)
    ) async throws -> Outcome<Performed> {
        let hash = Array(SHA256.hash(data: request))
        return try await context.database.inOneTransaction { connection in
            let claim = try await context.idempotency.claim(owner: owner, key: key, requestHash: hash,
                                                            abandonedAfter: Self.abandonedAfter, on: connection)
            switch claim {
            case let .running(same): return same ? .inProgress : .keyReused
            case let .done(same, kept):
                guard same else { return .keyReused }
                return .replay(kept.sealed ? try Self.open(kept, key: key, request: request) : kept)
            case .claimed:
                let (performed, response) = try await perform()
                try await context.idempotency.complete(owner: owner, key: key, try Self.seal(response, key: key, request: request),
                                                       on: connection)
                return .performed(performed)
            }
        }
    }
}
