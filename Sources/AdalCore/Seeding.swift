import AdalDomain
import AdalStore
import Foundation
import PostgresNIO

/// Loads `seeds/` into the database in one transaction. Every record is inserted only when its
/// natural key is absent, so a second run adds nothing and writes no audit entry.
public struct Seeding: Sendable {
    let context: AdalContext

    public init(_ context: AdalContext) { self.context = context }

    /// Reads every `*.json` file of `directory` in name order into one world.
    public static func read(directory: String) throws -> SeedWorld {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        var world = SeedWorld()
        let decoder = JSONDecoder()
        for name in names {
            let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
            do {
                world.merge(try decoder.decode(SeedWorld.self, from: data))
            } catch let error as DecodingError {
                throw AdalError.configuration("seeds/\(name): \(Self.describe(error))")
            }
        }
        return world
    }

    /// How many records of each kind were added.
    public struct Counts: Codable, Sendable, Equatable {
        public var regions = 0, aliases = 0, offices = 0, officeAliases = 0, organisations = 0, plans = 0, planItems = 0
        public var programmes = 0, people = 0, councils = 0, councilMembers = 0, events = 0
        public var participants = 0, volunteers = 0, calendarDays = 0, ratingCriteria = 0

        public var total: Int {
            regions + aliases + offices + officeAliases + organisations + plans + planItems + programmes + people + councils
                + councilMembers + events + participants + volunteers + calendarDays + ratingCriteria
        }
    }

    public func load(_ world: SeedWorld, actor: String) async throws -> Counts {
        let counts = try await context.act(actor: actor) { change in
            let connection = change.connection
            var counts = Counts()
            try await loadPlaces(world, counts: &counts, on: connection)
            try await loadPeopleAndBodies(world, counts: &counts, on: connection)
            try await loadEvents(world, counts: &counts, on: connection)
            for day in world.calendars where try await context.calendars.insertIfAbsent(
                country: day.country, day: day.day, kind: day.kind.rawValue, name: day.name, on: connection) {
                counts.calendarDays += 1
            }
            for (position, criterion) in world.ratingCriteria.enumerated() where try await ReportRepository(logger: context.logger)
                .insertCriterionIfAbsent(criterion, position: position, on: connection) {
                counts.ratingCriteria += 1
            }
            for volunteer in world.volunteers {
                let registration = try VolunteerRegistration.validate(volunteer.form)
                if try await context.people.find(nationalID: registration.nationalID, on: connection) == nil {
                    _ = try await Volunteers(context).register(registration, actor: actor, on: connection)
                    counts.volunteers += 1
                }
            }
            if counts.total > 0 {
                try await context.audit.append(AuditEntryDraft(
                    actor: actor, action: "seed.load", entity: "seed", entityID: "seeds", regionID: nil,
                    before: nil, after: AuditJSON.encode(counts)), on: connection)
            }
            return counts
        }
        return counts
    }

    private func loadPlaces(_ world: SeedWorld, counts: inout Counts, on connection: PostgresConnection) async throws {
        for region in world.regions {
            var parentID: Int64?
            var country = Country(code: region.code)
            if let parentCode = region.parent {
                let parent = try await requireRegion(parentCode, on: connection)
                parentID = parent.id
                country = parent.country
            }
            guard let country else { throw AdalError.configuration("seeds: region \(region.code) has no country") }
            guard TimeZone(identifier: region.timeZone) != nil else {
                throw AdalError.configuration("seeds: region \(region.code) has an unknown time zone \(region.timeZone)")
            }
            if try await context.regions.insertIfAbsent(code: region.code, parentID: parentID, level: region.level,
                                                         country: country, timeZone: region.timeZone, names: region.names,
                                                         on: connection) {
                counts.regions += 1
            }
            let stored = try await requireRegion(region.code, on: connection)
            for alias in region.aliases ?? [] where try await context.regions.addAliasIfAbsent(alias, regionID: stored.id, on: connection) {
                counts.aliases += 1
            }
        }
        for office in world.offices {
            let region = try await requireRegion(office.region, on: connection)
            if try await context.offices.insertIfAbsent(code: office.code, regionID: region.id, kind: office.kind,
                                                         names: office.names, email: office.email, phone: office.phone,
                                                         address: office.address, on: connection) {
                counts.offices += 1
            }
            let officeID = try await requireOffice(office.code, on: connection)
            for alias in office.aliases ?? [] {
                let key = OfficeName.key(alias)
                guard !key.isEmpty else { throw AdalError.configuration("seeds: office \(office.code) has an empty alias") }
                if try await context.offices.addAliasIfAbsent(officeID: officeID, alias: alias, key: key, on: connection) {
                    counts.officeAliases += 1
                }
            }
        }
        for organisation in world.organisations {
            let regionID = try await organisation.region.asyncMap { try await requireRegion($0, on: connection).id }
            if try await context.organisations.findOrCreate(name: organisation.name, kind: organisation.kind,
                                                             regionID: regionID, on: connection).created {
                counts.organisations += 1
            }
        }
        for plan in world.plans {
            if try await context.plans.insertPlanIfAbsent(code: plan.code, country: plan.country, title: plan.title,
                                                           firstYear: plan.firstYear, lastYear: plan.lastYear,
                                                           adoptedBy: plan.adoptedBy, on: connection) {
                counts.plans += 1
            }
            for item in plan.items where try await context.plans.insertItemIfAbsent(
                planCode: plan.code, number: item.number, title: item.title, on: connection) {
                counts.planItems += 1
            }
        }
        for programme in world.programmes {
            let region = try await requireRegion(programme.region, on: connection)
            let officeID = try await programme.office.asyncMap { try await requireOffice($0, on: connection) }
            if try await context.programmes.insertIfAbsent(code: programme.code, regionID: region.id, officeID: officeID,
                                                            names: programme.names, areas: programme.areas,
                                                            intakeChannels: programme.intakeChannels,
                                                            contactEmail: programme.contactEmail,
                                                            startedOn: programme.startedOn, on: connection) {
                counts.programmes += 1
            }
        }
    }

    private func loadPeopleAndBodies(_ world: SeedWorld, counts: inout Counts, on connection: PostgresConnection) async throws {
        for person in world.people {
            let region = try await requireRegion(person.region, on: connection)
            let organisationID = try await person.organisation.asyncMap { name -> Int64 in
                guard let id = try await context.organisations.find(name: name, regionID: region.id, on: connection) else {
                    throw AdalError.configuration("seeds: person \(person.ref) names unknown organisation '\(name)'")
                }
                return id
            }
            if try await context.people.insert(.init(regionID: region.id, fullName: person.fullName,
                                                     position: person.position, organisationID: organisationID,
                                                     language: person.language, seedRef: person.ref),
                                               on: connection) != nil {
                counts.people += 1
            }
        }
        for council in world.councils {
            let region = try await requireRegion(council.region, on: connection)
            let officeID = try await council.office.asyncMap { try await requireOffice($0, on: connection) }
            if try await context.councils.insertIfAbsent(code: council.code, regionID: region.id, officeID: officeID,
                                                          kind: council.kind, names: council.names,
                                                          establishedOn: council.establishedOn,
                                                          quorumFraction: council.quorumFraction, on: connection) {
                counts.councils += 1
            }
            guard let stored = try await context.councils.find(code: council.code, on: connection) else { continue }
            for member in council.members ?? [] {
                let person = try await requirePerson(member.person, on: connection)
                if try await context.councils.addMemberIfAbsent(councilID: stored.id, personID: person.id,
                                                                 regionID: stored.regionID, position: member.position,
                                                                 role: member.role, termFrom: member.termFrom,
                                                                 termTo: nil, on: connection) {
                    counts.councilMembers += 1
                }
            }
        }
    }

    private func loadEvents(_ world: SeedWorld, counts: inout Counts, on connection: PostgresConnection) async throws {
        for event in world.events {
            let region = try await requireRegion(event.region, on: connection)
            func instant(_ local: String?) throws -> Date? {
                guard let local else { return nil }
                guard let date = LocalTime.instant(local, zone: region.timeZone) else {
                    throw AdalError.configuration("seeds: event \(event.ref) has an unreadable time '\(local)' (yyyy-MM-ddTHH:mm)")
                }
                return date
            }
            let officeID = try await event.office.asyncMap { try await requireOffice($0, on: connection) }
            let councilID = try await event.council.asyncMap { code -> Int64 in
                guard let council = try await context.councils.find(code: code, on: connection) else {
                    throw AdalError.configuration("seeds: event \(event.ref) names unknown council \(code)")
                }
                return council.id
            }
            let (eventID, inserted) = try await context.events.insertIfAbsent(.init(
                seedRef: event.ref, regionID: region.id, officeID: officeID, councilID: councilID, kind: event.kind,
                format: event.format, title: event.title, topic: event.topic, venue: event.venue, link: event.link,
                startsAt: try instant(event.startsAt), endsAt: try instant(event.endsAt), heldOn: event.heldOn,
                status: event.status),
                on: connection)
            if inserted { counts.events += 1 }
            for reference in event.planItems ?? [] {
                let parts = reference.split(separator: " ")
                guard parts.count == 2,
                      let itemID = try await context.plans.findItem(planCode: String(parts[0]), number: String(parts[1]),
                                                                    country: region.country, on: connection) else {
                    throw AdalError.configuration("seeds: event \(event.ref) names unknown plan item '\(reference)' of \(region.country.rawValue)")
                }
                _ = try await context.events.linkPlanItemIfAbsent(eventID: eventID, planItemID: itemID, on: connection)
            }
            for partner in event.partners ?? [] {
                guard let organisationID = try await context.organisations.find(name: partner, regionID: region.id,
                                                                               on: connection) else {
                    throw AdalError.configuration("seeds: event \(event.ref) names unknown partner '\(partner)'")
                }
                _ = try await context.events.addPartnerIfAbsent(eventID: eventID, organisationID: organisationID,
                                                                on: connection)
            }
            for participant in event.participants ?? [] {
                let person = try await requirePerson(participant.person, on: connection)
                if try await context.events.addParticipantIfAbsent(eventID: eventID, personID: person.id,
                                                                    regionID: region.id, role: participant.role,
                                                                    attendance: participant.attendance, on: connection) {
                    counts.participants += 1
                }
            }
        }
    }

    private func requireRegion(_ code: String, on connection: PostgresConnection) async throws -> Region {
        guard let region = try await context.regions.find(code: code, on: connection) else {
            throw AdalError.configuration("seeds: unknown region \(code)")
        }
        return region
    }

    private func requireOffice(_ code: String, on connection: PostgresConnection) async throws -> Int64 {
        guard let office = try await context.offices.find(code: code, on: connection) else {
            throw AdalError.configuration("seeds: unknown office \(code)")
        }
        return office.id
    }

    private func requirePerson(_ ref: String, on connection: PostgresConnection) async throws -> (id: UUID, regionID: Int64) {
        guard let person = try await context.people.find(seedRef: ref, on: connection) else {
            throw AdalError.configuration("seeds: unknown person \(ref)")
        }
        return person
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .keyNotFound(key, context):
            return "missing \(key.stringValue) at \(path(context.codingPath))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            return "\(context.debugDescription) at \(path(context.codingPath))"
        @unknown default:
            return "\(error)"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}

