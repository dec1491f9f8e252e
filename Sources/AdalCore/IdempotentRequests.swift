import AdalStore
import Crypto
import Foundation

/// Requests that create something, made safe to retry: the first response to a key is kept and
/// returned to every retry with the same key and body.
public struct IdempotentRequests: Sendable {
    let context: AdalContext
    /// A claim this old whose response never came belongs to a server that died.
    static let abandonedAfter = 60.0

    public init(_ context: AdalContext) { self.context = context }

    public enum Outcome: Sendable {
        /// Perform the request, then `complete` (or `release` when it failed in a way worth retrying).
        case perform
        /// The same key came with another request.
        case keyReused
        /// The first request with this key is still being answered.
        case inProgress
        case replay(IdempotencyRepository.StoredResponse)
    }

    public func begin(owner: String, key: String, request: [UInt8]) async throws -> Outcome {
        let hash = Array(SHA256.hash(data: request))
        let claim = try await context.database.transaction { connection in
            try await context.idempotency.claim(owner: owner, key: key, requestHash: hash,
                                                abandonedAfter: Self.abandonedAfter, on: connection)
        }
        switch claim {
        case .claimed: return .perform
        case let .running(same): return same ? .inProgress : .keyReused
        case let .done(same, response): return same ? .replay(response) : .keyReused
        }
    }

    public func complete(owner: String, key: String, _ response: IdempotencyRepository.StoredResponse) async throws {
        try await context.database.transaction { connection in
            try await context.idempotency.complete(owner: owner, key: key, response, on: connection)
        }
    }

    public func release(owner: String, key: String) async throws {
        try await context.database.transaction { connection in
            try await context.idempotency.release(owner: owner, key: key, on: connection)
        }
    }
}
