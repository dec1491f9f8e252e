@testable import AdalCore
import AdalDomain
import AdalStore
import Foundation
import PostgresNIO
import Testing

/// Regional scoping is enforced twice; each wall is checked here without the other.
@Suite("regional scoping, twice")
struct RegionalScopeTests {
    static func scope(_ codes: [String], on context: AdalContext) async throws -> RegionScope {
        try await context.database.withConnection { connection in
            var ids: [Int64] = []
            for code in codes {
                let rows = try await connection.query(
                    "SELECT region_subtree(id) FROM regions WHERE code = \(code)", logger: TestDatabase.logger)
                for try await id in rows.decode(Int64.self) { ids.append(id) }
            }
            return RegionScope(allRegions: false, regionIDs: ids, regionCodes: Set(codes))
        }
    }

    @Test("every table with a region_id has row-level security enabled and forced, and the API role bypasses none of it")
    func catalog() async throws {
        try await TestDatabase.withDatabase { context in
            let rows = try await context.database.withConnection { connection in
                try await connection.query("""
                    SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
                           (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid)::int
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'region_id' AND NOT a.attisdropped
                    WHERE n.nspname = 'public' AND c.relkind = 'r'
                    ORDER BY c.relname
                    """, logger: TestDatabase.logger).collect()
            }
            var tables: [String] = []
            for row in rows {
                let (name, enabled, forced, policies) = try row.decode((String, Bool, Bool, Int).self)
                tables.append(name)
                #expect(enabled && forced, "\(name): row-level security enabled \(enabled), forced \(forced)")
                #expect(policies > 0, "\(name) has no policy")
            }
            #expect(tables.contains("volunteers") && tables.contains("applications") && tables.contains("audit_entries"))
            #expect(tables.count >= 15, "\(tables)")

            let role = try await context.database.withConnection { connection in
                try await connection.query("""
                    SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = 'adal_api'
                    """, logger: TestDatabase.logger).collect()
            }
            let (superuser, bypass, createRole, createDB) = try #require(role.first).decode((Bool, Bool, Bool, Bool).self)
            #expect(!superuser && !bypass && !createRole && !createDB)
            let owned = try await context.database.withConnection { connection in
                try await connection.query("""
                    SELECT count(*)::int FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = 'adal_api'
                    """, logger: TestDatabase.logger).collect()
            }
            #expect(try owned.first!.decode(Int.self) == 0)
        }
    }

    @Test("the second wall: one pooled adal_api connection serves Karaganda, then Kyzylorda, then nobody, leaking nothing")
    func databaseWall() async throws {
        try await TestDatabase.withTarget { target in
            let (karaganda, kyzylorda) = try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                return (try await Self.scope(["KZ-35"], on: context), try await Self.scope(["KZ-43"], on: context))
            }
            let (karagandaSession, kyzylordaSession) = (try await TestDatabase.sessionEntry(region: "KZ-35", on: target),
                                                        try await TestDatabase.sessionEntry(region: "KZ-43", on: target))
            var api = target
            api.username = AdalDatabase.apiRole
            api.password = nil
            try await Database.with(api, maximumConnections: 1, logger: TestDatabase.logger) { database in
                func visible(_ scoped: Database) async throws -> (regions: Set<String>, backend: Int32, leftover: String) {
                    try await scoped.withConnection { connection in
                        let rows = try await connection.query("""
                            SELECT r.code FROM volunteers v JOIN regions r ON r.id = v.region_id
                            UNION SELECT r.code FROM events e JOIN regions r ON r.id = e.region_id
                            UNION SELECT r.code FROM people p JOIN regions r ON r.id = p.region_id
                            UNION SELECT r.code FROM councils c JOIN regions r ON r.id = c.region_id
                            """, logger: TestDatabase.logger).collect()
                        let backend = try await connection.query("SELECT pg_backend_pid()", logger: TestDatabase.logger)
                            .collect().first!.decode(Int32.self)
                        return (Set(try rows.map { try $0.decode(String.self) }), backend, "")
                    }
                }
                let first = try await visible(database.scoped(karaganda, entering: karagandaSession))
                let second = try await visible(database.scoped(kyzylorda, entering: kyzylordaSession))
                #expect(first.regions == ["KZ-35"])
                #expect(second.regions == ["KZ-43"])
                #expect(first.backend == second.backend, "the pool of one should reuse its connection")
                // The same connection outside any scoped transaction: the settings are gone, and so are the rows.
                let after = try await database.withConnection { connection in
                    let setting = try await connection.query("SELECT coalesce(current_setting('adal.scope', true), '')",
                                                             logger: TestDatabase.logger).collect().first!.decode(String.self)
                    let count = try await connection.query("SELECT count(*)::int FROM volunteers", logger: TestDatabase.logger)
                        .collect().first!.decode(Int.self)
                    return (setting, count)
                }
                #expect(after.0 == "" && after.1 == 0)
                // Writing into another region is refused by the database itself.
                await #expect(throws: (any Error).self) {
                    try await database.scoped(karaganda, entering: karagandaSession).withConnection { connection in
                        try await connection.query("""
                            INSERT INTO audit_entries (actor, action, entity, entity_id, region_id)
                            SELECT 'test', 'probe', 'region', code, id FROM regions WHERE code = 'KZ-43'
                            """, logger: TestDatabase.logger).collect()
                    }
                }
            }
        }
    }

    @Test("the API's role cannot set its own scope: set_config of the old settings, a forged or replayed adal.scope, the secret, the signer — nothing visible, every write to another region and to staff accounts refused, no token read or revoked, no session without the password; the public form sees only what it adds")
    func scopeOnlyThroughDefinerFunctions() async throws {
        try await TestDatabase.withTarget { target in
            let (kyzylorda, everyID) = try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                _ = try await Applications(context).add(.init(lastName: "Бар", firstName: "Өтініш", regionCode: "KZ-35"), actor: "test")
                return try await database.withConnection { connection in
                    // An import run of Kyzylorda's importer, which Karaganda's session must not see.
                    _ = try await connection.query("""
                        INSERT INTO import_runs (channel, source, actor, region_id)
                        SELECT 'email', 'kyzylorda-mailbox', 'registrar@kyz.example.kz', id FROM regions WHERE code = 'KZ-43'
                        """, logger: TestDatabase.logger).collect()
                    return (try await connection.query("SELECT id FROM regions WHERE code = 'KZ-43'", logger: TestDatabase.logger)
                        .collect()[0].decode(Int64.self),
                     try await connection.query("SELECT array_agg(id) FROM regions", logger: TestDatabase.logger)
                        .collect()[0].decode([Int64].self))
                }
            }
            let karagandaSession = try await TestDatabase.sessionEntry(region: "KZ-35", on: target)
            var api = target
            api.username = AdalDatabase.apiRole
            api.password = nil
            let visible = """
                SELECT (SELECT count(*) FROM volunteers)::int + (SELECT count(*) FROM people)::int
                     + (SELECT count(*) FROM applications)::int + (SELECT count(*) FROM events)::int
                """
            try await Database.with(api, maximumConnections: 1, logger: TestDatabase.logger) { database in
                func rows(_ statements: [String]) async throws -> Int {
                    try await database.transaction { connection in
                        for statement in statements {
                            _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: TestDatabase.logger).collect()
                        }
                        return try await connection.query(PostgresQuery(unsafeSQL: visible), logger: TestDatabase.logger)
                            .collect()[0].decode(Int.self)
                    }
                }
                let everything = "{" + everyID.map(String.init).joined(separator: ",") + "}"
                #expect(try await rows(["SELECT set_config('adal.all_regions', 'on', false)"]) == 0)
                #expect(try await rows(["SELECT set_config('adal.regions', '\(everything)', true)"]) == 0)
                #expect(try await rows(["SET adal.all_regions = 'on'", "SET adal.regions = '\(everything)'"]) == 0)
                #expect(try await rows(["SELECT set_config('adal.scope', adal_scope_payload('staff', true, '{}') || '.' || repeat('0', 64), true)"]) == 0)

                // A signed scope read in a session's transaction is worth nothing in the next one.
                let signed = try await database.scoped(.everyRegion, entering: karagandaSession).withConnection { connection in
                    try await connection.query("SELECT current_setting('adal.scope')", logger: TestDatabase.logger).collect()[0].decode(String.self)
                }
                #expect(signed.hasPrefix("staff|"))
                #expect(try await rows(["SELECT set_config('adal.scope', '\(signed)', true)"]) == 0)

                // Neither the secret nor the signer is the API's to use.
                for statement in ["SELECT * FROM adal_secrets", "SELECT adal_scope_mac('staff|t|{}')",
                                  "SELECT * FROM sign_in_failures", "DELETE FROM sign_in_failures",
                                  "SELECT adal_personal_digest('x')", "SELECT adal_audit_redact('{}')",
                                  "SELECT * FROM staff_tokens", "UPDATE staff_tokens SET revoked_at = now()"] {
                    await #expect(throws: (any Error).self, "\(statement)") { _ = try await rows([statement]) }
                }

                // A session only for the right password.
                let minted = try await database.withConnection { connection in
                    try await connection.query("""
                        SELECT adal_start_session(email, 'a guess', sha256('mine'), now() + interval '1 hour', password_hash)
                        FROM staff_users LIMIT 1
                        """, logger: TestDatabase.logger).collect()[0].decode(UUID?.self)
                }
                #expect(minted == nil)
                // Nor may it lift a name's lock everywhere: clearing every client's failures is the owner's.
                func failuresLeft(_ statement: String) async throws -> Int {
                    try await Database.with(target, maximumConnections: 1, logger: TestDatabase.logger) { owner in
                        try await owner.withConnection { connection in
                            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: TestDatabase.logger).collect()
                            return try await connection.query("SELECT count(*)::int FROM sign_in_failures WHERE account_key = sha256('locked')",
                                                              logger: TestDatabase.logger).collect()[0].decode(Int.self)
                        }
                    }
                }
                #expect(try await failuresLeft("""
                    INSERT INTO sign_in_failures (account_key, client) VALUES (sha256('locked'), '198.51.100.1'), (sha256('locked'), '198.51.100.2')
                    """) == 2)
                _ = try await database.withConnection { connection in
                    try await connection.query("SELECT adal_clear_sign_in_failures(sha256('locked'), NULL)", logger: TestDatabase.logger).collect()
                }
                #expect(try await failuresLeft("SELECT 1") == 2)

                // In a Karaganda session, Kyzylorda's rows are neither seen nor written.
                let inKaraganda = database.scoped(.everyRegion, entering: karagandaSession)
                let updated = try await inKaraganda.withConnection { connection in
                    try await connection.query("UPDATE volunteers SET status = 'suspended' WHERE region_id = \(kyzylorda) RETURNING id",
                                               logger: TestDatabase.logger).collect().count
                }
                #expect(updated == 0)
                let runs = try await inKaraganda.withConnection { connection in
                    try await connection.query("SELECT count(*)::int FROM import_runs", logger: TestDatabase.logger).collect()[0].decode(Int.self)
                }
                #expect(runs == 0, "Kyzylorda's import run is seen from Karaganda")
                for statement in ["UPDATE staff_users SET all_regions = true, region_id = NULL",
                                  "INSERT INTO staff_tokens (user_id, kind, token_hash, label) SELECT id, 'api', sha256('mine'), 'x' FROM staff_users",
                                  "INSERT INTO staff_users (email, name, role, all_regions) VALUES ('m@x.kz', 'M', 'admin', true)",
                                  "INSERT INTO audit_entries (actor, action, entity, entity_id, region_id) VALUES ('x', 'probe', 'r', 'x', \(kyzylorda))",
                                  "INSERT INTO people (region_id, full_name, search_key, language) VALUES (\(kyzylorda), 'X', 'x', 'kk')"] {
                    await #expect(throws: (any Error).self, "\(statement)") {
                        try await inKaraganda.withConnection { connection in
                            _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: TestDatabase.logger).collect()
                        }
                    }
                }

                // The public form's scope: Karaganda's existing applications stay unseen; what it adds, it sees.
                let karaganda = try await database.scoped(.everyRegion, entering: karagandaSession).withConnection { connection in
                    try await connection.query("SELECT id FROM regions WHERE code = 'KZ-35'", logger: TestDatabase.logger).collect()[0].decode(Int64.self)
                }
                let (before, after) = try await database.scoped(.everyRegion, entering: .publicForm(regionID: karaganda)).withConnection { connection in
                    let before = try await connection.query("SELECT count(*)::int FROM applications", logger: TestDatabase.logger)
                        .collect()[0].decode(Int.self)
                    _ = try await connection.query("""
                        INSERT INTO applications (region_id, channel, external_ref, received_at, full_name, search_key, raw_source, due_on)
                        VALUES (\(karaganda), 'web', 'web-probe', now(), 'Жаңа Өтініш', 'zhana otinish', '', current_date + 15)
                        RETURNING id
                        """, logger: TestDatabase.logger).collect()
                    let after = try await connection.query("SELECT count(*)::int FROM applications", logger: TestDatabase.logger)
                        .collect()[0].decode(Int.self)
                    return (before, after)
                }
                #expect(before == 0 && after == 1)
                // It finds organisations there, and changes none.
                let (seen, renamed) = try await database.scoped(.everyRegion, entering: .publicForm(regionID: karaganda))
                    .withConnection { connection in
                        (try await connection.query("SELECT count(*)::int FROM organisations", logger: TestDatabase.logger)
                            .collect()[0].decode(Int.self),
                         try await connection.query("UPDATE organisations SET name = name || ' (renamed)' RETURNING id",
                                                    logger: TestDatabase.logger).collect().count)
                    }
                #expect(seen > 0 && renamed == 0, "seen \(seen), renamed \(renamed)")
            }
        }
    }

    @Test("the first wall: use cases scoped to Karaganda refuse Kyzylorda's records even on a connection RLS does not bind")
    func applicationWall() async throws {
        try await TestDatabase.withDatabase { owner in
            _ = try await Seeding(owner).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
            let scoped = owner.scoped(to: try await Self.scope(["KZ-35"], on: owner))
            let other = try await Volunteers(owner).list(regionCode: "KZ-43", status: nil, kind: nil, after: nil, limit: 1).first!
            let otherID = other.id.uuidString
            await #expect(throws: AdalError.notFound(entity: "volunteer", key: otherID)) {
                try await Volunteers(scoped).show(id: otherID)
            }
            await #expect(throws: AdalError.notFound(entity: "volunteer", key: otherID)) {
                try await Volunteers(scoped).update(id: otherID, VolunteerChangeForm(status: "paused"), ifMatch: other.entityTag,
                                                    actor: "test")
            }
            let listed = try await Volunteers(scoped).list(regionCode: nil, status: nil, kind: nil, after: nil, limit: 200)
            #expect(!listed.isEmpty && listed.allSatisfy { $0.regionCode == "KZ-35" })
            let found = try await Volunteers(scoped).search("a", limit: 200)
            #expect(found.allSatisfy { $0.regionCode == "KZ-35" })

            let application = try await Applications(owner).add(.init(lastName: "Заявитель", firstName: "Қызылорда",
                                                                       regionCode: "KZ-43"), actor: "test")
            let applicationID = application.id.uuidString
            await #expect(throws: AdalError.notFound(entity: "application", key: applicationID)) {
                try await Applications(scoped).show(applicationID)
            }
            await #expect(throws: AdalError.notFound(entity: "application", key: applicationID)) {
                try await Applications(scoped).act(.screen, on: applicationID, note: nil, actor: "test")
            }
            #expect(try await Applications(scoped).list(.init(), regionCode: nil).allSatisfy { $0.regionCode == "KZ-35" })
            let events = try await Directory(scoped).events(regionCode: nil, limit: 200)
            #expect(!events.isEmpty && events.allSatisfy { $0.regionCode == "KZ-35" })
            let otherEvent = try await Directory(owner).events(regionCode: "KZ-43", limit: 1).first!
            await #expect(throws: AdalError.notFound(entity: "event", key: otherEvent.id.uuidString)) {
                try await Directory(scoped).event(otherEvent.id.uuidString)
            }
            await #expect(throws: ValidationFailure.self) {
                try await Applications(scoped).add(.init(lastName: "А", firstName: "Б", regionCode: "KZ-43"), actor: "test")
            }
        }
    }
}
