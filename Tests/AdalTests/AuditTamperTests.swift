import AdalCore
import AdalDomain
import AdalStore
import Foundation
import PostgresNIO
import Testing

/// The audit chain as a database administrator would attack it: changes made directly in
/// PostgreSQL as its superuser (triggers switched off), each on a copy of one sealed and
/// checkpointed database, then `verify --checkpoint`.
@Suite("Audit chain against its database's administrator", .timeLimit(.minutes(5)))
struct AuditTamperTests {
    /// One way to tamper, at one place: SQL run as the superuser, then optionally Swift (a rehash,
    /// or a seal with the real key, as an administrator who can run `adal audit seal` would).
    struct Tampering: Sendable {
        let name: String
        let sql: String
        var after: (@Sendable (AdalContext, PostgresConnection) async throws -> Void)?
    }

    static func entry(at position: Int64) -> String { "(SELECT entry_id FROM audit_links WHERE position = \(position))" }

    /// Every kind of tampering, at the first link, one in the middle and the last. Links removed are
    /// found by the checkpoint, so those are made up to its last link: what was removed after the
    /// newest checkpoint (written on every seal tick) no entry left behind can show.
    static func tamperings(links: Int64, checkpointed: Int64) -> [Tampering] {
        let anywhere: [Int64] = [1, checkpointed / 2, links]
        let upToCheckpoint: [Int64] = [1, checkpointed / 2, checkpointed]
        var all: [Tampering] = []
        for p in anywhere {
            all.append(Tampering(name: "edit an entry's content at \(p)",
                                 sql: "UPDATE audit_entries SET after = coalesce(after, '{}') || '{\"status\": \"x\"}' WHERE id = \(entry(at: p))"))
            all.append(Tampering(name: "edit an entry's actor and time at \(p)",
                                 sql: "UPDATE audit_entries SET actor = 'mallory', occurred_at = occurred_at - interval '1 day' WHERE id = \(entry(at: p))"))
            all.append(Tampering(name: "insert an entry and a link before \(p)", sql: """
                DO $$ DECLARE added bigint; BEGIN
                    UPDATE audit_links SET position = position + 1000000 WHERE position >= \(p);
                    UPDATE audit_links SET position = position - 1000000 + 1 WHERE position > 1000000;
                    INSERT INTO audit_entries (actor, action, entity, entity_id) VALUES ('mallory', 'volunteer.register', 'volunteer', 'x')
                        RETURNING id INTO added;
                    INSERT INTO audit_links (position, entry_id, mac)
                        SELECT \(p), added, mac FROM audit_links WHERE position = \(p) + 1;
                END $$
                """))
            let other = p == links ? p - 1 : p + 1
            all.append(Tampering(name: "swap the entries at \(p) and \(other)", sql: """
                UPDATE audit_entries a SET actor = b.actor, action = b.action, entity = b.entity, entity_id = b.entity_id,
                       region_id = b.region_id, before = b.before, after = b.after, occurred_at = b.occurred_at
                FROM audit_entries b
                WHERE (a.id, b.id) IN ((\(entry(at: p)), \(entry(at: other))), (\(entry(at: other)), \(entry(at: p))))
                """))
            for (scheme, key) in [("plain SHA-256", nil as AuditKey?), ("another key", try! AuditKey(fileText: String(repeating: "77", count: 32)))] {
                all.append(Tampering(name: "edit at \(p) and rehash every later link with \(scheme)",
                                     sql: "UPDATE audit_entries SET actor = 'mallory' WHERE id = \(entry(at: p))",
                                     after: { context, connection in try await rehash(from: p, key: key, context, connection) }))
            }
        }
        for p in upToCheckpoint {
            all.append(Tampering(name: "delete an entry and its link at \(p)", sql: """
                DO $$ DECLARE gone bigint; BEGIN
                    SELECT entry_id INTO gone FROM audit_links WHERE position = \(p);
                    DELETE FROM audit_links WHERE position = \(p);
                    DELETE FROM audit_entries WHERE id = gone;
                END $$
                """))
            all.append(Tampering(name: "delete a link, leaving its entry unsealed, at \(p)",
                                 sql: "DELETE FROM audit_links WHERE position = \(p)"))
            all.append(Tampering(name: "truncate the chain from \(p) on", sql: """
                DO $$ DECLARE gone bigint[]; BEGIN
                    SELECT array_agg(entry_id) INTO gone FROM audit_links WHERE position >= \(p);
                    DELETE FROM audit_links WHERE position >= \(p);
                    DELETE FROM audit_entries WHERE id = ANY (gone);
                END $$
                """))
            all.append(Tampering(name: "edit at \(p), drop the links from there and seal again with the real key", sql: """
                DO $$ BEGIN
                    UPDATE audit_entries SET after = coalesce(after, '{}') || '{"status": "y"}' WHERE id = \(entry(at: p));
                    DELETE FROM audit_links WHERE position >= \(p);
                END $$
                """, after: { context, _ in try await AuditTrail(context).seal() }))
        }
        return all
    }

    /// Recomputes the links from `position` on over the entries as they are now: unkeyed (the
    /// scheme before the key), or with a key of the attacker's own.
    static func rehash(from position: Int64, key: AuditKey?, _ context: AdalContext, _ connection: PostgresConnection) async throws {
        let log = AuditLog(logger: TestDatabase.logger)
        let links = try await log.links(after: 0, limit: 1_000_000, on: connection)
        var previous = links.first { $0.position == position - 1 }?.storedHash ?? AuditChain.genesis
        for link in links where link.position >= position {
            guard let record = link.record else { continue }
            previous = key.map { AuditChain.link(key: $0, previous: previous, position: link.position, record: record) }
                ?? AuditChain.hash(previous: previous, record: record)
            _ = try await connection.query("UPDATE audit_links SET mac = \(ByteBuffer(bytes: previous)) WHERE position = \(link.position)",
                                           logger: TestDatabase.logger).collect()
        }
    }

    @Test("32+ tamperings at the first, a middle and the last link, with and without recomputing links, and an edited checkpoint: verify --checkpoint finds each and names the place; an untouched chain, and one grown after the checkpoint, verify")
    func everyTamperingIsFound() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adal-checkpoints-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await TestDatabase.withTarget { base in
            // The original: the seeds and some registrations, sealed; a checkpoint; two more after it.
            let (checkpoint, links) = try await Database.with(base, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database, auditKey: TestDatabase.auditKey)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                for n in 0..<3 { _ = try await Volunteers(context).register(kazakhForm(iin: Self.iin(n)), actor: "registrar") }
                let (_, checkpoint) = try await AuditTrail(context).checkpoint(to: folder)
                for n in 3..<5 { _ = try await Volunteers(context).register(kazakhForm(iin: Self.iin(n)), actor: "registrar") }
                try await AuditTrail(context).seal()
                let report = try await AuditTrail(context).verify(checkpoint: checkpoint)
                #expect(report.isIntact, "\(report)")
                #expect(Int64(report.linksChecked) > checkpoint.links, "entries after the checkpoint verify too")
                #expect(checkpoint.legacyHead == nil)
                return (checkpoint, Int64(report.linksChecked))
            }
            var found: [String] = [], missed: [String] = []
            for tampering in Self.tamperings(links: links, checkpointed: checkpoint.links) {
                let report = try await Self.onCopy(of: base, tampering, checkpoint: checkpoint)
                if let position = report.brokenAtPosition {
                    found.append("\(tampering.name): position \(position)\(report.brokenEntryID.map { ", entry \($0)" } ?? "") — \(report.reason ?? "")")
                } else {
                    missed.append(tampering.name)
                }
            }
            // Every tampering was rolled back: the original still verifies.
            let untouched = try await Database.with(base, logger: TestDatabase.logger) { database in
                try await AuditTrail(AdalContext(database: database, auditKey: TestDatabase.auditKey)).verify(checkpoint: checkpoint)
            }
            #expect(untouched.isIntact, "\(untouched)")
            // The checkpoint itself edited: it no longer verifies with the key.
            for edited in [AuditCheckpoint(key: try AuditKey(fileText: String(repeating: "77", count: 32)), links: checkpoint.links,
                                           head: [UInt8](repeating: 1, count: 32), at: checkpoint.at, legacyHead: nil),
                           try Self.changed(checkpoint, links: checkpoint.links - 1)] {
                let refused = try await Database.with(base, logger: TestDatabase.logger) { database in
                    do {
                        _ = try await AuditTrail(AdalContext(database: database, auditKey: TestDatabase.auditKey)).verify(checkpoint: edited)
                        return false
                    } catch let error as FieldError {
                        return error.field == "checkpoint"
                    }
                }
                if refused { found.append("an edited checkpoint (\(edited.links) links): its signature does not match") }
                else { missed.append("an edited checkpoint (\(edited.links) links)") }
            }
            print("audit tamperings detected: \(found.count) of \(found.count + missed.count)\n" + found.joined(separator: "\n"))
            #expect(found.count + missed.count >= 30)
            #expect(missed.isEmpty, "not detected: \(missed)")
        }
    }

    /// The report of `verify --checkpoint` on `base` with `tampering` made to it, in one transaction
    /// that is then rolled back: the next tampering finds the original (a copy of the database per
    /// tampering costs a CREATE DATABASE each).
    static func onCopy(of base: DatabaseTarget, _ tampering: Tampering,
                       checkpoint: AuditCheckpoint) async throws -> AuditTrail.Report {
        struct RolledBack: Error { let report: AuditTrail.Report }
        return try await Database.with(base, maximumConnections: 1, logger: TestDatabase.logger) { database in
            let context = AdalContext(database: database, auditKey: TestDatabase.auditKey)
            do {
                try await database.inOneTransaction { connection in
                    _ = try await connection.query("SET LOCAL session_replication_role = replica", logger: TestDatabase.logger).collect()
                    _ = try await connection.query(PostgresQuery(unsafeSQL: tampering.sql), logger: TestDatabase.logger).collect()
                    try await tampering.after?(context, connection)
                    _ = try await connection.query("SET LOCAL session_replication_role = origin", logger: TestDatabase.logger).collect()
                    throw RolledBack(report: try await AuditTrail(context).verify(checkpoint: checkpoint))
                }
                Issue.record("the tampering's transaction was not rolled back")
                return try await AuditTrail(context).verify(checkpoint: checkpoint)
            } catch let rolledBack as RolledBack {
                return rolledBack.report
            }
        }
    }

    /// The checkpoint with its count changed and its signature kept, as an editor of the file would.
    static func changed(_ checkpoint: AuditCheckpoint, links: Int64) throws -> AuditCheckpoint {
        var fields = try JSONSerialization.jsonObject(with: JSONEncoder().encode(checkpoint)) as! [String: Any]
        fields["links"] = links
        return try JSONDecoder().decode(AuditCheckpoint.self, from: JSONSerialization.data(withJSONObject: fields))
    }

    /// Distinct valid IINs.
    static func iin(_ n: Int) -> String {
        (0...9).lazy.map { String(format: "9002024%04d", n) + String($0) }.first { (try? NationalID.parse($0, kind: .kzIIN)) != nil }!
    }
}
