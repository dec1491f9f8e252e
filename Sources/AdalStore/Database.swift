import AdalDomain
import Logging
import PostgresNIO
import Synchronization

/// A pool of connections to one database, with the only two ways Adal runs SQL:
/// a leased connection, or a transaction. `PostgresClient.query` is never used directly,
/// because in postgres-nio 1.33.2 a query that fails there loses its pooled connection.
public struct Database: Sendable {
    public let target: DatabaseTarget
    public let logger: Logger
    let client: PostgresClient
    /// When set, every lease is a transaction that first sets `adal.regions` and `adal.all_regions`
    /// for row-level security; the settings end with the transaction, so a pooled connection
    /// carries nothing to the next user.
    public private(set) var scope: RegionScope?
    private let usage: PoolUsage

    /// How many connections are leased now, of how many the pool may open.
    public struct PoolUse: Sendable {
        public let inUse: Int
        public let maximum: Int
    }

    public var poolUse: PoolUse { PoolUse(inUse: usage.inUse.load(ordering: .relaxed), maximum: usage.maximum) }

    /// The same pool, with every transaction limited to `scope`.
    public func scoped(_ scope: RegionScope) -> Database {
        var copy = self
        copy.scope = scope
        return copy
    }

    /// Opens a pool for the lifetime of `body` and closes it after.
    public static func with<T: Sendable>(
        _ target: DatabaseTarget,
        maximumConnections: Int = 10,
        logger: Logger,
        _ body: @Sendable (Database) async throws -> T
    ) async throws -> T {
        var configuration = try target.clientConfiguration()
        configuration.options.maximumConnections = maximumConnections
        // The pool warns when a lease races its own start-up; only its errors are worth a line.
        var poolLogger = logger
        poolLogger.logLevel = max(logger.logLevel, .error)
        let client = PostgresClient(configuration: configuration, backgroundLogger: poolLogger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(Database(target: target, logger: logger, client: client,
                                           usage: PoolUsage(maximum: maximumConnections)))
        }
    }

    /// Runs `body` on one leased connection, outside any transaction (inside one when scoped).
    public func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        if scope != nil { return try await transaction(body) }
        do {
            return try await client.withConnection { connection in
                usage.inUse.add(1, ordering: .relaxed)
                defer { usage.inUse.subtract(1, ordering: .relaxed) }
                return try await body(connection)
            }
        } catch {
            throw StoreError.wrap(error)
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// The error `body` threw is rethrown as it was, not wrapped.
    public func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in
                usage.inUse.add(1, ordering: .relaxed)
                defer { usage.inUse.subtract(1, ordering: .relaxed) }
                if let scope {
                    try await connection.run("""
                        SELECT set_config('adal.regions', \(scope.databaseSetting), true),
                               set_config('adal.all_regions', \(scope.allRegions ? "on" : "off"), true)
                        """, logger: logger)
                }
                return try await body(connection)
            }
        } catch let error as PostgresTransactionError {
            throw StoreError.wrap(error.closureError ?? error.commitError ?? error.beginError ?? error.rollbackError ?? error)
        } catch {
            throw StoreError.wrap(error)
        }
    }
}

final class PoolUsage: Sendable {
    let inUse = Atomic<Int>(0)
    let maximum: Int
    init(maximum: Int) { self.maximum = maximum }
}

/// A database failure in words: the server's own message, never the query or its values.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public let underlying: any Error
    public let sqlState: String?
    public let message: String
    public let constraint: String?

    /// Database errors become a `StoreError`; any other error (a use case's own) passes through unchanged.
    static func wrap(_ error: any Error) -> any Error {
        error is PSQLError ? StoreError(error) : error
    }

    init(_ error: any Error) {
        underlying = error
        if let psql = error as? PSQLError {
            sqlState = psql.serverInfo?[.sqlState]
            constraint = psql.serverInfo?[.constraintName]
            if let server = psql.serverInfo?[.message] {
                message = server
            } else {
                message = "\(psql.code)" + (psql.underlying.map { ": \($0)" } ?? "")
            }
        } else {
            sqlState = nil
            constraint = nil
            message = "\(error)"
        }
    }

    public var isUniqueViolation: Bool { sqlState == "23505" }

    public var description: String { message }
}

extension PostgresConnection {
    /// Runs a statement and reads every row, so that its error is never dropped.
    @discardableResult
    func run(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        try await self.query(query, logger: logger).collect()
    }
}
