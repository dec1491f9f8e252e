@testable import AdalCore
import AdalDomain
import AdalStore
import Foundation
import PostgresNIO
import Testing

/// Row-level security as the schema has it: every table is either forced under a policy, or listed
/// here with the reason it holds no region's records (or why it cannot yet be scoped).
@Suite("Row-level security, table by table")
struct RowSecurityCatalogTests {
    static let withoutPolicy: [String: String] = [
        "schema_migrations": "the migrations applied: no records",
        "regions": "the region tree: reference data, read by everyone",
        "calendar_days": "holidays and transferred working days per country: reference data",
        "rating_criteria": "the council rating's methodology: reference data",
        "reminder_offsets": "when reminders go, per kind and format: settings, no records",
        "schedules": "the worker's periodic ticks: no records; the API has no grant",
        "audit_chain": "hashes of the unkeyed chain before the key: no content; the API has no grant",
        "audit_links": "MACs of the keyed chain: no content; the API has no grant",
        "adal_secrets": "the audit digests' and the scopes' secrets: the owner's alone; the API has no grant",
        "staff_tokens": "looked up by a token's digest before any scope is known: forced, with no policy, reached only through definer functions (start, enter, find and end a session); the API has no grant",
        "sign_in_failures": "counted per name and address before any account or scope is known: forced, with no policy, reached only through definer functions; the API has no grant",
        "idempotency_keys": "a retry's answer, sealed under a key derived from the retry itself (its Idempotency-Key and body, neither stored), per owner for 24 hours, swept by the worker: no readable record",
    ]

    @Test("every table with a region's or a person's records has row-level security forced and a policy; the others are listed with their reason")
    func everyTableIsScopedOrListed() async throws {
        try await TestDatabase.withDatabase { context in
            let tables = try await context.database.withConnection { connection in
                try await connection.query("""
                    SELECT c.relname, c.relrowsecurity AND c.relforcerowsecurity,
                           EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid)
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname
                    """, logger: context.logger).collect().map { try $0.decode((String, Bool, Bool).self) }
            }
            #expect(tables.count > 30)
            var unscoped: [String] = [], listedButScoped: [String] = []
            for (table, forced, policy) in tables {
                let scoped = forced && policy
                if !scoped && Self.withoutPolicy[table] == nil { unscoped.append(table) }
                if scoped && Self.withoutPolicy[table] != nil { listedButScoped.append(table) }
            }
            #expect(unscoped.isEmpty, "tables with neither forced row-level security and a policy nor a reason here: \(unscoped)")
            #expect(listedButScoped.isEmpty, "listed as unscoped but scoped now (take them off the list): \(listedButScoped)")
            let names = Set(tables.map(\.0))
            #expect(Set(Self.withoutPolicy.keys).isSubset(of: names), "listed tables that do not exist: \(Set(Self.withoutPolicy.keys).subtracting(names))")
        }
    }

    @Test("an event's partners and plan items are seen by the API's role only where the event is")
    func partnersAndPlanItemsThroughTheirEvent() async throws {
        try await TestDatabase.withTarget { target in
            let count = "SELECT (SELECT count(*) FROM event_partners)::int + (SELECT count(*) FROM event_plan_items)::int"
            let (all, karaganda) = try await Database.with(target, logger: TestDatabase.logger) { database in
                _ = try await Seeding(AdalContext(database: database)).load(try Seeding.read(directory: TestDatabase.seedsDirectory),
                                                                            actor: "seed")
                return try await database.withConnection { connection in
                    (try await connection.query(PostgresQuery(unsafeSQL: count), logger: TestDatabase.logger).collect()[0].decode(Int.self),
                     try await connection.query("SELECT id FROM regions WHERE code = 'KZ-35'", logger: TestDatabase.logger)
                        .collect()[0].decode(Int64.self))
                }
            }
            #expect(all > 0, "the seeds link events to partners and plan items")
            let api = DatabaseTarget(endpoint: target.endpoint, username: AdalDatabase.apiRole, password: nil,
                                     database: target.database, tls: target.tls)
            let (karagandaSession, everywhere) = (try await TestDatabase.sessionEntry(region: "KZ-35", on: target),
                                                  try await TestDatabase.sessionEntry(region: nil, on: target))
            try await Database.with(api, logger: TestDatabase.logger) { database in
                func seen(_ scope: RegionScope, _ entry: ScopeEntry) async throws -> Int {
                    try await database.scoped(scope, entering: entry).withConnection { connection in
                        try await connection.query(PostgresQuery(unsafeSQL: count), logger: TestDatabase.logger).collect()[0].decode(Int.self)
                    }
                }
                #expect(try await seen(RegionScope(allRegions: false, regionIDs: [karaganda], regionCodes: ["KZ-35"]), karagandaSession) < all)
                #expect(try await seen(.everyRegion, everywhere) == all)
                let unscoped = try await database.withConnection { connection in
                    try await connection.query(PostgresQuery(unsafeSQL: count), logger: TestDatabase.logger).collect()[0].decode(Int.self)
                }
                #expect(unscoped == 0, "no scope, no rows")
            }
        }
    }
}

