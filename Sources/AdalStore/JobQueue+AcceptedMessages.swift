import Foundation
import PostgresNIO

/// The log of accepted e-mails (migration 0013): written down one by one as the server accepts
/// them, settled into `deliveries` and the jobs' states a batch at a time.
extension JobQueue {
    /// Writes down that the mail server accepted a job's message (migration 0013): one small row,
    /// committed before the next message goes out, so a worker killed mid-batch resends at most the
    /// message in flight. Not waiting for the disk: should PostgreSQL itself crash in the next moment,
    /// the message is sent once more (same Message-ID) rather than every message waiting for a flush.
    public func recordAccepted(_ id: Int64, worker: String, regionID: Int64?, channel: String, recipient: String,
                               messageID: String?, response: String?, on connection: PostgresConnection) async throws {
        let statement = RecordAccepted(id: id, worker: worker, regionID: regionID, channel: channel, recipient: recipient,
                                       messageID: messageID, response: response)
        _ = try await connection.guardedExecute(statement, logger: logger)
    }

    /// Prepared once per connection, as it runs for every message sent.
    struct RecordAccepted: PostgresPreparedStatement {
        /// Named here: the protocol's default name is the type's, found by reflection at every run.
        static let name = "adal.record_accepted"
        static let sql = """
            INSERT INTO accepted_messages (job_id, worker, region_id, channel, recipient, message_id, response)
            SELECT $1, $2, $3, $4, $5, $6, $7 FROM (SELECT set_config('synchronous_commit', 'off', true)) relaxed
            RETURNING job_id
            """
        static let bindingDataTypes: [PostgresDataType] = [.int8, .text, .int8, .text, .text, .text, .text]
        typealias Row = Int64

        let id: Int64
        let worker: String
        let regionID: Int64?
        let channel: String
        let recipient: String
        let messageID: String?
        let response: String?

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 7)
            bindings.append(id)
            bindings.append(worker)
            bindings.append(regionID)
            bindings.append(channel)
            bindings.append(recipient)
            bindings.append(messageID)
            bindings.append(response)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Int64 { try row.decode(Int64.self) }
    }

    /// Moves the messages of `worker`'s jobs that the server accepted into the delivery log and marks
    /// the jobs done, in one statement; with `jobs`, only those jobs' messages (a claim's rescued jobs:
    /// their worker died after the message went out). Returns the jobs settled. A job another worker
    /// took meanwhile (this one's lease ran out) keeps its state, but its message was sent and is logged.
    @discardableResult
    public func settleAccepted(worker: String, jobs: [Int64]? = nil, on connection: PostgresConnection) async throws -> [Int64] {
        try await connection.run("""
            WITH accepted AS (
                DELETE FROM accepted_messages
                WHERE CASE WHEN \(jobs)::bigint[] IS NULL THEN worker = \(worker) ELSE job_id = ANY(\(jobs)) END
                RETURNING *),
            done AS (
                -- Joined through arrays: PostgreSQL cannot count a DELETE's rows ahead, guessed two, and
                -- read the whole batch again for every job (a nested loop: 2.8 of 6.7 ms for 100).
                UPDATE jobs j SET state = 'done', result = 'sent', finished_at = a.at, locked_by = NULL, locked_until = NULL
                FROM unnest(ARRAY(SELECT job_id FROM accepted), ARRAY(SELECT at FROM accepted)) AS a(job_id, at)
                WHERE j.id = a.job_id AND j.locked_by = \(worker) AND j.state = 'running')
            INSERT INTO deliveries (job_id, region_id, channel, recipient, message_id, status, response, at)
            SELECT job_id, region_id, channel, recipient, message_id, 'sent', response, at FROM accepted
            RETURNING job_id
            """, logger: logger).map { try $0.decode(Int64.self) }
    }
}
