import AdalDomain
import AdalStore
import Foundation
import Logging
import PostgresNIO

/// What registrars do with volunteers: register, list, show, search.
public struct Volunteers: Sendable {
    let context: AdalContext

    public init(_ context: AdalContext) { self.context = context }

    /// Registers a volunteer: checks every field, then stores the person (or links the one with
    /// this national ID), the volunteer and an audit entry in one transaction.
    /// - Throws: `ValidationFailure` naming each bad field; `AdalError.conflict` when the national ID
    ///   already belongs to a volunteer, naming that volunteer; `AdalError.registeredElsewhere` when
    ///   another region's office keeps the person (the attempt is kept for the admins).
    public func register(_ form: VolunteerRegistrationForm, actor: String) async throws -> Volunteer {
        let registration = try VolunteerRegistration.validate(form)
        return try await context.recordingConflicts(source: "volunteer", actor: actor) {
            try await context.act(actor: actor) { change in
                try await register(registration, actor: actor, on: change.connection)
            }
        }
    }

    /// The registration inside a caller's transaction (seeding uses it too).
    func register(_ registration: VolunteerRegistration, actor: String,
                  on connection: PostgresConnection) async throws -> Volunteer {
        let region = try await context.region(code: registration.regionCode, on: connection)
        guard context.scope.contains(regionID: region.id) else {
            throw ValidationFailure([FieldError("region", "\(region.code) is outside the regions you work in")])
        }
        guard region.country == registration.nationalID.kind.country else {
            throw ValidationFailure([FieldError("country", "region \(region.code) is in \(region.country.rawValue), the national ID is of \(registration.nationalID.kind.country.rawValue)")])
        }
        var officeID: Int64?
        if let code = registration.officeCode {
            officeID = try await context.office(code: code, serving: (region.id, region.code), on: connection)
        }
        var organisationID: Int64?
        if let name = registration.organisation {
            organisationID = try await context.organisations.findOrCreate(
                name: name, kind: Self.organisationKind(for: registration.kind), regionID: region.id, on: connection).id
        }
        let (personID, isNew) = try await person(for: registration, regionID: region.id, officeID: officeID,
                                                  organisationID: organisationID, on: connection)
        if !isNew, let existing = try await context.volunteers.id(forPerson: personID, on: connection) {
            throw AdalError.conflict(field: "national_id", reason: "already registered as a volunteer",
                                     existing: "volunteer \(existing.uuidString.lowercased())")
        }
        guard let id = try await context.volunteers.insert(.init(
            personID: personID, regionID: region.id, officeID: officeID, kind: registration.kind,
            organisationID: organisationID, areas: registration.areas, joinedOn: registration.joinedOn), on: connection),
            let volunteer = try await context.volunteers.get(id: id, on: connection)
        else {
            let existing = try await context.volunteers.id(forPerson: personID, on: connection)
            throw AdalError.conflict(field: "national_id", reason: "already registered as a volunteer",
                                     existing: "volunteer \(existing?.uuidString.lowercased() ?? "?")")
        }
        try await context.audit.append(AuditEntryDraft(
            actor: actor, action: "volunteer.register", entity: "volunteer", entityID: id.uuidString.lowercased(),
            regionID: region.id, before: nil, after: AuditJSON.encode(volunteer)), on: connection)
        return volunteer
    }

    /// The person with this national ID, created when the office does not know them yet (`isNew`).
    /// Stored first and looked up only when someone has the number already: most people who
    /// register are new to the office.
    /// - Throws: `RegisteredElsewhere` when the holder of the number is kept outside the scope.
    private func person(for registration: VolunteerRegistration, regionID: Int64, officeID: Int64?, organisationID: Int64?,
                        on connection: PostgresConnection) async throws -> (id: UUID, isNew: Bool) {
        let inserted = try await context.people.insert(.init(
            regionID: regionID, fullName: registration.name.full, name: registration.name,
            organisationID: organisationID, nationalID: registration.nationalID, birthDate: registration.birthDate,
            phone: registration.phone, email: registration.email, language: registration.language,
            consentVersion: registration.consentVersion), on: connection)
        if let inserted { return (inserted, true) }
        guard let existing = try await context.people.find(nationalID: registration.nationalID, on: connection),
              let keptIn = try await context.people.regionID(of: existing, on: connection),
              context.scope.contains(regionID: keptIn) else {
            // Taken, yet not visible (row-level security) or not in the actor's regions: kept elsewhere.
            throw RegisteredElsewhere(nationalID: registration.nationalID, regionID: regionID, officeID: officeID,
                                      fullName: registration.name.full)
        }
        return (existing, false)
    }

    static func organisationKind(for kind: VolunteerKind) -> OrganisationKind {
        switch kind {
        case .ngo, .individual: return .ngo
        case .student: return .university
        case .corporate, .proBono: return .business
        }
    }

    public func list(regionCode: String?, status: VolunteerStatus?, kind: VolunteerKind?, area: VolunteerArea? = nil,
                     after: UUID?, limit: Int, search: String? = nil) async throws -> [Volunteer] {
        let search = try SearchText(search)
        return try await context.database.withConnection { connection in
            let regionID = try await context.regionID(filter: regionCode, on: connection)
            var filter = VolunteerRepository.Filter(regionID: regionID, status: status, kind: kind, area: area,
                                                    after: after, limit: limit, within: context.scope.limit)
            filter.search = search?.filter
            return try await context.volunteers.list(filter, on: connection)
        }
    }

    /// The volunteer; one outside the context's scope is not found, exactly like one that does not exist.
    public func show(id: String) async throws -> Volunteer {
        let uuid = try Self.volunteerID(id)
        let found = try await context.database.withConnection { connection in
            try await context.volunteers.get(id: uuid, on: connection)
        }
        guard let found, context.scope.contains(regionCode: found.regionCode) else {
            throw AdalError.notFound(entity: "volunteer", key: id)
        }
        return found
    }

    /// The volunteer as `actor` is shown it, with contact details (and the national ID unless masked):
    /// the read and its audit entry (`volunteer.read`, naming the fields shown) are one transaction.
    public func disclose(id: String, actor: String, nationalID: Bool) async throws -> Volunteer {
        let uuid = try Self.volunteerID(id)
        let fields = (nationalID ? ["national_id"] : []) + ["phone", "email"]
        let volunteer = try await context.act(actor: actor) { change -> Volunteer in
            let connection = change.connection
            guard let (volunteer, regionID) = try await context.volunteers.getWithRegion(id: uuid, on: connection),
                  context.scope.contains(regionID: regionID) else {
                throw AdalError.notFound(entity: "volunteer", key: id)
            }
            try await context.audit.append(AuditEntryDraft(
                actor: actor, action: "volunteer.read", entity: "volunteer", entityID: uuid.uuidString.lowercased(),
                regionID: regionID, before: nil, after: AuditJSON.encode(["fields": fields])), on: connection)
            return volunteer
        }
        return volunteer
    }

    /// The people, volunteers and open applications that may be the same person as this volunteer:
    /// the same national ID (certain), or the same birth date and a name matching token by token in
    /// any script (likely) — DuplicateRule; shown beside the volunteer and after registering one.
    public func possibleDuplicates(of volunteer: Volunteer) async throws -> [PossibleDuplicate] {
        guard context.scope.contains(regionCode: volunteer.regionCode) else {
            throw AdalError.notFound(entity: "volunteer", key: volunteer.id.uuidString.lowercased())
        }
        return try await context.read { connection in
            guard let probe = try await context.people.duplicateProbe(person: volunteer.personID, on: connection) else { return [] }
            return try await context.people.possibleDuplicates(of: probe, on: connection)
        }
    }

    /// Applies `form` when `ifMatch` is the volunteer's current entity tag; the change and its audit
    /// entry (before and after) are one transaction.
    /// - Throws: `AdalError.stale` when the volunteer changed since it was read; `notFound` outside the scope.
    public func update(id: String, _ form: VolunteerChangeForm, ifMatch: String, actor: String) async throws -> Volunteer {
        let uuid = try Self.volunteerID(id)
        let updated = try await context.act(actor: actor) { change -> Volunteer in
            let connection = change.connection
            guard let (before, regionID) = try await context.volunteers.lock(id: uuid, on: connection),
                  context.scope.contains(regionID: regionID) else {
                throw AdalError.notFound(entity: "volunteer", key: id)
            }
            // `*` asks for any current state (RFC 9110); a list of tags matches when one of them does.
            let tags = ifMatch.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard tags.contains("*") || tags.contains(before.entityTag) || tags.contains("W/" + before.entityTag) else {
                throw AdalError.stale(current: before.entityTag)
            }
            let country = try await context.region(code: before.regionCode, on: connection).country
            let changes = try VolunteerChanges.validate(form, country: country)
            var officeID: Int64??
            if let code = changes.officeCode {
                if let code {
                    officeID = .some(try await context.office(code: code, serving: (regionID, before.regionCode), on: connection))
                } else {
                    officeID = .some(nil)
                }
            }
            try await context.volunteers.update(id: uuid, personID: before.personID, status: changes.status,
                                                areas: changes.areas, officeID: officeID, phone: changes.phone,
                                                email: changes.email, language: changes.language, on: connection)
            guard let after = try await context.volunteers.get(id: uuid, on: connection) else {
                throw AdalError.notFound(entity: "volunteer", key: id)
            }
            try await context.audit.append(AuditEntryDraft(
                actor: actor, action: "volunteer.update", entity: "volunteer", entityID: uuid.uuidString.lowercased(),
                regionID: regionID, before: AuditJSON.encode(before), after: AuditJSON.encode(after)), on: connection)
            return after
        }
        return updated
    }

    /// Suspends, withdraws or reinstates a volunteer; the reason is required and kept in the audit
    /// entry (`volunteer.suspend`, `.withdraw`, `.reinstate`) with the status before and after.
    public func changeStatus(id: String, _ change: VolunteerStatusChange, reason: String, actor: String) async throws -> Volunteer {
        let uuid = try Self.volunteerID(id)
        guard let reason = reason.nonBlankText else {
            throw ValidationFailure([FieldError("reason", "is required: say why (it is kept in the audit log)")])
        }
        try FreeTextLimit.check(reason, field: "reason", limit: FreeTextLimit.reason)
        return try await context.act(actor: actor, reason: reason) { transaction -> Volunteer in
            let connection = transaction.connection
            guard let (before, regionID) = try await context.volunteers.lock(id: uuid, on: connection),
                  context.scope.contains(regionID: regionID) else {
                throw AdalError.notFound(entity: "volunteer", key: id)
            }
            let status: VolunteerStatus
            do { status = try change.status(from: before.status) } catch let error as FieldError { throw ValidationFailure([error]) }
            try await context.volunteers.update(id: uuid, personID: before.personID, status: status, areas: nil, officeID: nil,
                                                phone: nil, email: nil, language: nil, on: connection)
            guard let after = try await context.volunteers.get(id: uuid, on: connection) else {
                throw AdalError.notFound(entity: "volunteer", key: id)
            }
            try await transaction.audit("volunteer.\(change.rawValue)", entity: "volunteer", id: uuid.uuidString.lowercased(),
                                        regionID: regionID, before: AuditJSON.encode(["status": before.status.rawValue]),
                                        after: AuditJSON.encode(["status": status.rawValue]))
            return after
        }
    }

    static func volunteerID(_ text: String) throws -> UUID {
        guard let uuid = UUID(uuidString: text) else {
            throw ValidationFailure([FieldError("id", "'\(text)' is not a volunteer id (a UUID)")])
        }
        return uuid
    }

    /// Finds volunteers by name in any script or spelling, in any order (NameKeys): those matching
    /// most of the query's tokens first, then the closest by trigrams.
    public func search(_ text: String, limit: Int = 50) async throws -> [Volunteer] {
        try await searchMatching(text, limit: limit).map(\.volunteer)
    }

    /// The same, each with how its name matched the query.
    public func searchMatching(_ text: String, limit: Int = 50) async throws -> [(volunteer: Volunteer, match: NameSearchMatch)] {
        let query = NameKeys(text)
        guard !query.tokens.isEmpty else {
            throw ValidationFailure([FieldError("query", "must contain letters or digits")])
        }
        let found = try await context.database.withConnection { connection in
            try await context.volunteers.search(query, limit: limit, within: context.scope.limit, on: connection)
        }
        return found.map { ($0, NameSearchMatch(query: query, name: $0.fullName)) }
    }
}

struct StoreErrorMessage: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
