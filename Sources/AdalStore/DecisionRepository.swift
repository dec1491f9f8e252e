import AdalDomain
import Foundation
import Logging
import PostgresNIO

/// Agenda items, decisions, tasks and their progress reports.
public struct DecisionRepository: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public func addAgendaItem(eventID: UUID, regionID: Int64, title: String, presenter: String?,
                              on connection: PostgresConnection) async throws -> AgendaItem {
        let rows = try await connection.run("""
            INSERT INTO agenda_items (event_id, region_id, position, title, presenter)
            SELECT \(eventID), \(regionID), coalesce(max(position), 0) + 1, \(title), \(presenter)
            FROM agenda_items WHERE event_id = \(eventID)
            RETURNING id, position, title, presenter
            """, logger: logger)
        let (id, position, text, by) = try rows[0].decode((UUID, Int, String, String?).self)
        return AgendaItem(id: id, position: position, title: text, presenter: by)
    }

    public func agenda(eventID: UUID, on connection: PostgresConnection) async throws -> [AgendaItem] {
        try await connection.run("""
            SELECT id, position, title, presenter FROM agenda_items WHERE event_id = \(eventID) ORDER BY position
            """, logger: logger).map { row in
            let (id, position, title, presenter) = try row.decode((UUID, Int, String, String?).self)
            return AgendaItem(id: id, position: position, title: title, presenter: presenter)
        }
    }

    public func agendaItemID(eventID: UUID, position: Int, on connection: PostgresConnection) async throws -> UUID? {
        try await connection.run("SELECT id FROM agenda_items WHERE event_id = \(eventID) AND position = \(position)",
                                 logger: logger).first?.decode(UUID.self)
    }

    public func addDecision(eventID: UUID, agendaItemID: UUID?, regionID: Int64, text: String,
                            on connection: PostgresConnection) async throws -> UUID {
        try await connection.run("""
            INSERT INTO decisions (event_id, agenda_item_id, region_id, text)
            VALUES (\(eventID), \(agendaItemID), \(regionID), \(text)) RETURNING id
            """, logger: logger)[0].decode(UUID.self)
    }

    public func decisions(eventID: UUID, on connection: PostgresConnection) async throws -> [Decision] {
        try await connection.run("""
            SELECT d.id, d.event_id, a.position, d.text FROM decisions d LEFT JOIN agenda_items a ON a.id = d.agenda_item_id
            WHERE d.event_id = \(eventID) ORDER BY a.position NULLS LAST, d.created_at
            """, logger: logger).map { row in
            let (id, event, position, text) = try row.decode((UUID, UUID, Int?, String).self)
            return Decision(id: id, eventID: event, agendaPosition: position, text: text)
        }
    }

    /// The decision's event and region, locked.
    public func decisionRegion(id: UUID, on connection: PostgresConnection) async throws -> (eventID: UUID, regionID: Int64)? {
        guard let row = try await connection.run(
            "SELECT event_id, region_id FROM decisions WHERE id = \(id) FOR UPDATE", logger: logger).first else { return nil }
        return try row.decode((UUID, Int64).self)
    }

    public func addTask(decisionID: UUID, regionID: Int64, title: String, personID: UUID?, organisationID: Int64?,
                        dueOn: CivilDate, on connection: PostgresConnection) async throws -> UUID {
        try await connection.run("""
            INSERT INTO tasks (decision_id, region_id, title, assignee_person_id, assignee_organisation_id, due_on)
            VALUES (\(decisionID), \(regionID), \(title), \(personID), \(organisationID), \(dueOn.description)::date)
            RETURNING id
            """, logger: logger)[0].decode(UUID.self)
    }

    public func lockTask(id: UUID, on connection: PostgresConnection) async throws -> (status: TaskStatus, regionID: Int64)? {
        guard let row = try await connection.run("SELECT status, region_id FROM tasks WHERE id = \(id) FOR UPDATE",
                                                 logger: logger).first else { return nil }
        let (status, region) = try row.decode((String, Int64).self)
        return (try Decode.value(status, as: TaskStatus.self), region)
    }

    public func close(taskID: UUID, as status: TaskStatus, on connection: PostgresConnection) async throws {
        try await connection.run("UPDATE tasks SET status = \(status.rawValue), closed_at = now() WHERE id = \(taskID)",
                                 logger: logger)
    }

    public func addReport(taskID: UUID, regionID: Int64, actor: String, text: String, on connection: PostgresConnection) async throws {
        try await connection.run("""
            INSERT INTO task_reports (task_id, region_id, actor, text) VALUES (\(taskID), \(regionID), \(actor), \(text))
            """, logger: logger)
    }

    public struct TaskFilter: Sendable {
        public var overdueOnly = false
        public var councilCode: String?
        /// Part of the assignee's name, as typed and as a search key (see `SearchKey`).
        public var assignee: String?
        public var assigneeKey: String?
        public var status: TaskStatus?
        public var within: [Int64]?
        /// Only the tasks of this event's decisions.
        public var eventID: UUID?
        public var limit = 200
        /// Keyset pagination: the tasks after this one in the list's order (due date, id).
        public var after: UUID?
        /// Only tasks whose title holds this text, or whose assignee's name key holds `searchKey`.
        public var search: String?
        public var searchKey: String?

        public init(overdueOnly: Bool = false, councilCode: String? = nil, assignee: String? = nil, status: TaskStatus? = nil,
                    within: [Int64]? = nil, limit: Int = 200) {
            self.overdueOnly = overdueOnly
            self.councilCode = councilCode
            self.assignee = assignee
            self.assigneeKey = assignee.map(SearchKey.make)
            self.status = status
            self.within = within
            self.limit = limit
        }
    }

    /// Tasks by due date; overdue is judged by each region's own calendar day.
    public func tasks(_ filter: TaskFilter, id: UUID? = nil, on connection: PostgresConnection) async throws -> [TaskRecord] {
        let rows = try await connection.run("""
            SELECT t.id, t.title, coalesce(p.full_name, g.name), CASE WHEN p.id IS NULL THEN 'organisation' ELSE 'person' END,
                   t.due_on::text, t.status, t.status = 'open' AND t.due_on < (now() AT TIME ZONE r.time_zone)::date,
                   r.code, c.code, d.event_id, d.text
            FROM tasks t
            JOIN decisions d ON d.id = t.decision_id
            JOIN events e ON e.id = d.event_id
            JOIN regions r ON r.id = t.region_id
            LEFT JOIN councils c ON c.id = e.council_id
            LEFT JOIN people p ON p.id = t.assignee_person_id
            LEFT JOIN organisations g ON g.id = t.assignee_organisation_id
            WHERE (\(id)::uuid IS NULL OR t.id = \(id))
              AND (NOT \(filter.overdueOnly) OR (t.status = 'open' AND t.due_on < (now() AT TIME ZONE r.time_zone)::date))
              AND (\(filter.councilCode)::text IS NULL OR c.code = upper(\(filter.councilCode)))
              AND (\(filter.assignee)::text IS NULL OR p.search_key LIKE '%' || \(filter.assigneeKey) || '%'
                   OR lower(g.name) LIKE '%' || lower(\(filter.assignee)) || '%')
              AND (\(filter.status?.rawValue)::text IS NULL OR t.status = \(filter.status?.rawValue))
              AND (\(filter.within)::bigint[] IS NULL OR t.region_id = ANY(\(filter.within)))
              AND (\(filter.eventID)::uuid IS NULL OR d.event_id = \(filter.eventID))
              AND (\(filter.after)::uuid IS NULL
                   OR (t.due_on, t.id) > (SELECT a.due_on, a.id FROM tasks a WHERE a.id = \(filter.after)))
              AND (\(filter.search)::text IS NULL OR t.title ILIKE '%' || \(filter.search) || '%'
                   OR (\(filter.searchKey) <> '' AND p.search_key LIKE '%' || \(filter.searchKey) || '%'))
            ORDER BY t.due_on, t.id LIMIT \(filter.limit)
            """, logger: logger)
        var tasks: [TaskRecord] = []
        for row in rows {
            let c = row.makeRandomAccess()
            tasks.append(TaskRecord(
                id: try c[0].decode(UUID.self), title: try c[1].decode(String.self), assignee: try c[2].decode(String.self),
                assigneeKind: try c[3].decode(String.self), dueOn: try Decode.date(try c[4].decode(String.self))!,
                status: try Decode.value(try c[5].decode(String.self), as: TaskStatus.self), overdue: try c[6].decode(Bool.self),
                regionCode: try c[7].decode(String.self), councilCode: try c[8].decode(String?.self),
                eventID: try c[9].decode(UUID.self), decision: try c[10].decode(String.self)))
        }
        return tasks
    }

    public func reports(taskID: UUID, on connection: PostgresConnection) async throws -> [TaskRecord.Report] {
        try await connection.run("SELECT at, actor, text FROM task_reports WHERE task_id = \(taskID) ORDER BY id",
                                 logger: logger).map { row in
            let (at, actor, text) = try row.decode((Date, String, String).self)
            return TaskRecord.Report(at: at, actor: actor, text: text)
        }
    }
}
