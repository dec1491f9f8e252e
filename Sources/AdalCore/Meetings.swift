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
        let event = try await context.database.transaction { connection -> Event in
            let region = try await context.region(code: form.regionCode, on: connection)
            guard context.scope.contains(regionID: region.id) else {
                throw ValidationFailure([FieldError("region", "\(region.code) is outside the regions you work in")])
            }
            let schedule = try EventSchedule.validate(form, zone: region.timeZone)
            var officeID: Int64?
            if let code = schedule.officeCode {
                guard let office = try await context.offices.find(code: code, on: connection) else {
                    throw ValidationFailure([FieldError("office", "no office has the code '\(code)'")])
                }
                officeID = office.id
            }
            var councilID: Int64?
            if let code = schedule.councilCode {
                guard let council = try await context.councils.find(code: code, on: connection),
                      context.scope.contains(regionID: council.regionID) else {
                    throw ValidationFailure([FieldError("council", "no council has the code '\(code)' in your regions")])
                }
                councilID = council.id
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
                                                                    on: connection) else {
                    throw ValidationFailure([FieldError("plan_items[\(index)]", "no action-plan item is '\(reference)' (PLAN-CODE number)")])
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
        await AuditTrail(context).sealAfterCommit()
        return event
    }

    /// Moves the event to new local times, or (with none) marks it postponed until further notice.
    /// The earlier times stay in the event's history; calendars get a higher SEQUENCE.
    public func postpone(_ id: String, starts: String?, ends: String?, reason: String?, actor: String) async throws -> Event {
        try await change(id, actor: actor, action: "event.postpone") { state, connection in
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
            try await context.events.reschedule(id: state.id, startsAt: startsAt, endsAt: endsAt, on: connection)
            try await context.events.appendChange(eventID: state.id, regionID: state.regionID, actor: actor, kind: "postponed",
                                                  from: state.startsAt, to: startsAt, note: reason, on: connection)
        }
    }

    /// Cancels the event; the record stays, and calendars get a cancellation.
    public func cancel(_ id: String, reason: String?, actor: String) async throws -> Event {
        try await change(id, actor: actor, action: "event.cancel") { state, connection in
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

    /// Invites a known person to the event with a role (or changes their role).
    /// Invites a known person, or a new one (added to the event's region in the same transaction),
    /// with a role (or changes the role of one already invited).
    public func invite(_ id: String, person: PersonReference, role: String, actor: String) async throws -> Event {
        let role = try ParticipantRole.parse(role, field: "role")
        return try await change(id, actor: actor, action: "event.invite") { state, connection in
            let personID = try await resolve(person, regionID: state.regionID, actor: actor, on: connection)
            _ = try await context.events.upsertParticipant(eventID: state.id, personID: personID, regionID: state.regionID,
                                                           role: role, on: connection)
        }
    }

    /// Records the event as held with who was present. A council's meeting needs its quorum —
    /// more than half of the members in office that day, or the council's own share — unless
    /// `withoutQuorum` is given with a reason; present members are recorded as attending.
    public func hold(_ id: String, present: [String], withoutQuorum: Bool, reason: String?, minutes: String?,
                     actor: String) async throws -> HoldingReport {
        var report: HoldingReport?
        _ = try await change(id, actor: actor, action: "event.hold") { state, connection in
            guard state.status == .planned || state.status == .postponed else {
                throw ValidationFailure([FieldError("status", "a \(state.status.rawValue) event cannot be held")])
            }
            var people: [UUID] = []
            for text in present {
                guard let person = UUID(uuidString: text) else {
                    throw ValidationFailure([FieldError("present", "'\(text)' is not a person id (a UUID)")])
                }
                if !people.contains(person) { people.append(person) }
            }
            if withoutQuorum && reason.nonBlank == nil {
                throw ValidationFailure([FieldError("reason", "is required to hold a meeting without its quorum")])
            }
            let day = state.startsAt.map { CivilDate($0, zone: TimeZone(identifier: state.timeZone)!) }
                ?? state.heldOn ?? CivilDate(Date(), zone: TimeZone(identifier: state.timeZone)!)
            var members = 0, quorum = 0, met = true
            if let councilID = state.councilID {
                let council = try await context.events.councilMembers(councilID: councilID, on: day, connection: connection)
                let strangers = people.filter { !council.members.contains($0) }
                if let stranger = strangers.first {
                    throw ValidationFailure([FieldError("present", "\(stranger.uuidString.lowercased()) is not a member in office on \(day)")])
                }
                members = council.members.count
                quorum = Quorum.required(membersInOffice: members, fraction: council.fraction)
                met = people.count >= quorum
                if !met && !withoutQuorum {
                    throw ValidationFailure([FieldError("present", "\(people.count) of \(members) members present; the quorum is \(quorum) (hold it anyway with --without-quorum and a reason)")])
                }
                for person in people {
                    _ = try await context.events.upsertParticipant(eventID: state.id, personID: person,
                                                                   regionID: state.regionID, role: .participant, on: connection)
                }
            }
            let attended = try await context.events.recordAttendance(eventID: state.id, attended: people, on: connection)
            try await context.events.markHeld(id: state.id, heldOn: day, withoutQuorumReason: met ? nil : reason,
                                              minutes: minutes.nonBlank, on: connection)
            try await context.events.appendChange(eventID: state.id, regionID: state.regionID, actor: actor, kind: "held",
                                                  from: state.startsAt, to: state.startsAt,
                                                  note: met ? nil : "without quorum: \(reason ?? "")", on: connection)
            report = HoldingReport(eventID: state.id, membersInOffice: members, present: people.count, quorum: quorum,
                                   quorumMet: met, attended: attended)
        }
        return report!
    }

    /// The event as an RFC 5545 calendar: an invitation, or a cancellation once cancelled.
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
                         organizerName: office, organizerEmail: email).text
    }

    /// Locks the event (404 outside the scope), applies `body`, then writes the audit entry with the
    /// event before and after, all in one transaction.
    private func change(_ id: String, actor: String, action: String,
                        _ body: (EventRepository.State, PostgresConnection) async throws -> Void) async throws -> Event {
        guard let uuid = UUID(uuidString: id) else { throw AdalError.notFound(entity: "event", key: id) }
        let event = try await context.database.transaction { connection -> Event in
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
        await AuditTrail(context).sealAfterCommit()
        return event
    }
}

/// Certificates for those who attended, numbered per office and year without gaps or repeats.
public struct Certificates: Sendable {
    let context: AdalContext

    public init(_ context: AdalContext) { self.context = context }

    public struct Issued: Codable, Sendable, Equatable {
        public let number: String
        public let personID: UUID
        public let language: Language
    }

    /// Issues a certificate to every attended participant who has none yet.
    public func issue(eventID id: String, actor: String) async throws -> [Issued] {
        guard let uuid = UUID(uuidString: id) else { throw AdalError.notFound(entity: "event", key: id) }
        let issued = try await context.database.transaction { connection -> [Issued] in
            guard let state = try await context.events.lock(id: uuid, on: connection),
                  context.scope.contains(regionID: state.regionID) else {
                throw AdalError.notFound(entity: "event", key: id)
            }
            guard state.status == .held else {
                throw ValidationFailure([FieldError("status", "certificates are issued for held events; this one is \(state.status.rawValue)")])
            }
            guard let officeID = state.officeID, let officeCode = state.officeCode else {
                throw ValidationFailure([FieldError("office", "the event has no organising office to number certificates by")])
            }
            let zone = TimeZone(identifier: state.timeZone)!
            let year = (state.heldOn ?? state.startsAt.map { CivilDate($0, zone: zone) } ?? CivilDate(Date(), zone: zone)).year
            let due = try await context.events.attendedWithoutCertificate(eventID: uuid, on: connection)
            guard !due.isEmpty else { return [] }
            let first = try await context.events.takeSerials(officeID: officeID, regionID: state.regionID, year: year,
                                                             count: due.count, on: connection)
            var issued: [Issued] = []
            for (offset, participant) in due.enumerated() {
                let number = CertificateNumber.make(officeCode: officeCode, year: year, serial: first + offset)
                try await context.events.insertCertificate(
                    number: number, officeID: officeID, year: year, serial: first + offset, eventID: uuid,
                    participantID: participant.participantID, personID: participant.personID, regionID: state.regionID,
                    language: participant.language, actor: actor, on: connection)
                issued.append(Issued(number: number, personID: participant.personID, language: participant.language))
            }
            try await context.audit.append(AuditEntryDraft(
                actor: actor, action: "event.certificates", entity: "event", entityID: uuid.uuidString.lowercased(),
                regionID: state.regionID, before: nil, after: AuditJSON.encode(["numbers": issued.map(\.number)])),
                on: connection)
            return issued
        }
        await AuditTrail(context).sealAfterCommit()
        return issued
    }

    /// The certificate as a printable page in its holder's language (or `language`), for staff of its region.
    public func page(_ number: String, language: Language? = nil) async throws -> String {
        let found = try await context.database.withConnection { connection in
            try await context.events.certificateForPrint(number.trimmingCharacters(in: .whitespaces), on: connection)
        }
        guard let found, context.scope.contains(regionID: found.regionID) else {
            throw AdalError.notFound(entity: "certificate", key: number)
        }
        let language = language ?? found.language
        let office = found.officeNames[language.rawValue] ?? found.officeNames["en"] ?? found.record.officeCode
        return Printables.certificate(found.record, office: office, language: language)
    }

    /// Whose the certificate is, for which event and date; nil when no certificate has this number.
    public func verify(_ number: String) async throws -> CertificateRecord? {
        try await context.database.withConnection { connection in
            try await context.events.lookupCertificate(number.trimmingCharacters(in: .whitespaces), on: connection)
        }
    }
}

extension Meetings {
    /// A new person known by name, position and organisation (a speaker, a council member), in
    /// `regionCode`; contact details are optional.
    public func addPerson(_ form: NewPersonForm, regionCode: String, actor: String) async throws -> UUID {
        let id = try await context.database.transaction { connection -> UUID in
            let region = try await context.region(code: regionCode, on: connection)
            guard context.scope.contains(regionID: region.id) else {
                throw ValidationFailure([FieldError("region", "\(region.code) is outside the regions you work in")])
            }
            return try await insertPerson(form, regionID: region.id, country: region.country, actor: actor, on: connection)
        }
        await AuditTrail(context).sealAfterCommit()
        return id
    }

    /// The person meant: a known one (checked to exist in the caller's regions), or a new one
    /// added to `regionID` in the caller's transaction.
    func resolve(_ reference: PersonReference, regionID: Int64, actor: String,
                 on connection: PostgresConnection) async throws -> UUID {
        switch reference {
        case let .known(text):
            guard let id = UUID(uuidString: text), try await context.people.exists(id: id, on: connection) else {
                throw ValidationFailure([FieldError("person", "no person has the id '\(text)' in your regions")])
            }
            return id
        case let .new(form):
            let country = try await context.regions.country(id: regionID, on: connection)
            return try await insertPerson(form, regionID: regionID, country: country, actor: actor, on: connection)
        }
    }

    private func insertPerson(_ form: NewPersonForm, regionID: Int64, country: Country, actor: String,
                              on connection: PostgresConnection) async throws -> UUID {
        let name = form.name.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors = FieldErrorCollector()
        if name.isEmpty { errors.add("name", "is required") }
        if name.count > 300 || name.contains(where: \.isNewline) { errors.add("name", "must be one line of at most 300 characters") }
        let language = errors.check { try Language.parse(form.language, field: "language") }
        let email = form.email.nonBlank.flatMap { raw in errors.check { try ContactDetails.email(raw) } }
        let phone = form.phone.nonBlank.flatMap { raw in errors.check { try ContactDetails.phone(raw, country: country) } }
        try errors.throwIfAny()
        let organisationID = try await form.organisation.nonBlank.asyncMap { organisation in
            try await context.organisations.findOrCreate(name: organisation, kind: .ngo, regionID: regionID, on: connection).id
        }
        guard let id = try await context.people.insert(.init(regionID: regionID, fullName: name, position: form.position.nonBlank,
                                                              organisationID: organisationID, phone: phone, email: email,
                                                              language: language!), on: connection) else {
            throw StoreErrorMessage("the person could not be stored")
        }
        try await context.audit.append(AuditEntryDraft(
            actor: actor, action: "person.add", entity: "person", entityID: id.uuidString.lowercased(), regionID: regionID,
            before: nil, after: AuditJSON.encode(["full_name": name, "position": form.position ?? ""])), on: connection)
        return id
    }

    /// Adds a member to a council, with role, position and term.
    public func addMember(councilCode: String, person reference: PersonReference, role: String, position: String?,
                          termFrom: String?, termTo: String?, actor: String) async throws -> Council {
        var errors = FieldErrorCollector()
        let role = errors.check { try CouncilRole.parse(role, field: "role") }
        let from = termFrom.nonBlank.flatMap { raw -> CivilDate? in
            guard let date = CivilDate(raw) else { errors.add("term_from", "must be a date yyyy-MM-dd"); return nil }
            return date
        }
        let to = termTo.nonBlank.flatMap { raw -> CivilDate? in
            guard let date = CivilDate(raw) else { errors.add("term_to", "must be a date yyyy-MM-dd"); return nil }
            return date
        }
        if let from, let to, to < from { errors.add("term_to", "must not be before term_from") }
        try errors.throwIfAny()
        let council = try await context.database.transaction { connection -> Council in
            guard let found = try await context.councils.find(code: councilCode, on: connection),
                  context.scope.contains(regionID: found.regionID) else {
                throw AdalError.notFound(entity: "council", key: councilCode)
            }
            let person = try await resolve(reference, regionID: found.regionID, actor: actor, on: connection)
            guard try await context.councils.addMemberIfAbsent(councilID: found.id, personID: person, regionID: found.regionID,
                                                               position: position.nonBlank, role: role!, termFrom: from,
                                                               termTo: to, on: connection) else {
                throw AdalError.conflict(field: "person", reason: "is already a member for this term", existing: councilCode)
            }
            try await context.audit.append(AuditEntryDraft(
                actor: actor, action: "council.add_member", entity: "council", entityID: councilCode.uppercased(),
                regionID: found.regionID, before: nil,
                after: AuditJSON.encode(["person": person.uuidString.lowercased(), "role": role!.rawValue])), on: connection)
            return try await context.councils.get(code: councilCode, on: connection)!
        }
        await AuditTrail(context).sealAfterCommit()
        return council
    }
}

extension Meetings {
    /// Assigns a volunteer to the event with a role; returns the event and, as warnings, the
    /// volunteer's other events at overlapping times.
    public func assignVolunteer(_ id: String, volunteerID: String, role: String,
                                actor: String) async throws -> (event: Event, overlaps: [String]) {
        guard let volunteer = UUID(uuidString: volunteerID) else {
            throw ValidationFailure([FieldError("volunteer", "must be a volunteer id (a UUID)")])
        }
        guard let role = role.nonBlankText else { throw ValidationFailure([FieldError("role", "is required")]) }
        var overlaps: [String] = []
        let event = try await change(id, actor: actor, action: "event.assign_volunteer") { state, connection in
            guard let region = try await context.events.volunteerRegion(id: volunteer, on: connection),
                  context.scope.contains(regionID: region) else {
                throw ValidationFailure([FieldError("volunteer", "no volunteer has the id '\(volunteerID)' in your regions")])
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
            guard let person = UUID(uuidString: personID),
                  try await context.events.respond(eventID: state.id, personID: person, invitation: response, on: connection) else {
                throw ValidationFailure([FieldError("person", "'\(personID)' is not invited to this event")])
            }
        }
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
                let key = SearchKey.make(row.who)
                let matches = participants.filter {
                    $0.personID.uuidString.lowercased() == row.who.lowercased().trimmingCharacters(in: .whitespaces) || $0.key == key
                }
                guard matches.count == 1 else {
                    errors.add("row \(index + 1)", matches.isEmpty ? "no participant is '\(row.who)'" : "'\(row.who)' names several participants")
                    continue
                }
                if row.attended { attended.append(matches[0].personID) } else { absent.append(matches[0].personID) }
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
            let newVenue = venue.map { $0.nonBlank } ?? state.venue
            let newLink = link.map { $0.nonBlank } ?? state.link
            if state.format != .online && newVenue == nil { errors.add("venue", "is required for an event held in person") }
            if state.format != .inPerson && newLink == nil { errors.add("link", "is required for an event held online") }
            if let newLink, !(newLink.hasPrefix("https://") || newLink.hasPrefix("http://")) {
                errors.add("link", "must be an http or https address")
            }
            if case let .some(.some(value)) = capacity, value < 1 { errors.add("capacity", "must be at least 1") }
            try errors.throwIfAny()
            try await context.events.updateDetails(id: state.id, title: title?.nonBlankText, topic: topic.map { $0.nonBlank },
                                                   venue: venue.map { $0.nonBlank }, link: link.map { $0.nonBlank },
                                                   capacity: capacity, on: connection)
            try await context.events.appendChange(eventID: state.id, regionID: state.regionID, actor: actor, kind: "updated",
                                                  from: state.startsAt, to: state.startsAt, note: nil, on: connection)
        }
    }

    /// Sets the share of members in office a council's quorum needs (nil: more than half).
    public func setQuorum(councilCode: String, fraction: Double?, actor: String) async throws -> Council {
        // Kept to two decimals, as the council's rules write it (0.67, 0.75).
        let fraction = fraction.map { ($0 * 100).rounded() / 100 }
        if let fraction, !(fraction >= 0.01 && fraction <= 1) {
            throw ValidationFailure([FieldError("fraction", "must be from 0.01 to 1 (two decimals)")])
        }
        let council = try await context.database.transaction { connection -> Council in
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
        await AuditTrail(context).sealAfterCommit()
        return council
    }
}
