import AdalDomain
import Foundation
import Logging
import PostgresNIO

/// Finds records by the short IDs the CLI prints (the last 8 hex digits of their UUID) and people
/// by national ID; row-level security keeps a session to its own regions.
public struct RecordLookupRepository: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    /// The tables whose records have short IDs.
    public enum Table: String, Sendable, CaseIterable {
        case volunteers, applications, events, people, tasks

        public var singular: String {
            switch self {
            case .volunteers: return "volunteer"
            case .applications: return "application"
            case .events: return "event"
            case .people: return "person"
            case .tasks: return "task"
            }
        }
    }

    /// The ids (at most two: enough to tell a unique match from an ambiguous one) whose short ID is `short`.
    public func ids(in table: Table, short: String, on connection: PostgresConnection) async throws -> [UUID] {
        let rows = try await connection.guardedQuery(
            "SELECT id FROM \(unescaped: table.rawValue) WHERE right(id::text, 8) = \(short) LIMIT 2", logger: logger)
        var found: [UUID] = []
        for try await id in rows.decode(UUID.self) { found.append(id) }
        return found
    }

    /// The people (at most two) with this national ID, whichever country issued it.
    public func people(nationalID: String, on connection: PostgresConnection) async throws -> [UUID] {
        let rows = try await connection.guardedQuery(
            // Every kind named, so the lookup goes through the (kind, national ID) unique index.
            "SELECT id FROM people WHERE national_id_kind IN ('kz_iin', 'uz_pinfl', 'az_fin') AND national_id = \(nationalID) LIMIT 2",
            logger: logger)
        var found: [UUID] = []
        for try await id in rows.decode(UUID.self) { found.append(id) }
        return found
    }

    /// The volunteer who is this person, if any.
    public func volunteer(person: UUID, on connection: PostgresConnection) async throws -> UUID? {
        let rows = try await connection.guardedQuery("SELECT id FROM volunteers WHERE person_id = \(person)", logger: logger)
        for try await id in rows.decode(UUID.self) { return id }
        return nil
    }
}
