import AdalDomain
import Foundation
import PostgresNIO

extension ReminderRepository {
    /// Sets (or with nil clears) an event's own reminder hours; queued reminders at hours no longer
    /// wanted are cancelled, and the next planning adds the new ones.
    public func setEventHours(eventID: UUID, hours: [Int]?, on connection: PostgresConnection) async throws {
        try await connection.run("UPDATE events SET reminder_hours = \(hours), updated_at = now() WHERE id = \(eventID)",
                                 logger: logger)
        try await connection.run("""
            UPDATE jobs j SET state = 'cancelled', finished_at = now(), last_error = 'the reminder hours changed'
            FROM events e
            WHERE j.state = 'queued' AND j.kind = 'event_reminder' AND e.id = (j.payload ->> 'event_id')::uuid AND e.id = \(eventID)
              AND NOT ((j.payload ->> 'hours')::int = ANY (adal_reminder_hours(e.reminder_hours, e.kind, e.format)))
            """, logger: logger)
    }

    /// Sets (or with nil clears) the hours for every event of a kind and format without hours of its own.
    public func setKindHours(kind: String, format: String, hours: [Int]?, on connection: PostgresConnection) async throws {
        if let hours {
            try await connection.run("""
                INSERT INTO reminder_offsets (event_kind, format, hours) VALUES (\(kind), \(format), \(hours))
                ON CONFLICT (event_kind, format) DO UPDATE SET hours = excluded.hours
                """, logger: logger)
        } else {
            try await connection.run("DELETE FROM reminder_offsets WHERE event_kind = \(kind) AND format = \(format)", logger: logger)
        }
        try await connection.run("""
            UPDATE jobs j SET state = 'cancelled', finished_at = now(), last_error = 'the reminder hours changed'
            FROM events e
            WHERE j.state = 'queued' AND j.kind = 'event_reminder' AND e.id = (j.payload ->> 'event_id')::uuid
              AND e.kind = \(kind) AND e.format = \(format)
              AND NOT ((j.payload ->> 'hours')::int = ANY (adal_reminder_hours(e.reminder_hours, e.kind, e.format)))
            """, logger: logger)
    }

    public struct KindHours: Codable, Sendable {
        public let kind: String
        public let format: String
        public let hours: [Int]
    }

    public func kindHours(on connection: PostgresConnection) async throws -> [KindHours] {
        try await connection.run("SELECT event_kind, format, hours FROM reminder_offsets ORDER BY event_kind, format", logger: logger)
            .map { row in
                let (kind, format, hours) = try row.decode((String, String, [Int]).self)
                return KindHours(kind: kind, format: format, hours: hours)
            }
    }
}

extension ReminderRepository {
    public func isEvent(_ id: UUID, on connection: PostgresConnection) async throws -> Bool {
        try await !connection.run("SELECT 1 FROM events WHERE id = \(id)", logger: logger).isEmpty
    }

    public func isTask(_ id: UUID, on connection: PostgresConnection) async throws -> Bool {
        try await !connection.run("SELECT 1 FROM tasks WHERE id = \(id)", logger: logger).isEmpty
    }

    public func isApplication(_ id: UUID, on connection: PostgresConnection) async throws -> Bool {
        try await !connection.run("SELECT 1 FROM applications WHERE id = \(id)", logger: logger).isEmpty
    }
}
