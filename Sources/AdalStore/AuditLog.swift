import AdalDomain
import Foundation
import Logging
import PostgresNIO

/// The append-only audit log and the keyed chain sealed over it (`audit_links`; the unkeyed
/// `audit_chain` before it is only read, for its head).
///
/// Writers only insert entries, with no lock between them; `seal` later appends the chain's
/// links in one serialised step (an advisory lock held by the sealer alone).
public struct AuditLog: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    static let sealLockKey: Int64 = 0x6164_616C_0001

    /// Adds an entry. No `RETURNING`: under row-level security an entry of no region (a login, say)
    /// may be written by the API's role but not read back by it, and a returned row must be readable.
    public func append(_ entry: AuditEntryDraft, on connection: PostgresConnection) async throws {
        try await connection.run("""
            INSERT INTO audit_entries (actor, action, entity, entity_id, region_id, before, after)
            VALUES (\(entry.actor), \(entry.action), \(entry.entity), \(entry.entityID), \(entry.regionID),
                    \(entry.before)::jsonb, \(entry.after)::jsonb)
            """, logger: logger)
    }

    /// How far below the newest sealed entry a quick seal looks for entries that committed late.
    static let recentWindow: Int64 = 256

    /// Chains every committed, unsealed entry, in id order, in batches. Returns how many were sealed.
    /// Call it in its own transaction. With `wait`, it waits for a concurrent sealer to finish;
    /// without, it returns 0 at once when another sealer holds the lock (that one, or the next, seals).
    /// `recentOnly` looks only near the newest sealed entry, so sealing after each commit costs the same
    /// however long the log is; a full seal (`adal audit seal`, the worker) finds anything older.
    public func seal(key: AuditKey, wait: Bool = true, recentOnly: Bool = false, batchSize: Int = 1000,
                     on connection: PostgresConnection) async throws -> Int {
        if wait {
            try await connection.run("SELECT pg_advisory_xact_lock(\(Self.sealLockKey))", logger: logger)
        } else {
            let rows = try await connection.guardedQuery("SELECT pg_try_advisory_xact_lock(\(Self.sealLockKey))", logger: logger)
            var acquired = false
            for try await got in rows.decode(Bool.self) { acquired = got }
            if !acquired { return 0 }
        }
        var (position, previous) = try await lastLink(on: connection)
        var lowest: Int64 = recentOnly ? try await newestSealedEntry(on: connection) - Self.recentWindow : 0
        var sealed = 0
        while true {
            // A range scan on the key, then the ones already chained dropped: an anti-join here
            // rescanned the whole chain for every batch.
            let candidates = try await decodeRecords(connection.guardedQuery("""
                \(unescaped: Self.recordColumns) WHERE e.id > \(lowest) ORDER BY e.id LIMIT \(batchSize)
                """, logger: logger))
            guard let last = candidates.last else { break }
            lowest = last.id
            let chained = try await connection.guardedQuery(
                "SELECT entry_id FROM audit_links WHERE entry_id = ANY(\(candidates.map(\.id)))", logger: logger)
            var alreadyChained = Set<Int64>()
            for try await id in chained.decode(Int64.self) { alreadyChained.insert(id) }
            let records = candidates.filter { !alreadyChained.contains($0.id) }
            if records.isEmpty { continue }
            var positions: [Int64] = [], ids: [Int64] = [], hashes: [ByteBuffer] = []
            for record in records {
                position += 1
                previous = AuditChain.link(key: key, previous: previous, position: position, record: record)
                positions.append(position)
                ids.append(record.id)
                hashes.append(ByteBuffer(bytes: previous))
            }
            try await connection.run("""
                INSERT INTO audit_links (position, entry_id, mac)
                SELECT * FROM unnest(\(positions)::bigint[], \(ids)::bigint[], \(hashes)::bytea[])
                """, logger: logger)
            sealed += records.count
        }
        return sealed
    }

    /// The chain's links from `position` on, each joined to its entry as stored now.
    public func links(after position: Int64, limit: Int, on connection: PostgresConnection) async throws -> [AuditLink] {
        let rows = try await connection.guardedQuery("""
            SELECT c.position, c.entry_id, c.mac, e.id, (extract(epoch FROM e.occurred_at) * 1000000)::bigint,
                   e.actor, e.action, e.entity, e.entity_id, e.region_id, e.before::text, e.after::text
            FROM audit_links c LEFT JOIN audit_entries e ON e.id = c.entry_id
            WHERE c.position > \(position)
            ORDER BY c.position LIMIT \(limit)
            """, logger: logger)
        var result: [AuditLink] = []
        for try await row in rows {
            let (position, entryID, hash, id) = try row.decode((Int64, Int64, Data, Int64?).self)
            var record: AuditRecord?
            if id != nil {
                let cells = row.makeRandomAccess()
                record = AuditRecord(
                    id: try cells[3].decode(Int64.self), occurredAtMicros: try cells[4].decode(Int64.self),
                    actor: try cells[5].decode(String.self), action: try cells[6].decode(String.self),
                    entity: try cells[7].decode(String.self), entityID: try cells[8].decode(String.self),
                    regionID: try cells[9].decode(Int64?.self), before: try cells[10].decode(String?.self),
                    after: try cells[11].decode(String?.self))
            }
            result.append(AuditLink(position: position, entryID: entryID, storedHash: Array(hash), record: record))
        }
        return result
    }

    /// How far the chain reaches, as the database holds it: its links and when the last was sealed.
    public func chainReach(on connection: PostgresConnection) async throws -> (links: Int64, lastSealedAt: Date?) {
        let rows = try await connection.guardedQuery("SELECT coalesce(max(position), 0), max(sealed_at) FROM audit_links",
                                                     logger: logger)
        for try await (links, last) in rows.decode((Int64, Date?).self) { return (links, last) }
        return (0, nil)
    }

    public func unsealedCount(on connection: PostgresConnection) async throws -> Int {
        let rows = try await connection.guardedQuery("""
            SELECT count(*) FROM audit_entries e WHERE NOT EXISTS (SELECT 1 FROM audit_links c WHERE c.entry_id = e.id)
            """, logger: logger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }

    /// Entries about one record, oldest first.
    public func entries(entity: String, entityID: String, on connection: PostgresConnection) async throws -> [AuditRecord] {
        try await decodeRecords(connection.guardedQuery("""
            \(unescaped: Self.recordColumns) WHERE e.entity = \(entity) AND e.entity_id = \(entityID) ORDER BY e.id
            """, logger: logger))
    }

    /// Entries newest first, before entry `before` when given; limited to `within` regions (nil: all,
    /// including entries of no region).
    public func list(before: Int64?, limit: Int, entity: String?, entityID: String?, action: String?, within: [Int64]?,
                     on connection: PostgresConnection) async throws -> [AuditRecord] {
        try await decodeRecords(connection.guardedQuery("""
            \(unescaped: Self.recordColumns)
            WHERE (\(before)::bigint IS NULL OR e.id < \(before))
              AND (\(entity)::text IS NULL OR e.entity = \(entity))
              AND (\(entityID)::text IS NULL OR e.entity_id = \(entityID))
              AND (\(action)::text IS NULL OR e.action = \(action))
              AND (\(within)::bigint[] IS NULL OR e.region_id = ANY(\(within)))
            ORDER BY e.id DESC LIMIT \(limit)
            """, logger: logger))
    }

    private func newestSealedEntry(on connection: PostgresConnection) async throws -> Int64 {
        let rows = try await connection.guardedQuery("SELECT coalesce(max(entry_id), 0) FROM audit_links", logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        return 0
    }

    /// The last keyed link: its position and MAC (0 and the genesis value for an empty chain).
    public func lastLink(on connection: PostgresConnection) async throws -> (Int64, [UInt8]) {
        let rows = try await connection.guardedQuery("SELECT position, mac FROM audit_links ORDER BY position DESC LIMIT 1",
                                              logger: logger)
        for try await (position, hash) in rows.decode((Int64, Data).self) { return (position, Array(hash)) }
        return (0, AuditChain.genesis)
    }

    /// The digest audit entries keep of a personal value (a national ID, phone, e-mail, address or
    /// birth date), to find or prove one: the owner's role only.
    public func personalDigest(_ value: String, on connection: PostgresConnection) async throws -> String {
        try await connection.run("SELECT adal_personal_digest(\(value))", logger: logger)[0].decode(String.self)
    }

    /// The last hash of the unkeyed chain kept before the key, if there was one.
    public func legacyHead(on connection: PostgresConnection) async throws -> [UInt8]? {
        let rows = try await connection.guardedQuery("SELECT hash FROM audit_chain ORDER BY position DESC LIMIT 1", logger: logger)
        for try await hash in rows.decode(Data.self) { return Array(hash) }
        return nil
    }

    static let recordColumns = """
        SELECT e.id, (extract(epoch FROM e.occurred_at) * 1000000)::bigint, e.actor, e.action, e.entity, e.entity_id,
               e.region_id, e.before::text, e.after::text
        FROM audit_entries e
        """

    private func decodeRecords(_ rows: CollectedRows) async throws -> [AuditRecord] {
        var result: [AuditRecord] = []
        for try await (id, micros, actor, action, entity, entityID, regionID, before, after)
            in rows.decode((Int64, Int64, String, String, String, String, Int64?, String?, String?).self) {
            result.append(AuditRecord(id: id, occurredAtMicros: micros, actor: actor, action: action, entity: entity,
                                      entityID: entityID, regionID: regionID, before: before, after: after))
        }
        return result
    }
}
