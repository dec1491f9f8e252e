import AdalDomain
import Foundation
import PostgresNIO

extension ApplicationRepository {
    /// One import run as its importer is shown it afterwards.
    public struct RunSummary: Sendable {
        public let id: Int64
        public let channel: String
        public let source: String
        public let actor: String
        public let startedAt: Date
        public let finishedAt: Date?
        /// running, finished, failed or interrupted.
        public let state: String
        public let reason: String?
        public let new: Int
        public let present: Int
        public let followUps: Int
        public let rejected: Int
        public let rejections: [(record: Int, reason: String)]
    }

    /// The latest runs (`id` nil) or the one run `id`, of the regions `within` (nil: all), newest first.
    public func runs(id: Int64? = nil, limit: Int, within: [Int64]?, on connection: PostgresConnection) async throws -> [RunSummary] {
        let rows = try await connection.guardedQuery("""
            SELECT id, channel, source, actor, started_at, finished_at, state, reason, new_count, present_count,
                   follow_up_count, rejected_count, rejections::text
            FROM import_runs
            WHERE (\(id)::bigint IS NULL OR id = \(id))
              AND (\(within)::bigint[] IS NULL OR region_id = ANY(\(within)))
            ORDER BY id DESC LIMIT \(limit)
            """, logger: logger)
        var runs: [RunSummary] = []
        for try await row in rows {
            let (id, channel, source, actor, started, finished, state) = try row.decode((Int64, String, String, String, Date, Date?, String).self)
            let c = row.makeRandomAccess()
            let listed = try JSONSerialization.jsonObject(with: Data(try c[12].decode(String.self).utf8)) as? [[String: Any]] ?? []
            runs.append(RunSummary(
                id: id, channel: channel, source: source, actor: actor, startedAt: started, finishedAt: finished, state: state,
                reason: try c[7].decode(String?.self), new: try c[8].decode(Int.self), present: try c[9].decode(Int.self),
                followUps: try c[10].decode(Int.self), rejected: try c[11].decode(Int.self),
                rejections: listed.compactMap { item in
                    guard let record = item["record"] as? Int, let reason = item["reason"] as? String else { return nil }
                    return (record, reason)
                }))
        }
        return runs
    }
}
