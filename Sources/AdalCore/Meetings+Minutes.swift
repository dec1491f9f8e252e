import AdalDomain
import AdalReports
import AdalStore
import Foundation
import PostgresNIO

extension Meetings {
    /// A held meeting's minutes: its decisions, their tasks with owners and dates, its attendance.
    public func minutes(_ id: String) async throws -> Minutes {
        let event = try await Directory(context).event(id)
        guard event.status == .held else {
            throw ValidationFailure([FieldError("status", "minutes are kept for a held meeting; this one is \(event.status.rawValue)")])
        }
        return try await context.read { connection in
            try await Self.minutes(of: event, context: context, on: connection)
        }
    }

    /// The minutes as a printable page in `language` (default: the state language of the event's country).
    public func minutesPage(_ id: String, language: Language?) async throws -> String {
        let minutes = try await minutes(id)
        let (country, names) = try await context.read { connection in
            (try await context.region(code: minutes.event.regionCode, on: connection).country,
             try await context.offices.directory(on: connection).first { $0.code == minutes.event.officeCode }?.names ?? [:])
        }
        let shown = language ?? country.stateLanguage
        return Printables.minutes(minutes, office: names[shown.rawValue] ?? names["en"] ?? "", language: shown)
    }

    static func minutes(of event: Event, context: AdalContext, on connection: PostgresConnection) async throws -> Minutes {
        var filter = DecisionRepository.TaskFilter(within: context.scope.limit, limit: 1000)
        filter.eventID = event.id
        return Minutes(event: event, decisions: try await context.decisions.decisions(eventID: event.id, on: connection),
                       tasks: try await context.decisions.tasks(filter, on: connection))
    }

    /// Sends the minutes to the meeting's people who can be reached (each in their language, with
    /// the printable page), once per person; returns how many were queued now.
    public func sendMinutes(_ id: String, actor: String) async throws -> Int {
        var queued = 0
        _ = try await change(id, actor: actor, action: "event.minutes_sent") { state, connection in
            guard state.status == .held else {
                throw ValidationFailure([FieldError("status", "minutes are sent for a held meeting; this one is \(state.status.rawValue)")])
            }
            queued = try await context.reminders.enqueueMinutes(eventID: state.id, on: connection)
        }
        return queued
    }
}

extension ReminderDelivery {
    /// A meeting's minutes as the worker sends them now, and to whom.
    public func minutesNotice(eventID: UUID, personID: UUID) async throws -> (minutes: Minutes, notice: EventNotice)? {
        try await context.read { connection in
            guard let event = try await context.events.get(idOrRef: eventID.uuidString, on: connection), event.status == .held,
                  let notice = try await context.reminders.eventNotices([(eventID, personID)], on: connection).values.first else {
                return nil
            }
            return (try await Meetings.minutes(of: event, context: context, on: connection), notice)
        }
    }
}
