import AdalDomain
import Foundation
import Logging
import PostgresNIO

/// The job queue in PostgreSQL that any number of workers share.
public struct JobQueue: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public struct Job: Sendable {
        public let id: Int64
        public let kind: String
        public let occasion: String?
        public let regionID: Int64?
        /// The payload as JSON text.
        public let payload: String
        public let attempts: Int
        public let maxAttempts: Int
        public var runAt: Date? = nil
    }

    /// Claims up to `limit` ready jobs — queued and due, or running under a lease that ran out —
    /// for `worker`, leased for `lease` seconds. Jobs other workers hold are skipped, not waited for.
    ///
    /// Each kind is read from its own index, in order, `limit` at most: one condition with an OR
    /// made PostgreSQL read and sort every ready job at each claim (8 ms a claim of 100 with 5,000
    /// due; now 2 ms, however many are due). The few locked beyond `limit` are let go at commit.
    public func claim(worker: String, limit: Int, lease: Double, on connection: PostgresConnection) async throws -> [Job] {
        try await connection.run("""
            WITH ready AS (
                SELECT id, run_at FROM jobs WHERE state = 'queued' AND run_at <= now()
                ORDER BY run_at, id LIMIT \(limit) FOR UPDATE SKIP LOCKED),
            expired AS (
                SELECT id, run_at FROM jobs WHERE state = 'running' AND locked_until < now()
                ORDER BY locked_until LIMIT \(limit) FOR UPDATE SKIP LOCKED)
            UPDATE jobs SET state = 'running', locked_by = \(worker), attempts = attempts + 1,
                   locked_until = now() + make_interval(secs => \(lease))
            WHERE id = ANY(ARRAY(SELECT id FROM (SELECT * FROM expired UNION ALL SELECT * FROM ready) AS candidates
                                 ORDER BY run_at, id LIMIT \(limit)))
            RETURNING id, kind, occasion, region_id, payload::text, attempts, max_attempts
            """, logger: logger).map { row in
            let (id, kind, occasion, region, payload, attempts, maximum) =
                try row.decode((Int64, String, String?, Int64?, String, Int, Int).self)
            return Job(id: id, kind: kind, occasion: occasion, regionID: region, payload: payload, attempts: attempts,
                       maxAttempts: maximum)
        }
    }

    /// Renews the lease of the jobs `worker` still holds.
    public func heartbeat(worker: String, jobs: [Int64], lease: Double, on connection: PostgresConnection) async throws {
        guard !jobs.isEmpty else { return }
        try await connection.run("""
            UPDATE jobs SET locked_until = now() + make_interval(secs => \(lease))
            WHERE id = ANY(\(jobs)) AND locked_by = \(worker) AND state = 'running'
            """, logger: logger)
    }

    /// Gives back the jobs `worker` holds and has not settled (it is stopping): queued again at
    /// once, their claim not counted as an attempt.
    public func release(worker: String, jobs: [Int64], on connection: PostgresConnection) async throws {
        guard !jobs.isEmpty else { return }
        try await connection.run("""
            UPDATE jobs SET state = 'queued', locked_by = NULL, locked_until = NULL, attempts = greatest(attempts - 1, 0)
            WHERE id = ANY(\(jobs)) AND locked_by = \(worker) AND state = 'running'
            """, logger: logger)
    }

    /// Marks the job done and logs its delivery in one statement (one round trip, one transaction),
    /// not waiting for the disk: should PostgreSQL itself crash in the next moment, the job is sent
    /// once more (same Message-ID) rather than every job waiting for a flush.
    @discardableResult
    public func completeDelivered(_ id: Int64, worker: String, regionID: Int64?, channel: String, recipient: String,
                                  messageID: String?, status: String, response: String?,
                                  on connection: PostgresConnection) async throws -> Bool {
        let statement = CompleteDelivered(id: id, worker: worker, status: status, regionID: regionID, channel: channel,
                                          recipient: recipient, messageID: messageID, response: response)
        return try await !connection.guardedExecute(statement, logger: logger).isEmpty
    }

    /// Prepared once per connection: a worker runs it for every message it sends, and parsing and
    /// planning it each time cost PostgreSQL more than running it.
    struct CompleteDelivered: PostgresPreparedStatement {
        static let name = "adal.complete_delivered"
        static let sql = """
            WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true)),
            done AS (
                UPDATE jobs SET state = 'done', result = $3, finished_at = now(), locked_by = NULL, locked_until = NULL
                WHERE id = $1 AND locked_by = $2 AND state = 'running' AND EXISTS (SELECT 1 FROM relaxed)
                RETURNING id)
            INSERT INTO deliveries (job_id, region_id, channel, recipient, message_id, status, response)
            SELECT id, $4, $5, $6, $7, $3, $8 FROM done
            RETURNING job_id
            """
        static let bindingDataTypes: [PostgresDataType] = [.int8, .text, .text, .int8, .text, .text, .text, .text]
        typealias Row = Int64

        let id: Int64
        let worker: String
        let status: String
        let regionID: Int64?
        let channel: String
        let recipient: String
        let messageID: String?
        let response: String?

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 8)
            bindings.append(id)
            bindings.append(worker)
            bindings.append(status)
            bindings.append(regionID)
            bindings.append(channel)
            bindings.append(recipient)
            bindings.append(messageID)
            bindings.append(response)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Int64 { try row.decode(Int64.self) }
    }

    /// Records a failed attempt: queued again after `retryIn` seconds, or dead after its last attempt
    /// (or at once when `permanent`).
    public func fail(_ id: Int64, worker: String, error: String, retryIn: Double, permanent: Bool,
                     on connection: PostgresConnection) async throws {
        try await connection.run("""
            UPDATE jobs SET
                state = CASE WHEN \(permanent) OR attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
                run_at = now() + make_interval(secs => \(retryIn)), last_error = \(error),
                finished_at = CASE WHEN \(permanent) OR attempts >= max_attempts THEN now() END,
                locked_by = NULL, locked_until = NULL
            WHERE id = \(id) AND locked_by = \(worker) AND state = 'running'
            """, logger: logger)
    }

    public func recordDelivery(jobID: Int64, regionID: Int64?, channel: String, recipient: String, messageID: String?,
                               status: String, response: String?, on connection: PostgresConnection) async throws {
        try await connection.run("""
            INSERT INTO deliveries (job_id, region_id, channel, recipient, message_id, status, response)
            VALUES (\(jobID), \(regionID), \(channel), \(recipient), \(messageID), \(status), \(response))
            """, logger: logger)
    }

    /// Jobs ready now or held by a worker: what "idle" waits for.
    public func unfinishedNow(on connection: PostgresConnection) async throws -> Int {
        try await connection.run("""
            SELECT count(*)::int FROM jobs WHERE state = 'running' OR (state = 'queued' AND run_at <= now())
            """, logger: logger)[0].decode(Int.self)
    }

    /// How many jobs are in each state.
    public func counts(on connection: PostgresConnection) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await connection.run("SELECT state, count(*)::int FROM jobs GROUP BY state", logger: logger) {
            let (state, count) = try row.decode((String, Int).self)
            counts[state] = count
        }
        return counts
    }
}

extension JobQueue {
    /// A job as the reminders list shows it, with its last delivery.
    public struct Listed: Codable, Sendable {
        public let id: Int64
        public let kind: String
        public let occasion: String?
        public let state: String
        public let runAt: Date
        public let attempts: Int
        public let lastError: String?
        public let recipient: String?
        public let lastResponse: String?
    }

    public func list(state: String?, limit: Int, on connection: PostgresConnection) async throws -> [Listed] {
        try await connection.run("""
            SELECT j.id, j.kind, j.occasion, j.state, j.run_at, j.attempts, j.last_error, d.recipient, d.response
            FROM jobs j LEFT JOIN LATERAL (SELECT recipient, response FROM deliveries WHERE job_id = j.id ORDER BY id DESC LIMIT 1) d ON true
            WHERE (\(state)::text IS NULL OR j.state = \(state))
            ORDER BY j.run_at DESC, j.id DESC LIMIT \(limit)
            """, logger: logger).map { row in
            let c = row.makeRandomAccess()
            return Listed(id: try c[0].decode(Int64.self), kind: try c[1].decode(String.self), occasion: try c[2].decode(String?.self),
                          state: try c[3].decode(String.self), runAt: try c[4].decode(Date.self), attempts: try c[5].decode(Int.self),
                          lastError: try c[6].decode(String?.self), recipient: try c[7].decode(String?.self),
                          lastResponse: try c[8].decode(String?.self))
        }
    }

    /// A dead (or cancelled) job queued again now with a fresh set of attempts; nil for any other state,
    /// else the job's region (nil for jobs of no region).
    public func retry(_ id: Int64, on connection: PostgresConnection) async throws -> Int64?? {
        try await connection.run("""
            UPDATE jobs SET state = 'queued', run_at = now(), attempts = 0, finished_at = NULL
            WHERE id = \(id) AND state IN ('dead', 'cancelled') RETURNING region_id
            """, logger: logger).first.map { try $0.decode(Int64?.self) }
    }

    /// A queued job withdrawn; nil when it is no longer queued, else the job's region.
    public func cancel(_ id: Int64, on connection: PostgresConnection) async throws -> Int64?? {
        try await connection.run("""
            UPDATE jobs SET state = 'cancelled', finished_at = now() WHERE id = \(id) AND state = 'queued' RETURNING region_id
            """, logger: logger).first.map { try $0.decode(Int64?.self) }
    }
}

extension JobQueue {
    /// One job in full, with every delivery attempt.
    public struct Detail: Codable, Sendable {
        public struct Delivery: Codable, Sendable {
            public let at: Date
            public let channel: String
            public let recipient: String
            public let messageID: String?
            public let status: String
            public let response: String?
        }
        public let job: Listed
        public let payload: String
        public let createdAt: Date
        public let finishedAt: Date?
        public let deliveries: [Delivery]
    }

    public func detail(_ id: Int64, on connection: PostgresConnection) async throws -> Detail? {
        guard let row = try await connection.run("""
            SELECT j.id, j.kind, j.occasion, j.state, j.run_at, j.attempts, j.last_error, j.payload::text, j.created_at, j.finished_at
            FROM jobs j WHERE j.id = \(id)
            """, logger: logger).first else { return nil }
        let c = row.makeRandomAccess()
        let deliveries = try await connection.run("""
            SELECT at, channel, recipient, message_id, status, response FROM deliveries WHERE job_id = \(id) ORDER BY id
            """, logger: logger).map { row in
            let (at, channel, recipient, messageID, status, response) = try row.decode((Date, String, String, String?, String, String?).self)
            return Detail.Delivery(at: at, channel: channel, recipient: recipient, messageID: messageID, status: status, response: response)
        }
        let listed = Listed(id: try c[0].decode(Int64.self), kind: try c[1].decode(String.self), occasion: try c[2].decode(String?.self),
                            state: try c[3].decode(String.self), runAt: try c[4].decode(Date.self), attempts: try c[5].decode(Int.self),
                            lastError: try c[6].decode(String?.self), recipient: deliveries.last?.recipient,
                            lastResponse: deliveries.last?.response)
        return Detail(job: listed, payload: try c[7].decode(String.self), createdAt: try c[8].decode(Date.self),
                      finishedAt: try c[9].decode(Date?.self), deliveries: deliveries)
    }

    /// The queued and running jobs that concern one event, task or application (its id in the
    /// payload under `key`), soonest first.
    public func pending(concerning key: String, id: UUID, on connection: PostgresConnection) async throws -> [Job] {
        try await connection.run("""
            SELECT id, kind, occasion, region_id, payload::text, attempts, max_attempts, run_at FROM jobs
            WHERE state IN ('queued', 'running') AND payload ->> \(key) = \(id.uuidString.lowercased())
            ORDER BY run_at, id
            """, logger: logger).map { row in
            let (id, kind, occasion, region, payload, attempts, maximum, runAt) =
                try row.decode((Int64, String, String?, Int64?, String, Int, Int, Date).self)
            return Job(id: id, kind: kind, occasion: occasion, regionID: region, payload: payload, attempts: attempts,
                       maxAttempts: maximum, runAt: runAt)
        }
    }
}
