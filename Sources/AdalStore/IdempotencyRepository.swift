import Foundation
import Logging
import PostgresNIO

/// The first response to each idempotent request, by owner and key (its body sealed by Core).
public struct IdempotencyRepository: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public struct StoredResponse: Sendable {
        public let status: Int
        public let headers: [String: String]
        public let body: [UInt8]
        /// The body is sealed (kept in `sealed_body`); false for a body kept in clear by an earlier version.
        public let sealed: Bool

        public init(status: Int, headers: [String: String], body: [UInt8], sealed: Bool = false) {
            self.status = status
            self.headers = headers
            self.body = body
            self.sealed = sealed
        }
    }

    public enum Claim: Sendable {
        /// The key is new (or its earlier claim was abandoned): the caller performs the request.
        case claimed
        case running(sameRequest: Bool)
        case done(sameRequest: Bool, StoredResponse)
    }

    /// Claims the key for a request with this hash. A claim left running for longer than
    /// `abandonedAfter` (its server died) is taken over.
    public func claim(owner: String, key: String, requestHash: [UInt8], abandonedAfter seconds: Double,
                      on connection: PostgresConnection) async throws -> Claim {
        let hash = ByteBuffer(bytes: requestHash)
        try await connection.run("""
            DELETE FROM idempotency_keys WHERE owner = \(owner) AND created_at < now() - interval '24 hours'
            """, logger: logger)
        let inserted = try await connection.run("""
            INSERT INTO idempotency_keys (owner, key, request_hash, state) VALUES (\(owner), \(key), \(hash), 'running')
            ON CONFLICT (owner, key) DO UPDATE SET created_at = now()
                WHERE idempotency_keys.state = 'running' AND idempotency_keys.request_hash = \(hash)
                  AND idempotency_keys.created_at < now() - make_interval(secs => \(seconds))
            RETURNING 1
            """, logger: logger)
        if !inserted.isEmpty { return .claimed }
        let rows = try await connection.guardedQuery("""
            SELECT request_hash = \(hash), state, response_status, response_headers::text, response_body, sealed_body
            FROM idempotency_keys WHERE owner = \(owner) AND key = \(key)
            """, logger: logger)
        for try await (same, state, status, headers, clear, sealed) in rows.decode((Bool, String, Int?, String?, ByteBuffer?, ByteBuffer?).self) {
            guard state == "done", let status else { return .running(sameRequest: same) }
            let fields = headers.flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) } ?? [:]
            return .done(sameRequest: same, StoredResponse(status: status, headers: fields,
                                                           body: (sealed ?? clear).map { Array(buffer: $0) } ?? [],
                                                           sealed: sealed != nil))
        }
        // Expired and deleted between the two statements: claim again.
        return try await claim(owner: owner, key: key, requestHash: requestHash, abandonedAfter: seconds, on: connection)
    }

    /// Forgets the answers older than `age` (the worker's `sweep-idempotency` tick); returns how many.
    public func sweep(olderThan age: Duration, on connection: PostgresConnection) async throws -> Int {
        let seconds = Double(age.components.seconds)
        return try await connection.run("""
            WITH gone AS (DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(secs => \(seconds)) RETURNING 1)
            SELECT count(*)::int FROM gone
            """, logger: logger)[0].decode(Int.self)
    }

    public func complete(owner: String, key: String, _ response: StoredResponse, on connection: PostgresConnection) async throws {
        let headers = String(decoding: try JSONEncoder().encode(response.headers), as: UTF8.self)
        try await connection.run("""
            UPDATE idempotency_keys SET state = 'done', response_status = \(response.status),
                   response_headers = \(headers)::jsonb,
                   response_body = \(response.sealed ? nil : ByteBuffer(bytes: response.body)),
                   sealed_body = \(response.sealed ? ByteBuffer(bytes: response.body) : nil)
            WHERE owner = \(owner) AND key = \(key)
            """, logger: logger)
    }
}
