import AdalDomain
import AdalStore
import Foundation
import PostgresNIO

/// What coordinators do with events: schedule in local time, postpone, cancel, invite, hold (with
/// the council's quorum), and give calendars. Each change is one transaction with its history
/// line and audit entry.
public struct Meetings: Sendable {
    let context: AdalContext

    public init(_ context: AdalContext) { self.context = context }

    public func schedule(_ form: EventScheduleForm, actor: String) async throws -> Event {
        let event = try await context.act(actor: actor) { change -> Event in
            let connection = change.connection
            let region = try await context.region(code: form.regionCode, on: connection)
            guard context.scope.contains(regionID: region.id) else {
                throw ValidationFailure([FieldError("region", "\(region.code) is outside the regions you work in")])
            }
            let schedule = try EventSchedule.validate(form, zone: region.timeZone)
            // The office (whose series numbers the event's certificates) and the council serve the event's region.
            var officeID: Int64?
            if let code = schedule.officeCode {
                officeID = try await context.office(code: code, serving: (region.id, region.code), on: connection)
            }
            var councilID: Int64?
            if let code = schedule.councilCode {
                councilID = try await context.council(code: code, serving: (region.id, region.code), on: connection)
            }
            let id = try await context.events.insert(.init(
                seedRef: nil, regionID: region.id, officeID: officeID, councilID: councilID, kind: schedule.kind,
                format: schedule.format, title: schedule.title, topic: schedule.topic, venue: schedule.venue,
                link: schedule.link, startsAt: schedule.startsAt, endsAt: schedule.endsAt, status: .planned),
                capacity: schedule.capacity, on: connection)
            for (index, reference) in form.planItems.enumerated() {
                let parts = reference.split(separator: " ")
                guard parts.count == 2,
                      let itemID = try await context.plans.findItem(planCode: String(parts[0]), number: String(parts[1]),
                                                                    country: region.country, on: connection) else {
                    throw ValidationFailure([FieldError("plan_items[\(index)]", "no action-plan item of \(region.country.rawValue) is '\(reference)' (PLAN-CODE number)")])
                }
                _ = try await context.events.linkPlanItemIfAbsent(eventID: id, planItemID: itemID, on: connection)
            }
            for partner in form.partners {
                guard let name = partner.nonBlankText else { continue }
                let organisation = try await context.organisations.findOrCreate(name: name, kind: .ngo, regionID: region.id,
                                                                                on: connection)
                _ = try await context.events.addPartnerIfAbsent(eventID: id, organisationID: organisation.id, on: connection)
            }
            try await context.events.appendChange(eventID: id, regionID: region.id, actor: actor, kind: "scheduled",
                                                  from: nil, to: schedule.startsAt, note: nil, on: connection)
            let event = try await context.events.get(idOrRef: id.uuidString, on: connection)!
            try await context.audit.append(AuditEntryDraft(
                actor: actor, action: "event.schedule", entity: "event", entityID: id.uuidString.lowercased(),
                regionID: region.id, before: nil, after: AuditJSON.encode(event)), on: connection)
            return event
        }
        return event
    }

    /// Moves the event to new local times, or (with none) marks it postponed until further notice.
    /// The earlier times stay in the event's history; calendars get a higher SEQUENCE.
    public func postpone(_ id: String, starts: String?, ends: String?, reason: String?, actor: String) async throws -> Event {
        try FreeTextLimit.check(reason, field: "reason", limit: FreeTextLimit.reason)
        return try await change(id, actor: actor, action: "event.postpone") { state, connection in
            guard state.status == .planned || state.status == .postponed else {
                throw ValidationFailure([FieldError("status", "a \(state.status.rawValue) event cannot be postponed")])
            }
            var errors = FieldErrorCollector()
            var startsAt: Date?, endsAt: Date?
            if let raw = starts.nonBlank {
                startsAt = LocalTime.instant(raw, zone: state.timeZone)
                if startsAt == nil { errors.add("starts", "must be a local time yyyy-MM-ddTHH:mm") }
            }
            if let raw = ends.nonBlank {
                endsAt = LocalTime.instant(raw, zone: state.timeZone)
                if endsAt == nil { errors.add("ends", "must be a local time yyyy-MM-ddTHH:mm") }
                if startsAt == nil && starts.nonBlank == nil { errors.add("ends", "give the new start too") }
            }
            if let startsAt, let endsAt, endsAt <= startsAt { errors.add("ends", "must be after the start") }
            if reason.nonBlank == nil { errors.add("reason", "is required to postpone") }
            try errors.throwIfAny()
            // A new start alone keeps the event's length.
            if let startsAt, endsAt == nil, ends.nonBlank == nil, let oldStart = state.startsAt, let oldEnd = state.endsAt {
                endsAt = startsAt.addingTimeInterval(oldEnd.timeIntervalSince(oldStart))
            }
            try await context.events.reschedule(id: state.id, startsAt: startsAt, endsAt: endsAt, on: connection)
            try await context.events.appendChange(eventID: state.id, regionID: state.regionID, actor: actor, kind: "postponed",
                                                  from: state.startsAt, to: startsAt, note: reason, on: connection)
            try await context.reminders.enqueueUpdates(eventID: state.id, on: connection)
        }
    }

    /// Cancels the event; the record stays, and calendars get a cancellation.
    public func cancel(_ id: String, reason: String?, actor: String) async throws -> Event {
        try FreeTextLimit.check(reason, field: "reason", limit: FreeTextLimit.reason)
        return try await change(id, actor: actor, action: "event.cancel") { state, connection in
            guard state.status == .planned || state.status == .postponed else {
                throw ValidationFailure([FieldError("status", "a \(state.status.rawValue) event cannot be cancelled")])
            }
            guard let reason = reason.nonBlank else { throw ValidationFailure([FieldError("reason", "is required to cancel")]) }
            try await context.events.cancel(id: state.id, reason: reason, on: connection)
            try await context.reminders.enqueueCancellations(eventID: state.id, on: connection)
            try await context.events.appendChange(eventID: state.id, regionID: state.regionID, actor: actor, kind: "cancelled",
                                                  from: state.startsAt, to: nil, note: reason, on: connection)
        }
    }

    /// Sets the hours before the start at which this event's participants are reminded (`72,24`),
    /// or with nil returns it to its kind's; reminders queued for other hours are withdrawn.
    public func setReminderHours(_ id: String, hours text: String?, actor: String) async throws -> Event {
        let hours = try text.map { try ReminderOffsets.parse($0, field: "hours") }
        return try await change(id, actor: actor, action: "event.reminder_hours") { state, connection in
            try await context.reminders.setEventHours(eventID: state.id, hours: hours, on: connection)
        }
    }

    /// Invites a known person, or a new one (added to the event's region in the same transaction),
    /// with a role (or changes the role of one already invited).
    public func invite(_ id: String, person: PersonReference, role: String, actor: String) async throws -> Event {
        let role = try ParticipantRole.parse(role, field: "role")
        return try await change(id, actor: actor, action: "event.invite") { state, connection in
            guard state.status == .planned || state.status == .postponed else {
                throw ValidationFailure([FieldError("status", "a \(state.status.rawValue) event takes no more invitations")])
            }
            let personID = try await resolve(person, regionID: state.regionID, actor: actor, on: connection)
            _ = try await context.events.upsertParticipant(eventID: state.id, personID: personID, regionID: state.regionID,
                                                           role: role, on: connection)
            try await context.reminders.enqueueInvitation(eventID: state.id, personID: personID, on: connection)
        }
    }

    /// Records the event as held with who was present. A council's meeting needs its quorum —
    /// more than half of the members in office that day, or the council's own share — unless
    /// `withoutQuorum` is given with a reason; present members are recorded as attending.
    public func hold(_ id: String, present: [String], absent: [String] = [], withoutQuorum: Bool, reason: String?,
                     minutes: String?, actor: String, now: Date = Date()) async throws -> HoldingReport {
        try FreeTextLimit.check(reason, field: "reason", limit: FreeTextLimit.reason)
        try FreeTextLimit.check(minutes, field: "minutes", limit: FreeTextLimit.decision)
        var report: HoldingReport?
        _ = try await change(id, actor: actor, action: "event.hold") { state, connection in
            guard state.status == .planned || state.status == .postponed else {
                throw ValidationFailure([FieldError("status", "a \(state.status.rawValue) event cannot be held")])
            }
            var people: [UUID] = []
            var unmarked: [UUID] = []
            let participants = try await context.events.participantKeys(eventID: state.id, on: connection)
            for text in absent {
                let matches = UUID(uuidString: text).map { [$0] } ?? Self.participants(named: text, among: participants)
                guard matches.count == 1 else {
                    throw ValidationFailure([FieldError("absent", matches.isEmpty ? "'\(text)' is none of this event's people"
                                                                              : "'\(text)' names several of this event's people; give the id")])
                }
                unmarked.append(matches[0])
            }
            for text in present {
                // A UUID stands for itself (a council member need not be invited); anything else
                // names one of the event's people by short ID or by name.
                let matches = UUID(uuidString: text).map { [$0] } ?? Self.participants(named: text, among: participants)
                guard matches.count == 1 else {
                    throw ValidationFailure([FieldError("present", matches.isEmpty
                        ? "'\(text)' is none of this event's people (give a person's id for a member not invited)"
                        : "'\(text)' names several of this event's people; give the id")])
                }
                if !people.contains(matches[0]) { people.append(matches[0]) }
            }
            if withoutQuorum && reason.nonBlank == nil {
                throw ValidationFailure([FieldError("reason", "is required to hold a meeting without its quorum")])
            }
            let invited = Set(participants.map(\.personID))
            // The attendance already recorded (ticked, or from a signed sheet) stands, with those named
            // present added and those named absent taken off.
            let recorded = try await context.events.attendedAmong(eventID: state.id, people: Array(invited), on: connection)
            people = (recorded + people.filter { !recorded.contains($0) }).filter { !unmarked.contains($0) }
            let day = state.startsAt.map { CivilDate($0, zone: TimeZone(identifier: state.timeZone)!) }
                ?? state.heldOn ?? CivilDate(Date(), zone: TimeZone(identifier: state.timeZone)!)
            var members = 0, quorum = 0, met = true, membersPresent = people.count
            if let councilID = state.councilID {
                let council = try await context.events.councilMembers(councilID: councilID, on: day, connection: connection)
                // A guest invited to the meeting may be present; only members count toward the quorum.
                let strangers = people.filter { !council.members.contains($0) && !invited.contains($0) }
                if let stranger = strangers.first {
                    throw ValidationFailure([FieldError("present", "\(stranger.uuidString.lowercased()) is neither a member in office on \(day) nor invited")])
                }
                members = council.members.count
                quorum = Quorum.required(membersInOffice: members, fraction: council.fraction)
                membersPresent = people.filter(council.members.contains).count
                met = membersPresent >= quorum
                if !met && !withoutQuorum {
                    throw ValidationFailure([FieldError("present", "\(membersPresent) of \(members) members present; the quorum is \(quorum) (hold it anyway with --without-quorum and a reason)")])
                }
                for person in people where !invited.contains(person) {
                    _ = try await context.events.upsertParticipant(eventID: state.id, personID: person,
                                                                   regionID: state.regionID, role: .participant, on: connection)
                }
            } else if let stranger = people.first(where: { !invited.contains($0) }) {
                throw ValidationFailure([FieldError("present", "\(stranger.uuidString.lowercased()) is not invited to this event; invite them first")])
            }
            // What was typed is checked first, so a refusal names the field at fault before the event's time.
            if let start = state.startsAt, start > now {
                throw ValidationFailure([FieldError("status", "the event starts at \(LocalTime.format(start, zone: state.timeZone)) (\(state.timeZone)); record it held once it has begun, or postpone it")])
            }
            if state.startsAt == nil && state.heldOn == nil {
                throw ValidationFailure([FieldError("status", "the event has no time; postpone it to the time it took place, then hold it")])
            }
            let attended = try await context.events.recordAttendance(eventID: state.id, attended: people, on: connection)
            try await context.events.markHeld(id: state.id, heldOn: day, withoutQuorumReason: met ? nil : reason,
                                              minutes: minutes.nonBlank, on: connection)
            try await context.events.appendChange(eventID: state.id, regionID: state.regionID, actor: actor, kind: "held",
                                                  from: state.startsAt, to: state.startsAt,
                                                  note: met ? nil : "without quorum: \(reason ?? "")", on: connection)
            report = HoldingReport(eventID: state.id, membersInOffice: members, present: membersPresent, quorum: quorum,
                                   quorumMet: met, attended: attended)
        }
        return report!
    }

    /// The event as an RFC 5545 calendar: an invitation, or a cancellation once cancelled.
    /// What holding a council's meeting would need, before it is recorded: its members in office on
    /// the meeting's day and the quorum among them; nil for an event of no council.
    public func quorumPreview(_ id: String) async throws -> (membersInOffice: [UUID], quorum: Int)? {
        try await quorumPreview(of: try await Directory(context).event(id))
    }

    /// The same for an event already read in this context's scope (its page has it in hand).
    public func quorumPreview(of event: Event) async throws -> (membersInOffice: [UUID], quorum: Int)? {
        guard event.councilCode != nil else { return nil }
        return try await context.read { connection in
            guard let state = try await context.events.lock(id: event.id, on: connection), let councilID = state.councilID else {
                return nil
            }
            let zone = TimeZone(identifier: state.timeZone)!
            let day = state.startsAt.map { CivilDate($0, zone: zone) } ?? state.heldOn ?? CivilDate(Date(), zone: zone)
            let council = try await context.events.councilMembers(councilID: councilID, on: day, connection: connection)
            return (council.members, Quorum.required(membersInOffice: council.members.count, fraction: council.fraction))
        }
    }

    public func calendar(_ id: String) async throws -> String {
        let event = try await Directory(context).event(id)
        guard let startsAt = event.startsAt else {
            throw ValidationFailure([FieldError("starts", "the event has no start time to put in a calendar")])
        }
        let (sequence, email, office) = try await context.database.withConnection { connection in
            try await context.events.calendarDetails(id: event.id, on: connection)
        }
        return ICalendar(uid: "\(event.id.uuidString.lowercased())@adal", sequence: sequence, title: event.title,
                         description: event.topic, location: event.venue, url: event.link, startsAt: startsAt,
                         endsAt: event.endsAt, timeZone: event.timeZone, cancelled: event.status == .cancelled,
                         organizerName: office, organizerEmail: email, stamp: Date()).text
    }

    /// Locks the event (404 outside the scope), applies `body`, then writes the audit entry with the
    /// event before and after, all in one transaction.
    /// Internal, not private: the extensions in Meetings+*.swift use it too.
    func change(_ id: String, actor: String, action: String,
                        _ body: (EventRepository.State, PostgresConnection) async throws -> Void) async throws -> Event {
        guard let uuid = UUID(uuidString: id) else { throw AdalError.notFound(entity: "event", key: id) }
        let event = try await context.act(actor: actor) { change -> Event in
            let connection = change.connection
            guard let state = try await context.events.lock(id: uuid, on: connection),
                  context.scope.contains(regionID: state.regionID),
                  let before = try await context.events.get(idOrRef: uuid.uuidString, on: connection) else {
                throw AdalError.notFound(entity: "event", key: id)
            }
            try await body(state, connection)
            let after = try await context.events.get(idOrRef: uuid.uuidString, on: connection)!
            try await context.audit.append(AuditEntryDraft(
                actor: actor, action: action, entity: "event", entityID: uuid.uuidString.lowercased(),
                regionID: state.regionID, before: AuditJSON.encode(before), after: AuditJSON.encode(after)), on: connection)
            return after
        }
        return event
    }
}
