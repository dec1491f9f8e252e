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
            case let .done(same, response): return same ? .replay(response) : .keyReused
            case .claimed:
                let (performed, response) = try await perform()
                try await context.idempotency.complete(owner: owner, key: key, response, on: connection)
                return .performed(performed)
            }
        }
    }
}
