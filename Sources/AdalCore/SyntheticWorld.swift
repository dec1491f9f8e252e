import AdalDomain
import AdalStore
import Foundation
import PostgresNIO

/// `adal dev generate`: fills a database with a synthetic world at a country's scale — people with
/// valid national IDs in each country's script, events across regions and plan items, who took
/// part, volunteers and applications through the workflow — with COPY, in one transaction. It
/// refuses a database where anything beyond seeding and generating was done, unless forced.
public struct SyntheticWorld: Sendable {
    let context: AdalContext
    let repository: SyntheticDataRepository

    public init(_ context: AdalContext) {
        self.context = context
        repository = SyntheticDataRepository(logger: context.logger)
    }

    public struct Size: Sendable {
        public var people: Int
        public var events: Int
        public var participations: Int

        public init(people: Int, events: Int, participations: Int) {
            self.people = people
            self.events = events
            self.participations = participations
        }
    }

    public struct Counts: Codable, Sendable {
        public var people = 0, events = 0, participations = 0, planLinks = 0, volunteers = 0, applications = 0
    }

    static let batch = 200_000
    static let applicantStride = 20

    public func generate(_ size: Size, force: Bool, seed: UInt64 = 2026, now: Date = Date(), actor: String,
                         progress: @Sendable (String, Int, Int) -> Void = { _, _, _ in }) async throws -> Counts {
        var errors = FieldErrorCollector()
        if size.people < 1 { errors.add("people", "must be at least 1") }
        if size.events < 0 { errors.add("events", "must not be negative") }
        if size.participations < 0 { errors.add("participations", "must not be negative") }
        if size.events > 0 && size.participations > size.events * min(size.people, 1000) {
            errors.add("participations", "at most 1,000 people (and no more than there are) per event")
        }
        try errors.throwIfAny()
        let counts = try await context.act(actor: actor) { change -> Counts in
            let connection = change.connection
            if !force, try await repository.realRecordCount(on: connection) > 0 {
                throw ValidationFailure([FieldError("force", "this database holds records made by people (its audit log says so); "
                                                    + "generate into an empty or seeded one, or give --force")])
            }
            let places = try await repository.places(on: connection)
            guard !places.isEmpty else { throw ValidationFailure([FieldError("regions", "load the seeds first (adal db seed)")]) }
            let planItems = try await repository.planItems(on: connection)
            var random = SeededRandom(seed: seed)
            var counts = Counts()
            let milliseconds = UInt64(now.timeIntervalSince1970 * 1000)
            // People: spread over the regions; their ids, places and countries are kept for what follows.
            var personIDs: [UUID] = []
            personIDs.reserveCapacity(size.people)
            var personPlace: [Int32] = []
            personPlace.reserveCapacity(size.people)
            // Every twentieth person becomes a volunteer and an applicant: kept, so the application
            // carries that person's own name and national ID.
            var applicants: [Int: SyntheticPeople.Person] = [:]
            var start = 0
            while start < size.people {
                let end = min(start + Self.batch, size.people)
                try await repository.copy(into: "people", columns: [
                    "id", "region_id", "full_name", "last_name", "first_name", "search_key", "name_keys", "national_id_kind",
                    "national_id", "birth_date", "sex", "phone", "language", "created_at", "updated_at"], on: connection) { row in
                    for serial in start..<end {
                        let placeIndex = Int.random(in: 0..<places.count, using: &random)
                        let place = places[placeIndex]
                        let person = SyntheticPeople.person(serial, country: place.country, random: &random)
                        let id = SyntheticPeople.uuidV7(milliseconds: milliseconds, counter: UInt64(serial))
                        personIDs.append(id)
                        personPlace.append(Int32(placeIndex))
                        if serial % Self.applicantStride == 0 { applicants[serial] = person }
                        let created = Self.timestamp(now.addingTimeInterval(-Double.random(in: 0...(3 * 365 * 86_400), using: &random)))
                        row([id.uuidString.lowercased(), String(place.regionID), person.fullName, person.lastName, person.firstName,
                             SearchKey.make(person.fullName),
                             // An array literal for COPY: the keys are Latin letters and digits, nothing to quote.
                             "{" + NameKeys(person.fullName).stored.joined(separator: ",") + "}",
                             place.country.nationalIDKind.rawValue, person.nationalID,
                             person.birthDate.description, person.sex.rawValue, person.phone, person.language.rawValue, created, created])
                    }
                }
                counts.people = end
                progress("people", end, size.people)
                start = end
            }
            // Events over the last three years and the next three months; past ones mostly held.
            let kinds = ["awareness_meeting", "awareness_meeting", "seminar", "seminar", "public_hearing", "round_table", "training",
                         "videoconference", "council_meeting"]
            var eventIDs: [UUID] = []
            eventIDs.reserveCapacity(size.events)
            var eventHeld: [Bool] = []
            var eventPlace: [Int32] = []
            var links: [(UUID, Int64)] = []
            start = 0
            while start < size.events {
                let end = min(start + Self.batch, size.events)
                try await repository.copy(into: "events", columns: [
                    "id", "region_id", "office_id", "council_id", "kind", "format", "title", "venue", "link", "starts_at", "status",
                    "cancel_reason", "created_at"], on: connection) { row in
                    for serial in start..<end {
                        let placeIndex = Int.random(in: 0..<places.count, using: &random)
                        let place = places[placeIndex]
                        var kind = kinds.randomElement(using: &random)!
                        if kind == "council_meeting" && place.councilID == nil { kind = "seminar" }
                        let online = kind == "videoconference"
                        let starts = now.addingTimeInterval(Double.random(in: (-3 * 365 * 86_400)...(90 * 86_400), using: &random))
                        let past = starts < now
                        let roll = Int.random(in: 0..<100, using: &random)
                        let status = past ? (roll < 90 ? "held" : roll < 96 ? "cancelled" : "postponed") : (roll < 97 ? "planned" : "cancelled")
                        let id = SyntheticPeople.uuidV7(milliseconds: milliseconds, counter: UInt64(1 << 40) + UInt64(serial))
                        eventIDs.append(id)
                        eventHeld.append(status == "held")
                        eventPlace.append(Int32(placeIndex))
                        if let items = planItems[place.country], !items.isEmpty, Int.random(in: 0..<100, using: &random) < 70 {
                            links.append((id, items.randomElement(using: &random)!))
                        }
                        row([id.uuidString.lowercased(), String(place.regionID), place.officeID.map(String.init),
                             kind == "council_meeting" ? place.councilID.map(String.init) : nil, kind, online ? "online" : "in_person",
                             "Synthetic \(kind.replacingOccurrences(of: "_", with: " ")) #\(serial)", online ? nil : "Venue \(serial % 997)",
                             online ? "https://meet.example.org/\(serial)" : nil, Self.timestamp(starts), status,
                             status == "cancelled" ? "synthetic" : nil, Self.timestamp(starts.addingTimeInterval(-30 * 86_400))])
                    }
                }
                counts.events = end
                progress("events", end, size.events)
                start = end
            }
            if !links.isEmpty {
                try await repository.copy(into: "event_plan_items", columns: ["event_id", "plan_item_id"], on: connection) { row in
                    for (event, item) in links { row([event.uuidString.lowercased(), String(item)]) }
                }
                counts.planLinks = links.count
            }
            // Participations: each event gets its share, distinct people of the same country.
            if size.events > 0 && size.participations > 0 {
                var byCountry: [Country: [Int32]] = [:]
                for (index, place) in personPlace.enumerated() { byCountry[places[Int(place)].country, default: []].append(Int32(index)) }
                let roles = ["participant", "participant", "participant", "participant", "participant", "speaker", "media", "observer",
                             "moderator", "organiser"]
                var written = 0
                var event = 0
                while event < size.events {
                    var eventEnd = event
                    var planned = 0
                    while eventEnd < size.events && planned < Self.batch {
                        planned += Self.share(of: size.participations, events: size.events, index: eventEnd)
                        eventEnd += 1
                    }
                    let first = event
                    try await repository.copy(into: "participants", columns: [
                        "event_id", "person_id", "region_id", "role", "invitation", "attendance"], on: connection) { row in
                        for index in first..<eventEnd {
                            let place = places[Int(eventPlace[index])]
                            let pool = byCountry[place.country] ?? []
                            guard !pool.isEmpty else { continue }
                            let count = min(Self.share(of: size.participations, events: size.events, index: index), pool.count)
                            let offset = Int.random(in: 0..<pool.count, using: &random)
                            let step = Self.coprimeStep(pool.count, &random)
                            for k in 0..<count {
                                let person = Int(pool[(offset + k * step) % pool.count])
                                let attended = eventHeld[index] && Int.random(in: 0..<100, using: &random) < 85
                                row([eventIDs[index].uuidString.lowercased(), personIDs[person].uuidString.lowercased(),
                                     String(place.regionID), roles.randomElement(using: &random)!, "registered",
                                     eventHeld[index] ? (attended ? "attended" : "absent") : nil])
                                written += 1
                            }
                        }
                    }
                    progress("participations", written, size.participations)
                    event = eventEnd
                }
                counts.participations = written
            }
            // Volunteers: one person in twenty; applications: one in twenty, through the workflow.
            let areas = ["budget_control", "anti_corruption_education", "legal_aid", "public_monitoring", "awareness"]
            var volunteerIDs: [UUID] = []
            try await repository.copy(into: "volunteers", columns: [
                "id", "person_id", "region_id", "office_id", "kind", "areas", "status", "joined_on", "hours", "created_at",
                "updated_at"], on: connection) { row in
                for person in stride(from: 0, to: personIDs.count, by: Self.applicantStride) {
                    let place = places[Int(personPlace[person])]
                    let id = SyntheticPeople.uuidV7(milliseconds: milliseconds, counter: UInt64(2 << 40) + UInt64(person))
                    volunteerIDs.append(id)
                    let joined = now.addingTimeInterval(-Double.random(in: 0...(3 * 365 * 86_400), using: &random))
                    let roll = Int.random(in: 0..<100, using: &random)
                    let chosen = areas.shuffled(using: &random).prefix(Int.random(in: 1...2, using: &random))
                    row([id.uuidString.lowercased(), personIDs[person].uuidString.lowercased(), String(place.regionID),
                         place.officeID.map(String.init), Int.random(in: 0..<4, using: &random) == 0 ? "student" : "individual",
                         "{" + chosen.joined(separator: ",") + "}", roll < 85 ? "active" : roll < 93 ? "paused" : "withdrawn",
                         CivilDate(joined, zone: TimeZone(identifier: place.timeZone)!).description,
                         String(Double(Int.random(in: 0...400, using: &random)) / 2), Self.timestamp(joined), Self.timestamp(joined)])
                }
            }
            counts.volunteers = volunteerIDs.count
            progress("volunteers", counts.volunteers, counts.volunteers)
            try await repository.copy(into: "applications", columns: [
                "region_id", "office_id", "channel", "external_ref", "appeal_type", "received_at", "last_name", "first_name",
                "full_name", "search_key", "national_id_kind", "national_id", "national_id_valid", "raw_source", "status", "due_on",
                "decision_reason", "decided_at", "person_id", "volunteer_id"], on: connection) { row in
                let channels = ["eotinish", "eotinish", "email", "office", "web"]
                for (number, person) in stride(from: 0, to: personIDs.count, by: Self.applicantStride).enumerated() {
                    let place = places[Int(personPlace[person])]
                    let zone = TimeZone(identifier: place.timeZone)!
                    let received = now.addingTimeInterval(-Double.random(in: (86_400)...(3 * 365 * 86_400), using: &random))
                    let due = CivilDate(received, zone: zone).adding(days: 21)
                    let decidedAt = received.addingTimeInterval(Double.random(in: 86_400...(35 * 86_400), using: &random))
                    let decided = decidedAt < now && Int.random(in: 0..<100, using: &random) < 92
                    let roll = Int.random(in: 0..<100, using: &random)
                    let status = !decided ? ["received", "screening", "needs_info"].randomElement(using: &random)!
                        : roll < 70 ? "accepted" : roll < 90 ? "rejected" : "withdrawn"
                    let someone = applicants[person]!
                    let channel = channels.randomElement(using: &random)!
                    row([String(place.regionID), place.officeID.map(String.init), channel, "SYN-\(number)",
                         channel == "eotinish" ? "application" : nil, Self.timestamp(received), someone.lastName, someone.firstName,
                         someone.fullName, SearchKey.make(someone.fullName), place.country.nationalIDKind.rawValue, someone.nationalID,
                         "true", "{}", status, due.description,
                         status == "rejected" || status == "withdrawn" ? "synthetic" : nil, decided ? Self.timestamp(decidedAt) : nil,
                         status == "accepted" ? personIDs[person].uuidString.lowercased() : nil,
                         status == "accepted" ? volunteerIDs[number].uuidString.lowercased() : nil])
                    counts.applications += 1
                }
            }
            progress("applications", counts.applications, counts.applications)
            try await context.audit.append(AuditEntryDraft(
                actor: actor, action: "dev.generate", entity: "database", entityID: "synthetic", regionID: nil, before: nil,
                after: AuditJSON.encode(counts)), on: connection)
            return counts
        }
        progress("vacuum", 0, 1)
        try await context.database.withConnection { try await repository.vacuum(on: $0) }
        progress("vacuum", 1, 1)
        return counts
    }

    /// How many take part in event `index`: the total spread as evenly as whole numbers allow.
    static func share(of total: Int, events: Int, index: Int) -> Int {
        total / events + (index < total % events ? 1 : 0)
    }

    /// A step through a pool of `count` that visits each member once before repeating.
    static func coprimeStep(_ count: Int, _ random: inout SeededRandom) -> Int {
        guard count > 2 else { return 1 }
        while true {
            let step = Int.random(in: 1..<count, using: &random)
            if gcd(step, count) == 1 { return step }
        }
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    static func timestamp(_ date: Date) -> String { Timestamp.utcMillis(date) }
}
