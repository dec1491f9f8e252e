import Foundation

public enum TaskStatus: String, CaseIterable, Codable, Sendable {
    case open, done, cancelled
}

public struct AgendaItem: Codable, Sendable, Equatable {
    public let id: UUID
    public let position: Int
    public let title: String
    public let presenter: String?

    public init(id: UUID, position: Int, title: String, presenter: String?) {
        self.id = id
        self.position = position
        self.title = title
        self.presenter = presenter
    }
}

public struct Decision: Codable, Sendable, Equatable {
    public let id: UUID
    public let eventID: UUID
    public let agendaPosition: Int?
    public let text: String

    public init(id: UUID, eventID: UUID, agendaPosition: Int?, text: String) {
        self.id = id
        self.eventID = eventID
        self.agendaPosition = agendaPosition
        self.text = text
    }
}

/// A task from a decision, as lists show it: overdue when open past its due date.
public struct TaskRecord: Codable, Sendable, Equatable {
    public let id: UUID
    public let title: String
    public let assignee: String
    public let assigneeKind: String
    public let dueOn: CivilDate
    public let status: TaskStatus
    public let overdue: Bool
    public let regionCode: String
    public let councilCode: String?
    public let eventID: UUID
    public let decision: String
    public var reports: [Report]

    public struct Report: Codable, Sendable, Equatable {
        public let at: Date
        public let actor: String
        public let text: String

        public init(at: Date, actor: String, text: String) {
            self.at = at
            self.actor = actor
            self.text = text
        }
    }

    public init(id: UUID, title: String, assignee: String, assigneeKind: String, dueOn: CivilDate, status: TaskStatus,
                overdue: Bool, regionCode: String, councilCode: String?, eventID: UUID, decision: String,
                reports: [Report] = []) {
        self.id = id
        self.title = title
        self.assignee = assignee
        self.assigneeKind = assigneeKind
        self.dueOn = dueOn
        self.status = status
        self.overdue = overdue
        self.regionCode = regionCode
        self.councilCode = councilCode
        self.eventID = eventID
        self.decision = decision
        self.reports = reports
    }
}
