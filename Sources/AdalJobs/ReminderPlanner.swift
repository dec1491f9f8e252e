import AdalCore
import AdalStore
import Foundation
import PostgresNIO

/// Plans every kind of reminder that is due; planning twice enqueues each once.
public struct ReminderPlanner: Sendable {
    let context: AdalContext

    public init(context: AdalContext) { self.context = context }

    /// Event reminders a missed tick finds less than an hour late are still sent; task and
    /// application reminders, written for the day, up to 12 hours late.
    public func plan(now: Date, on connection: PostgresConnection) async throws -> Int {
        try await context.reminders.planEventReminders(horizonHours: 24 * 8, graceHours: 1, on: connection).count
            + context.reminders.planTaskReminders(now: now, graceHours: 12, on: connection).count
            + context.reminders.planApplicationReminders(now: now, graceHours: 12, on: connection).count
    }

    public func plan(now: Date) async throws -> Int {
        try await context.database.transaction { try await plan(now: now, on: $0) }
    }
}
