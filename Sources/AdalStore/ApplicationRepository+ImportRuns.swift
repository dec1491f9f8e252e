import AdalDomain
import Foundation
import PostgresNIO

/// The record of each import: what it read, stored, found already present and refused.
extension ApplicationRepository {
    /// Records a run as running; its process holds `lockKey` (`holdRun`) while it runs.
    public func startRun(channel: ApplicationChannel, source: String, actor: String, regionID: Int64?, lockKey: Int32,
                         on connection: PostgresConnection) async throws -> Int64 {
        let rows = try await connection.guardedQuery("""
            INSERT INTO import_runs (channel, source, actor, region_id, lock_key)
            VALUES (\(channel.rawValue), \(source), \(actor), \(regionID), \(lockKey)) RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        throw StoreError.unexpected("import run insert returned no row")
    }

    public func finishRun(id: Int64, new: Int, present: Int, followUps: Int, rejections: [(record: Int, reason: String)],
                          on connection: PostgresConnection) async throws {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: rejections.map { ["record": $0.record, "reason": $0.reason] }),
                          as: UTF8.self)
        try await connection.run("""
            UPDATE import_runs SET finished_at = now(), state = 'finished', new_count = \(new), present_count = \(present),
                   follow_up_count = \(followUps), rejected_count = \(rejections.count), rejections = \(json)::jsonb
            WHERE id = \(id)
            """, logger: logger)
    }

    /// The advisory locks running runs hold, each on a session of its own (`holdRun`): a run's
    /// process is alive exactly while its lock is held. Taken before the run is recorded, so no
    /// run is ever seen running without it.
    static let runLockClass: Int32 = 7_262

    /// Takes a free run lock on `connection`'s session, held until `releaseRun` or the session ends; its key.
    public func holdRun(on connection: PostgresConnection) async throws -> Int32 {
        while true {
            let key = Int32.random(in: 1...Int32.max)
            let taken = try await connection.run("SELECT pg_try_advisory_lock(\(Self.runLockClass), \(key))", logger: logger)
            if try taken.first?.decode(Bool.self) == true { return key }
        }
    }

    public func releaseRun(lockKey: Int32, on connection: PostgresConnection) async throws {
        try await connection.run("SELECT pg_advisory_unlock(\(Self.runLockClass), \(lockKey))", logger: logger)
    }

    /// Ends a run that stopped on a fault: `failed`, with what stopped it and what it had counted.
    public func failRun(id: Int64, reason: String, new: Int, present: Int, followUps: Int,
                        on connection: PostgresConnection) async throws {
        try await connection.run("""
            UPDATE import_runs SET finished_at = now(), state = 'failed', reason = \(reason), new_count = \(new),
                   present_count = \(present), follow_up_count = \(followUps)
            WHERE id = \(id) AND state = 'running'
            """, logger: logger)
    }

    /// Marks `interrupted` every running run whose process is gone (its lock is free); their ids and regions.
    public func finishInterruptedRuns(on connection: PostgresConnection) async throws -> [(id: Int64, regionID: Int64?)] {
        try await connection.run("""
            UPDATE import_runs SET finished_at = now(), state = 'interrupted',
                   reason = 'the importing process stopped before the end; importing the source again adds the rest'
            WHERE id IN (SELECT id FROM import_runs WHERE state = 'running')
              AND pg_try_advisory_xact_lock(\(Self.runLockClass), lock_key)
            RETURNING id, region_id
            """, logger: logger).map { try $0.decode((Int64, Int64?).self) }
    }

    /// The SHA-256 digests of the messages refused for good in the imports of `regionID` (nil: of
    /// all-regions importers), so a later run skips them unread.
    public func refusedMessageDigests(regionID: Int64?, on connection: PostgresConnection) async throws -> Set<[UInt8]> {
        let rows = try await connection.run("""
            SELECT digest FROM refused_messages WHERE region_id IS NOT DISTINCT FROM \(regionID)
            """, logger: logger)
        return Set(try rows.map { Array(try $0.decode(ByteBuffer.self).readableBytesView) })
    }

    /// Remembers that the message with this digest can never be stored, and why (once per region).
    public func rememberRefusedMessage(digest: [UInt8], regionID: Int64?, runID: Int64, reason: String,
                                       on connection: PostgresConnection) async throws {
        try await connection.run("""
            INSERT INTO refused_messages (digest, region_id, import_run_id, reason)
            VALUES (\(ByteBuffer(bytes: digest)), \(regionID), \(runID), \(reason))
            ON CONFLICT DO NOTHING
            """, logger: logger)
    }
}
