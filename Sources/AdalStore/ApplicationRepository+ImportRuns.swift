import AdalDomain
import Foundation
import PostgresNIO

/// The record of each import: what it read, stored, found already present and refused.
extension ApplicationRepository {
    public func startRun(channel: ApplicationChannel, source: String, actor: String, regionID: Int64?,
                         on connection: PostgresConnection) async throws -> Int64 {
        let rows = try await connection.query("""
            INSERT INTO import_runs (channel, source, actor, region_id)
            VALUES (\(channel.rawValue), \(source), \(actor), \(regionID)) RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        throw StoreError.unexpected("import run insert returned no row")
    }

    public func finishRun(id: Int64, new: Int, present: Int, followUps: Int, rejections: [(record: Int, reason: String)],
                          on connection: PostgresConnection) async throws {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: rejections.map { ["record": $0.record, "reason": $0.reason] }),
                          as: UTF8.self)
        try await connection.run("""
            UPDATE import_runs SET finished_at = now(), new_count = \(new), present_count = \(present),
                   follow_up_count = \(followUps), rejected_count = \(rejections.count), rejections = \(json)::jsonb
            WHERE id = \(id)
            """, logger: logger)
    }
}
