@testable import AdalCore
import AdalDomain
import AdalStore
import Foundation
import PostgresNIO
import Testing

@Suite("Seeds and the audit trail", .timeLimit(.minutes(3)))
struct SeedingAndAuditTests {
    static let tables = ["regions", "region_aliases", "offices", "organisations", "action_plans", "plan_items",
                         "volunteer_programmes", "people", "volunteers", "councils", "council_members", "events",
                         "event_partners", "event_plan_items", "participants", "audit_entries"]

    @Test("seeding twice changes nothing the second time")
    func seedTwice() async throws {
        try await TestDatabase.withDatabase { context in
            let world = try Seeding.read(directory: TestDatabase.seedsDirectory)
            let first = try await Seeding(context).load(world, actor: "seed")
            var countsAfterFirst: [String: Int] = [:]
            for table in Self.tables { countsAfterFirst[table] = try await count(table, in: context) }

            let second = try await Seeding(context).load(world, actor: "seed")

            #expect(first.events == 5)
            #expect(first.councils >= 15)
            #expect(second.total == 0)
            for table in Self.tables { #expect(try await count(table, in: context) == countsAfterFirst[table], "\(table)") }
        }
    }

    @Test("the seeded world holds the five events of the source texts")
    func seededWorld() async throws {
        try await TestDatabase.withDatabase { context in
            _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
            let directory = Directory(context)
            let hearing = try await directory.event("kz-kzy-public-hearing-ngo")
            #expect(hearing.kind == .publicHearing)
            #expect(hearing.format == .online)
            #expect(hearing.participants.first?.fullName == "Дәулеткерей Рахметуллин")
            #expect(hearing.participants.first?.role == .moderator)
            let videoconference = try await directory.event("az-abs-2022-videoconference")
            #expect(videoconference.planItems == ["AZ-NAP-2022-2026 6.2", "AZ-NAP-2022-2026 6.9"])
            let karaganda = try await directory.regions(country: .kz).first { $0.code == "KZ-35" }
            #expect(karaganda?.aliases == ["KZ-KAR"])
            let uzbekCouncils = try await directory.councils(regionCode: "UZ")
            #expect(uzbekCouncils.filter { $0.kind == .antiCorruptionCouncil }.count == 14)
        }
    }

    @Test("the audit log and its links refuse UPDATE, DELETE and TRUNCATE")
    func appendOnly() async throws {
        try await TestDatabase.withDatabase { context in
            _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
            for statement in ["UPDATE audit_entries SET actor = 'mallory'", "DELETE FROM audit_entries",
                              "TRUNCATE audit_entries CASCADE", "TRUNCATE audit_chain", "DELETE FROM audit_links",
                              "UPDATE audit_links SET mac = mac", "TRUNCATE audit_links"] {
                await #expect(throws: StoreError.self, "\(statement)") {
                    try await context.database.transaction { connection in
                        _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: context.logger).collect()
                    }
                }
            }
        }
    }

    @Test("verify passes on an intact chain and names the entry a superuser edited")
    func tamperingIsDetected() async throws {
        try await TestDatabase.withDatabase { context in
            _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
            let volunteer = try await Volunteers(context).register(kazakhForm(), actor: "registrar")
            try await AuditTrail(context).seal()
            let intact = try await AuditTrail(context).verify()
            #expect(intact.isIntact)
            #expect(intact.unsealedEntries == 0)
            #expect(intact.linksChecked == (try await count("audit_entries", in: context)))

            let entryID = try await context.database.withConnection { connection in
                // What an attacker with superuser rights does: switch off triggers, then edit.
                _ = try await connection.query("SET session_replication_role = replica", logger: context.logger).collect()
                let rows = try await connection.query("""
                    UPDATE audit_entries SET after = jsonb_set(after, '{fullName}', '"Someone Else"')
                    WHERE entity = 'volunteer' AND entity_id = \(volunteer.id.uuidString.lowercased()) RETURNING id
                    """, logger: context.logger).collect()
                _ = try await connection.query("SET session_replication_role = origin", logger: context.logger).collect()
                return try rows.first!.decode(Int64.self)
            }

            let broken = try await AuditTrail(context).verify()
            #expect(!broken.isIntact)
            #expect(broken.brokenEntryID == entryID)
        }
    }

    @Test("concurrent writers each get an entry, and sealing chains them all")
    func concurrentWritersAreSealed() async throws {
        try await TestDatabase.withDatabase { context in
            _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
            let iins = (0..<20).compactMap { n in
                NationalID.iinCheckDigit("9001014\(String(format: "%04d", n))".map { Int(String($0))! })
                    .map { "9001014\(String(format: "%04d", n))\($0)" }
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for iin in iins {
                    group.addTask { _ = try await Volunteers(context).register(kazakhForm(iin: iin), actor: "parallel") }
                }
                try await group.waitForAll()
            }
            try await AuditTrail(context).seal()
            let report = try await AuditTrail(context).verify()
            #expect(report.isIntact)
            #expect(report.unsealedEntries == 0)
            #expect(report.linksChecked == (try await count("audit_entries", in: context)))
        }
    }

    @Test("audit entries keep a keyed digest of national IDs, phones and e-mail addresses, never the values; the digest of a value typed again matches, and the chain verifies")
    func personalValuesAreDigested() async throws {
        try await TestDatabase.withDatabase { context in
            _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
            let volunteer = try await Volunteers(context).register(kazakhForm(), actor: "registrar")
            let entries = try await context.database.withConnection { connection in
                try await connection.query("SELECT before::text, after::text FROM audit_entries", logger: context.logger).collect()
                    .map { row in try row.decode((String?, String?).self) }
            }
            let text = entries.map { "\($0.0 ?? "") \($0.1 ?? "")" }.joined(separator: "\n")
            for secret in ["880101400017", "7015551122", "kalymbet@example.kz"] {
                #expect(!text.lowercased().contains(secret), "\(secret) is in the audit trail in clear")
            }
            let registered = try #require(try await AuditTrail(context).entries(
                before: nil, limit: 1, entity: "volunteer", entityID: volunteer.id.uuidString.lowercased(), action: "volunteer.register").first)
            let after = try #require(try JSONSerialization.jsonObject(with: Data((registered.after ?? "").utf8)) as? [String: Any])
            #expect(after["fullName"] as? String ?? after["full_name"] as? String == "Қалымбет Мөлдір", "names stay: \(after)")
            let phone = try #require(after["phone"] as? String)
            #expect(phone.hasPrefix("hmac-sha256:"))
            #expect(try await AuditTrail(context).digest(volunteer.phone ?? "") == phone, "the stored phone digests to what the entry keeps")
            #expect(try await AuditTrail(context).digest("+77015550000") != phone)
            #expect(try await AuditTrail(context).verify().isIntact)
        }
    }
}

