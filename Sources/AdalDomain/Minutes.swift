import Foundation

/// What a held meeting decided and who was there: its decisions, the tasks from them with owners
/// and dates, and its attendance — sent to its participants and printed.
public struct Minutes: Codable, Sendable {
    public let event: Event
    public let decisions: [Decision]
    public let tasks: [TaskRecord]

    public init(event: Event, decisions: [Decision], tasks: [TaskRecord]) {
        self.event = event
        self.decisions = decisions
        self.tasks = tasks
    }

    public var present: [String] { event.participants.filter { $0.attendance == .attended }.map(\.fullName) }
    public var absent: [String] { event.participants.filter { $0.attendance != .attended }.map(\.fullName) }

    /// The day it was held, in its region's calendar.
    public var day: String {
        event.heldOn?.description ?? event.startsAt.map { CivilDate($0, zone: TimeZone(identifier: event.timeZone) ?? .gmt).description } ?? ""
    }

    /// The tasks of one decision.
    public func tasks(of decision: Decision) -> [TaskRecord] {
        tasks.filter { $0.decision == decision.text }
    }
}
