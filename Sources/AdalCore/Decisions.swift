import AdalDomain
import AdalStore
import Foundation
import PostgresNIO

/// A meeting's agenda, its decisions and the tasks they give, with progress reports.
public struct Decisions: Sendable {
    let context: AdalContext

    public init(_ context: AdalContext) { self.context = context }

    public func addAgendaItem(eventID: String, title: String, presenter: String?, actor: String) async throws -> AgendaItem {
        guard let text = title.nonBlankText else { throw ValidationFailure([FieldError("title", "is required")]) }
        try FreeTextLimit.check(text, field: "title", limit: FreeTextLimit.title)
        try FreeTextLimit.check(presenter, field: "presenter", limit: FreeTextLimit.name)
        return try await onEvent(eventID, actor: actor, action: "event.agenda") { state, connection in
            let item = try await context.decisions.addAgendaItem(eventID: state.id, regionID: state.regionID, title: text,
                                                                 presenter: presenter.nonBlank, on: connection)
            return (item, AuditJSON.encode(item))
        }
    }

    public func agenda(eventID: String) async throws -> [AgendaItem] {
        let event = try await Directory(context).event(eventID)
        return try await context.database.withConnection { try await context.decisions.agenda(eventID: event.id, on: $0) }
    }

    /// A decision, on an agenda item (by its position) or on the meeting as a whole.
    public func decide(eventID: String, agendaPosition: Int?, text: String, actor: String) async throws -> Decision {
        guard let text = text.nonBlankText else { throw ValidationFailure([FieldError("text", "is required")]) }
        try FreeTextLimit.check(text, field: "text", limit: FreeTextLimit.decision)
        return try await onEvent(eventID, actor: actor, action: "event.decide") { state, connection in
            // What was typed is checked first, so a refusal names the field at fault before the event's state.
            var itemID: UUID?
            if let agendaPosition {
                guard let id = try await context.decisions.agendaItemID(eventID: state.id, position: agendaPosition,
                                                                       on: connection) else {
                    throw ValidationFailure([FieldError("agenda_item", "the meeting has no agenda item \(agendaPosition)")])
                }
                itemID = id
            }
            guard state.status == .held else {
                throw ValidationFailure([FieldError("status", "decisions are recorded on a held meeting; this one is \(state.status.rawValue) (record it held first)")])
            }
            let id = try await context.decisions.addDecision(eventID: state.id, agendaItemID: itemID, regionID: state.regionID,
                                                             text: text, on: connection)
            let decision = Decision(id: id, eventID: state.id, agendaPosition: agendaPosition, text: text)
            return (decision, AuditJSON.encode(decision))
        }
    }

    public func decisions(eventID: String) async throws -> [Decision] {
        let event = try await Directory(context).event(eventID)
        return try await context.database.withConnection { try await context.decisions.decisions(eventID: event.id, on: $0) }
    }

    /// A task from a decision, for a person (by id) or an organisation (by name, found or added in the region).
    public func addTask(decisionID: String, title: String, personID: String?, organisation: String?, due: String,
                        actor: String) async throws -> TaskRecord {
        var errors = FieldErrorCollector()
        let decision = UUID(uuidString: decisionID)
        if decision == nil { errors.add("decision", "must be a decision id (a UUID)") }
        if title.nonBlankText == nil { errors.add("title", "is required") }
        let person = personID.nonBlank.flatMap(UUID.init(uuidString:))
        if personID.nonBlank != nil && person == nil { errors.add("person", "must be a person id (a UUID)") }
        if (person == nil) == (organisation.nonBlank == nil) && personID.nonBlank == nil {
            errors.add("assignee", "give a person or an organisation")
        }
        let dueOn = CivilDate(due.trimmingCharacters(in: .whitespaces))
        if dueOn == nil { errors.add("due", "must be a date yyyy-MM-dd") }
        try errors.throwIfAny()
        let task = try await context.act(actor: actor) { change -> TaskRecord in
            let connection = change.connection
            guard let owner = try await context.decisions.decisionRegion(id: decision!, on: connection),
                  context.scope.contains(regionID: owner.regionID) else {
                throw AdalError.notFound(entity: "decision", key: decisionID)
            }
            var organisationID: Int64?
            if let person {
                guard let regionID = try await context.people.regionID(of: person, on: connection),
                      context.scope.contains(regionID: regionID) else {
                    throw ValidationFailure([FieldError("person", "no person has the id '\(personID!)' in your regions")])
                }
                guard try await context.regions.areNested(regionID, owner.regionID, on: connection) else {
                    throw ValidationFailure([FieldError("person", "the person is kept in another region than the decision's")])
                }
            } else if let name = organisation.nonBlank {
                organisationID = try await context.organisations.findOrCreate(name: name, kind: .stateBody,
                                                                              regionID: owner.regionID, on: connection).id
            }
            let id = try await context.decisions.addTask(decisionID: decision!, regionID: owner.regionID,
                                                         title: title.nonBlankText!, personID: person,
                                                         organisationID: organisationID, dueOn: dueOn!, on: connection)
            let task = try await context.decisions.tasks(.init(), id: id, on: connection)[0]
            try await context.audit.append(AuditEntryDraft(
                actor: actor, action: "task.add", entity: "task", entityID: id.uuidString.lowercased(), regionID: owner.regionID,
                before: nil, after: AuditJSON.encode(task)), on: connection)
            return task
        }
        return task
    }

    public typealias TaskFilter = DecisionRepository.TaskFilter

    public func tasks(_ filter: TaskFilter, search: String? = nil) async throws -> [TaskRecord] {
        var filter = filter
        filter.within = context.scope.limit
        if let search = try SearchText(search) { (filter.searchKey, filter.search) = search.filter }
        return try await context.database.withConnection { try await context.decisions.tasks(filter, on: $0) }
    }

    public func task(_ id: String) async throws -> TaskRecord {
        guard let uuid = UUID(uuidString: id) else { throw AdalError.notFound(entity: "task", key: id) }
        return try await context.database.withConnection { connection in
            var filter = DecisionRepository.TaskFilter()
            filter.within = context.scope.limit
            guard var task = try await context.decisions.tasks(filter, id: uuid, on: connection).first else {
                throw AdalError.notFound(entity: "task", key: id)
            }
            task.reports = try await context.decisions.reports(taskID: uuid, on: connection)
            return task
        }
    }

    /// A progress report on an open task.
    public func report(taskID: String, text: String, actor: String) async throws -> TaskRecord {
        guard let text = text.nonBlankText else { throw ValidationFailure([FieldError("text", "is required")]) }
        try FreeTextLimit.check(text, field: "text", limit: FreeTextLimit.decision)
        return try await onTask(taskID, actor: actor, action: "task.report") { uuid, state, connection in
            guard state.status == .open else {
                throw ValidationFailure([FieldError("status", "a \(state.status.rawValue) task takes no more reports")])
            }
            try await context.decisions.addReport(taskID: uuid, regionID: state.regionID, actor: actor, text: text,
                                                  on: connection)
        }
    }

    /// Closes an open task as done or cancelled.
    public func close(taskID: String, as status: TaskStatus, actor: String) async throws -> TaskRecord {
        try await onTask(taskID, actor: actor, action: "task.\(status.rawValue)") { uuid, state, connection in
            guard state.status == .open else {
                throw ValidationFailure([FieldError("status", "the task is already \(state.status.rawValue)")])
            }
            try await context.decisions.close(taskID: uuid, as: status, on: connection)
        }
    }

    private func onTask(_ id: String, actor: String, action: String,
                        _ body: (UUID, (status: TaskStatus, regionID: Int64), PostgresConnection) async throws -> Void)
        async throws -> TaskRecord {
        guard let uuid = UUID(uuidString: id) else { throw AdalError.notFound(entity: "task", key: id) }
        try await context.act(actor: actor) { change in
            let connection = change.connection
            guard let state = try await context.decisions.lockTask(id: uuid, on: connection),
                  context.scope.contains(regionID: state.regionID) else {
                throw AdalError.notFound(entity: "task", key: id)
            }
            try await body(uuid, state, connection)
            try await context.audit.append(AuditEntryDraft(
                actor: actor, action: action, entity: "task", entityID: uuid.uuidString.lowercased(), regionID: state.regionID,
                before: AuditJSON.encode(["status": state.status.rawValue]), after: nil), on: connection)
        }
        return try await task(id)
    }

    private func onEvent<T: Sendable>(_ id: String, actor: String, action: String,
                                      _ body: (EventRepository.State, PostgresConnection) async throws -> (T, String))
        async throws -> T {
        guard let uuid = UUID(uuidString: id) else { throw AdalError.notFound(entity: "event", key: id) }
        let result = try await context.act(actor: actor) { change -> T in
            let connection = change.connection
            guard let state = try await context.events.lock(id: uuid, on: connection),
                  context.scope.contains(regionID: state.regionID) else {
                throw AdalError.notFound(entity: "event", key: id)
            }
            let (value, after) = try await body(state, connection)
            try await context.audit.append(AuditEntryDraft(
                actor: actor, action: action, entity: "event", entityID: uuid.uuidString.lowercased(), regionID: state.regionID,
                before: nil, after: after), on: connection)
            return value
        }
        return result
    }
}

extension String {
    /// The text without surrounding whitespace, or nil when nothing is left.
    var nonBlankText: String? {
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
