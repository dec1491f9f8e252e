import AdalDomain
import Logging
import PostgresNIO

/// Countries' working-day calendars, kept as data.
public struct CalendarRepository: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public func calendar(for country: Country, on connection: PostgresConnection) async throws -> WorkingCalendar {
        let rows = try await connection.guardedQuery("SELECT day::text, kind FROM calendar_days WHERE country = \(country.rawValue)",
                                              logger: logger)
        var holidays = Set<CivilDate>(), working = Set<CivilDate>()
        for try await (day, kind) in rows.decode((String, String).self) {
            guard let date = try Decode.date(day) else { continue }
            if kind == "holiday" { holidays.insert(date) } else { working.insert(date) }
        }
        return WorkingCalendar(holidays: holidays, transferredWorkingDays: working)
    }

    public func insertIfAbsent(country: Country, day: CivilDate, kind: String, name: String,
                               on connection: PostgresConnection) async throws -> Bool {
        try await !connection.run("""
            INSERT INTO calendar_days (country, day, kind, name) VALUES (\(country.rawValue), \(day.description)::date, \(kind), \(name))
            ON CONFLICT DO NOTHING RETURNING day
            """, logger: logger).isEmpty
    }
}
