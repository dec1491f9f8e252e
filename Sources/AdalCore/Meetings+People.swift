import AdalDomain
import AdalStore
import Foundation
import PostgresNIO

extension Meetings {
    /// A new person known by name, position and organisation (a speaker, a council member), in
    /// `regionCode`; contact details are optional.
    public func addPerson(_ form: NewPersonForm, regionCode: String, actor: String) async throws -> UUID {
        let id = try await context.act(actor: actor) { change -> UUID in
            let connection = change.connection
            let region = try await context.region(code: regionCode, on: connection)
            guard context.scope.contains(regionID: region.id) else {
                throw ValidationFailure([FieldError("region", "\(region.code) is outside the regions you work in")])
            }
            return try await insertPerson(form, regionID: region.id, country: region.country, actor: actor, on: connection)
        }
        return id
    }

    /// The person meant: a known one (checked to exist in the caller's regions), or a new one
    /// added to `regionID` in the caller's transaction.
    func resolve(_ reference: PersonReference, regionID: Int64, actor: String,
                 on connection: PostgresConnection) async throws -> UUID {
        switch reference {
        case let .known(text):
            guard let id = UUID(uuidString: text), let personRegion = try await context.people.regionID(of: id, on: connection),
                  context.scope.contains(regionID: personRegion) else {
                throw ValidationFailure([FieldError("person", "no person has the id '\(text)' in your regions")])
            }
            let (personCountry, recordCountry) = (try await context.regions.country(id: personRegion, on: connection),
                                                  try await context.regions.country(id: regionID, on: connection))
            guard personCountry == recordCountry else {
                throw ValidationFailure([FieldError("person", "the person is kept in \(personCountry.rawValue), the record is of \(recordCountry.rawValue)")])
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
        if let position = form.position, position.count > 300 { errors.add("position", "must have at most 300 characters") }
        if let organisation = form.organisation, organisation.count > 300 {
            errors.add("organisation", "must have at most 300 characters")
        }
        let language = form.language.nonBlank.map { raw in errors.check { try Language.parse(raw, field: "language") } }
            ?? country.stateLanguage
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
    /// A council has one chair at a time: a new chair's term ends the one before's on the day before
    /// it begins. A member needs an e-mail address or a phone, unless `reachedByOffice` says the
    /// office reaches them itself.
    public func addMember(councilCode: String, person reference: PersonReference, role: String, position: String?,
                          termFrom: String?, termTo: String?, reachedByOffice: Bool = false, actor: String,
                          today: Date = Date()) async throws -> Council {
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
        let council = try await context.act(actor: actor) { change -> Council in
            let connection = change.connection
            guard let found = try await context.councils.find(code: councilCode, on: connection),
                  context.scope.contains(regionID: found.regionID) else {
                throw AdalError.notFound(entity: "council", key: councilCode)
            }
            try await context.councils.lock(councilID: found.id, on: connection)
            let person = try await resolve(reference, regionID: found.regionID, actor: actor, on: connection)
            let reachable = try await context.people.isReachable(id: person, on: connection)
            guard reachedByOffice || reachable else {
                throw ValidationFailure([FieldError("person", "a member needs an e-mail address or a phone to be reached by; give one, or say the office reaches them itself (reached_by_office)")])
            }
            var endedChairs: [UUID] = []
            if role == .chair {
                let zone = TimeZone(identifier: try await context.regions.timeZone(id: found.regionID, on: connection)) ?? .gmt
                let begins = from ?? CivilDate(today, zone: zone)
                for chair in try await context.councils.chairs(councilID: found.id, servingOnOrAfter: begins, except: person,
                                                               on: connection) {
                    if let theirs = chair.termFrom, theirs >= begins {
                        throw ValidationFailure([FieldError("role", "another chair's term begins on \(theirs); a council has one chair at a time")])
                    }
                    _ = try await context.councils.endTerm(councilID: found.id, personID: chair.personID,
                                                          on: begins.adding(days: -1), on: connection)
                    endedChairs.append(chair.personID)
                }
            }
            guard try await context.councils.addMemberIfAbsent(councilID: found.id, personID: person, regionID: found.regionID,
                                                               position: position.nonBlank, role: role!, termFrom: from,
                                                               termTo: to, on: connection) else {
                throw AdalError.conflict(field: "person", reason: "is already a member for this term", existing: councilCode)
            }
            if reachedByOffice { try await context.councils.markReachedByOffice(councilID: found.id, personID: person, on: connection) }
            try await context.audit.append(AuditEntryDraft(
                actor: actor, action: "council.add_member", entity: "council", entityID: councilCode.uppercased(),
                regionID: found.regionID, before: nil,
                after: AuditJSON.encode(["person": person.uuidString.lowercased(), "role": role!.rawValue,
                                         "chair_term_ended": endedChairs.map { $0.uuidString.lowercased() }.joined(separator: ",")])),
                on: connection)
            return try await context.councils.get(code: councilCode, on: connection)!
        }
        return council
    }

    /// Ends a member's term on `lastDay` (default: today in the council's region), audited.
    public func endTerm(councilCode: String, personID: String, lastDay: String?, actor: String,
                        today: Date = Date()) async throws -> Council {
        let day = try lastDay.nonBlank.map { raw -> CivilDate in
            guard let date = CivilDate(raw) else { throw ValidationFailure([FieldError("on", "must be a date yyyy-MM-dd")]) }
            return date
        }
        guard let person = UUID(uuidString: personID) else {
            throw ValidationFailure([FieldError("person", "'\(personID)' is not a person's id")])
        }
        return try await context.act(actor: actor) { change -> Council in
            let connection = change.connection
            guard let found = try await context.councils.find(code: councilCode, on: connection),
                  context.scope.contains(regionID: found.regionID) else {
                throw AdalError.notFound(entity: "council", key: councilCode)
            }
            let zone = TimeZone(identifier: try await context.regions.timeZone(id: found.regionID, on: connection)) ?? .gmt
            let ending = day ?? CivilDate(today, zone: zone)
            guard try await context.councils.endTerm(councilID: found.id, personID: person, on: ending, on: connection) else {
                throw ValidationFailure([FieldError("person", "has no term on \(councilCode.uppercased()) open on \(ending)")])
            }
            try await change.audit("council.end_term", entity: "council", id: councilCode.uppercased(), regionID: found.regionID,
                                   after: AuditJSON.encode(["person": person.uuidString.lowercased(), "term_to": ending.description]))
            return try await context.councils.get(code: councilCode, on: connection)!
        }
    }
}
