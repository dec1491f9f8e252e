import Foundation
import Logging
import PostgresNIO

/// The scheduler's periodic work, one row per kind in `schedules`. A worker takes a tick that is
/// due by moving it on in the transaction that does the work: other workers skip the locked row
/// and then find the tick no longer due, so each tick runs once however many workers run; a
/// failure rolls the move back and the tick stays due. A tick missed while no worker ran is due
/// at the next start and runs once (the work itself looks back for what it missed).
public struct ScheduleRepository: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    /// Which of `names` have a tick due now: a cheap look before taking any.
    public func due(among names: [String], on connection: PostgresConnection) async throws -> [String] {
        try await connection.run("""
            SELECT name FROM schedules WHERE next_at <= now() AND name = ANY (\(names)) ORDER BY name
            """, logger: logger).map { try $0.decode(String.self) }
    }

    /// Takes the tick of `name` if it is due (or at once, `early`); false when it is not due or
    /// another worker holds it.
    public func take(_ name: String, early: Bool = false, on connection: PostgresConnection) async throws -> Bool {
        try await !connection.run("""
            UPDATE schedules SET next_at = now() + every, runs = runs + 1, last_run_at = now()
            WHERE name = (SELECT name FROM schedules WHERE name = \(name) AND (next_at <= now() OR \(early))
                          FOR UPDATE SKIP LOCKED)
            RETURNING runs
            """, logger: logger).isEmpty
    }

    public func record(_ name: String, result: String, on connection: PostgresConnection) async throws {
        try await connection.run("UPDATE schedules SET last_result = \(result) WHERE name = \(name)", logger: logger)
    }

    public struct Schedule: Codable, Sendable {
        public let name: String
        public let everySeconds: Double
        public let nextAt: Date
        public let runs: Int64
        public let lastRunAt: Date?
        public let lastResult: String?
    }

    public func list(on connection: PostgresConnection) async throws -> [Schedule] {
        try await connection.run("""
            SELECT name, extract(epoch FROM every)::float8, next_at, runs, last_run_at, last_result FROM schedules ORDER BY name
            """, logger: logger).map { row in
            let (name, every, next, runs, last, result) = try row.decode((String, Double, Date, Int64, Date?, String?).self)
            return Schedule(name: name, everySeconds: every, nextAt: next, runs: runs, lastRunAt: last, lastResult: result)
        }
    }
}
