@testable import AdalCore
import AdalDomain
import AdalStore
import Foundation
import PostgresNIO
import Testing

func kazakhForm(last: String = "Қалымбет", first: String = "Мөлдір", iin: String = "880101400017",
                region: String = "KZ-43") -> VolunteerRegistrationForm {
    VolunteerRegistrationForm(lastName: last, firstName: first, nationalID: iin, country: "KZ", regionCode: region,
                              phone: "8 701 555 11 22", email: "M.Kalymbet@Example.KZ", kind: "individual",
                              areas: ["awareness", "public_monitoring"], language: "kk", consentVersion: "consent-v1")
}

/// Counts rows with a query a user could type in psql.
func count(_ table: String, in context: AdalContext) async throws -> Int {
    try await context.database.withConnection { connection in
        let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT count(*)::int FROM \(table)"),
                                              logger: context.logger).collect()
        return try rows.first!.decode(Int.self)
    }
}

@Suite("Volunteers", .timeLimit(.minutes(3)))
struct VolunteerTests {
    @Test("registering stores the person, the volunteer and an audit entry")
    func register() async throws {
        try await TestDatabase.withDatabase { context in
            _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
            let before = try await count("volunteers", in: context)

            let volunteer = try await Volunteers(context).register(kazakhForm(region: "KZ-KZY"), actor: "registrar@kzy")

            #expect(volunteer.fullName == "Қалымбет Мөлдір")
            #expect(volunteer.regionCode == "KZ-43")
            #expect(volunteer.phone == "+77015551122")
            #expect(volunteer.email == "M.Kalymbet@example.kz")
            #expect(volunteer.birthDate == CivilDate("1988-01-01"))
            #expect(try await count("volunteers", in: context) == before + 1)
            let entries = try await context.database.withConnection { connection in
                try await context.audit.entries(entity: "volunteer", entityID: volunteer.id.uuidString.lowercased(), on: connection)
            }
            #expect(entries.count == 1)
            #expect(entries.first?.actor == "registrar@kzy")
            // The national ID is kept as its digest, not in clear.
            #expect(entries.first?.after?.contains("880101400017") == false)
            #expect(entries.first?.after?.contains(try await AuditTrail(context).digest("880101400017")) == true)
        }
    }

    @Test("a registration that names no language is written to in the state language of the national ID's country; one that names a language keeps it")
    func languageByCountry() async throws {
        try await TestDatabase.withDatabase { context in
            _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
            var kazakh = kazakhForm()
            kazakh.language = nil
            var azerbaijani = VolunteerRegistrationForm(lastName: "Əliyev", firstName: "Rəşad", nationalID: "5zx7k2p", country: "AZ",
                                                        regionCode: "AZ-ABS", kind: "individual", areas: ["awareness"],
                                                        consentVersion: "consent-v1")
            var russian = kazakhForm(last: "Иванова", first: "Анна", iin: "900215400013")
            russian.language = "ru"

            var registered: [UUID] = []
            for form in [kazakh, azerbaijani, russian] {
                registered.append(try await Volunteers(context).register(form, actor: "registrar").id)
            }
            let languages = try await context.database.withConnection { connection in
                try await connection.query("""
                    SELECT p.language FROM volunteers v JOIN people p ON p.id = v.person_id WHERE v.id = ANY(\(registered))
                    ORDER BY array_position(\(registered), v.id)
                    """, logger: context.logger).collect().map { try $0.decode(String.self) }
            }
            #expect(languages == ["kk", "az", "ru"])
            azerbaijani.language = "xx"
            await #expect(throws: ValidationFailure.self) { try await Volunteers(context).register(azerbaijani, actor: "registrar") }
        }
    }

    @Test("a duplicate national ID is refused naming the existing volunteer, and nothing changes")
    func duplicate() async throws {
        try await TestDatabase.withDatabase { context in
            _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
            let first = try await Volunteers(context).register(kazakhForm(), actor: "a")
            let volunteersBefore = try await count("volunteers", in: context)
            let auditBefore = try await count("audit_entries", in: context)

            await #expect {
                try await Volunteers(context).register(kazakhForm(last: "Другой", first: "Человек"), actor: "b")
            } throws: { error in
                guard case let .conflict(field, _, existing)? = error as? AdalError else { return false }
                return field == "national_id" && existing.contains(first.id.uuidString.lowercased())
            }
            #expect(try await count("volunteers", in: context) == volunteersBefore)
            #expect(try await count("audit_entries", in: context) == auditBefore)
        }
    }

    @Test("invalid input stores nothing: bad fields, unknown region, region of another country")
    func invalid() async throws {
        try await TestDatabase.withDatabase { context in
            _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
            let peopleBefore = try await count("people", in: context)
            let cases: [(VolunteerRegistrationForm, String)] = [
                (kazakhForm(iin: "880101400018"), "national_id"),
                (kazakhForm(region: "KZ-99"), "region"),
                (kazakhForm(region: "UZ-SA"), "country"),
            ]
            for (form, field) in cases {
                await #expect {
                    try await Volunteers(context).register(form, actor: "a")
                } throws: { error in
                    (error as? ValidationFailure)?.errors.contains { $0.field == field } == true
                }
            }
            #expect(try await count("people", in: context) == peopleBefore)
        }
    }

    @Test("names are found across scripts")
    func search() async throws {
        try await TestDatabase.withDatabase { context in
            _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
            _ = try await Volunteers(context).register(kazakhForm(), actor: "a")
            let volunteers = Volunteers(context)

            for query in ["kalymbet", "Qalymbet", "ҚАЛЫМБЕТ", "Kalymbet Moldir"] {
                let found = try await volunteers.search(query)
                #expect(found.contains { $0.fullName == "Қалымбет Мөлдір" }, "\(query)")
            }
            for query in ["İlham", "ilham", "ILHAM"] {
                #expect(try await volunteers.search(query).contains { $0.fullName == "Demo-Əliyev İlham" }, "\(query)")
            }
            for query in ["Oʻrinov", "O'rinov", "O`rinov", "Ўринов"] {
                #expect(try await volunteers.search(query).contains { $0.fullName == "Oʻrinov Jasur" }, "\(query)")
            }
            #expect(try await volunteers.search("Zzyzx").isEmpty)
        }
    }

    @Test("lists page by keyset and stay within a region's subtree")
    func list() async throws {
        try await TestDatabase.withDatabase { context in
            _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
            let volunteers = Volunteers(context)
            let all = try await volunteers.list(regionCode: nil, status: nil, kind: nil, after: nil, limit: 100)
            let firstPage = try await volunteers.list(regionCode: nil, status: nil, kind: nil, after: nil, limit: 3)
            let secondPage = try await volunteers.list(regionCode: nil, status: nil, kind: nil, after: firstPage.last?.id, limit: 3)
            #expect(firstPage + secondPage == Array(all.prefix(6)))
            let kazakh = try await volunteers.list(regionCode: "KZ", status: nil, kind: nil, after: nil, limit: 100)
            #expect(!kazakh.isEmpty)
            #expect(kazakh.allSatisfy { $0.regionCode.hasPrefix("KZ") })
            #expect(kazakh.count < all.count)
        }
    }
}
