import AdalDomain
import AdalStore
import Foundation
import PostgresNIO

extension Meetings {
    /// Assigns a volunteer to the event with a role; returns the event and, as warnings, the
    /// volunteer's other events at overlapping times.
    public func assignVolunteer(_ id: String, volunteerID: String, role: String,
                                actor: String) async throws -> (event: Event, overlaps: [String]) {
        guard let volunteer = UUID(uuidString: volunteerID) else {
            throw ValidationFailure([FieldError("volunteer", "must be a volunteer id (a UUID)")])
        }
        guard let role = role.nonBlankText else { throw ValidationFailure([FieldError("role", "is required")]) }
        try FreeTextLimit.check(role, field: "role", limit: FreeTextLimit.name)
        var overlaps: [String] = []
        let event = try await change(id, actor: actor, action: "event.assign_volunteer") { state, connection in
            guard let region = try await context.events.volunteerRegion(id: volunteer, on: connection),
                  context.scope.contains(regionID: region) else {
                throw ValidationFailure([FieldError("volunteer", "no volunteer has the id '\(volunteerID)' in your regions")])
            }
            let (volunteerCountry, eventCountry) = (try await context.regions.country(id: region, on: connection),
                                                    try await context.regions.country(id: state.regionID, on: connection))
            guard volunteerCountry == eventCountry else {
                throw ValidationFailure([FieldError("volunteer", "the volunteer is of \(volunteerCountry.rawValue), the event of \(eventCountry.rawValue)")])
            }
            overlaps = try await context.events.assignVolunteer(eventID: state.id, volunteerID: volunteer,
                                                                regionID: state.regionID, role: role, on: connection)
        }
        return (event, overlaps)
    }

    /// Records an invited person's answer: registered or declined.
    public func respond(_ id: String, personID: String, response: String, actor: String) async throws -> Event {
        try await change(id, actor: actor, action: "event.response") { state, connection in
            guard ["registered", "declined"].contains(response) else {
                throw ValidationFailure([FieldError("response", "'\(response)' is not one of: registered, declined")])
            }
            let participants = try await context.events.participantKeys(eventID: state.id, on: connection)
            let matches = Self.participants(named: personID, among: participants)
            guard matches.count <= 1 else {
                throw ValidationFailure([FieldError("person", "'\(personID)' names several of this event's people; give the id")])
            }
            guard let person = matches.first,
                  try await context.events.respond(eventID: state.id, personID: person, invitation: response, on: connection) else {
                throw ValidationFailure([FieldError("person", "'\(personID)' is not invited to this event")])
            }
        }
    }

    /// The event's people `text` names: by id, by short ID (the id's last 8 hex digits) or by name
    /// in any script (compared on its search key).
    static func participants(named text: String, among people: [(personID: UUID, key: String)]) -> [UUID] {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let id = UUID(uuidString: trimmed) { return people.map(\.personID).filter { $0 == id } }
        if let short = ShortID.parse(trimmed) {
            let found = people.map(\.personID).filter { ShortID.of($0) == short }
            if !found.isEmpty { return found }
        }
        let key = SearchKey.make(text)
        guard !key.isEmpty else { return [] }
        return people.filter { $0.key == key }.map(\.personID)
    }

    /// Attendance from a signed sheet: each row names a participant (by id or by name, in any
    /// script) and whether they attended. Every row must match; otherwise nothing is recorded.
    public func recordAttendance(_ id: String, rows: [(who: String, attended: Bool)], actor: String) async throws -> Event {
        try await change(id, actor: actor, action: "event.attendance") { state, connection in
            let participants = try await context.events.participantKeys(eventID: state.id, on: connection)
            var errors = FieldErrorCollector()
            var attended: [UUID] = []
            var absent: [UUID] = []
            for (index, row) in rows.enumerated() {
                let matches = Self.participants(named: row.who, among: participants)
                guard matches.count == 1 else {
                    errors.add("row \(index + 1)", matches.isEmpty ? "no participant is '\(row.who)'" : "'\(row.who)' names several participants")
                    continue
                }
                if row.attended { attended.append(matches[0]) } else { absent.append(matches[0]) }
            }
            try errors.throwIfAny()
            let unmentioned = participants.map(\.personID).filter { !attended.contains($0) && !absent.contains($0) }
            // Participants the sheet does not mention keep what was recorded before.
            let keep = try await context.events.attendedAmong(eventID: state.id, people: unmentioned, on: connection)
            try await context.events.recordAttendance(eventID: state.id, attended: attended + keep, on: connection)
        }
    }
}

extension Meetings {
    /// Changes an event's details; a nil field stays, `.some(nil)` clears it. Calendars get a higher SEQUENCE.
    public func update(_ id: String, title: String?, topic: String??, venue: String??, link: String??, capacity: Int??,
                       actor: String) async throws -> Event {
        try await change(id, actor: actor, action: "event.update") { state, connection in
            guard state.status == .planned || state.status == .postponed else {
                throw ValidationFailure([FieldError("status", "a \(state.status.rawValue) event cannot be changed")])
            }
            var errors = FieldErrorCollector()
            if let title, title.nonBlankText == nil { errors.add("title", "must not be empty") }
            if let title, title.count > 300 { errors.add("title", "must have at most 300 characters") }
            EventSchedule.checkLengths(topic: topic ?? nil, venue: venue ?? nil, link: link ?? nil, into: &errors)
            let newVenue = venue.map { $0.nonBlank } ?? state.venue
            let newLink = link.map { $0.nonBlank } ?? state.link
            if state.format != .online && newVenue == nil { errors.add("venue", "is required for an event held in person") }
            if state.format != .inPerson && newLink == nil { errors.add("link", "is required for an event held online") }
            if let newLink, let problem = EventSchedule.linkProblem(newLink) { errors.add("link", problem) }
            if case let .some(.some(value)) = capacity, value < 1 { errors.add("capacity", "must be at least 1") }
            try errors.throwIfAny()
            try await context.events.updateDetails(id: state.id, title: title?.nonBlankText, topic: topic.map { $0.nonBlank },
                                                   venue: venue.map { $0.nonBlank }, link: link.map { $0.nonBlank },
                                                   capacity: capacity, on: connection)
            try await context.events.appendChange(eventID: state.id, regionID: state.regionID, actor: actor, kind: "updated",
                                                  from: state.startsAt, to: state.startsAt, note: nil, on: connection)
            // What invitees see changed (not the capacity) reaches them with the calendar's new SEQUENCE.
            if title != nil || topic != nil || venue != nil || link != nil {
                try await context.reminders.enqueueUpdates(eventID: state.id, on: connection)
            }
        }
    }

    /// Sets the share of members in office a council's quorum needs (nil: more than half).
    public func setQuorum(councilCode: String, fraction: Double?, actor: String) async throws -> Council {
        // Kept to two decimals, as the council's rules write it (0.67, 0.75).
        let fraction = fraction.map { ($0 * 100).rounded() / 100 }
        if let fraction, !(fraction >= 0.01 && fraction <= 1) {
            throw ValidationFailure([FieldError("fraction", "must be from 0.01 to 1 (two decimals)")])
        }
        let council = try await context.act(actor: actor) { change -> Council in
            let connection = change.connection
            guard let found = try await context.councils.find(code: councilCode, on: connection),
                  context.scope.contains(regionID: found.regionID) else {
                throw AdalError.notFound(entity: "council", key: councilCode)
            }
            try await context.councils.setQuorumFraction(councilID: found.id, fraction: fraction, on: connection)
            try await context.audit.append(AuditEntryDraft(
                actor: actor, action: "council.quorum", entity: "council", entityID: councilCode.uppercased(),
                regionID: found.regionID, before: nil, after: AuditJSON.encode(["quorum_fraction": fraction.map { "\($0)" } ?? "more than half"])),
                on: connection)
            return try await context.councils.get(code: councilCode, on: connection)!
        }
        return council
    }
}
