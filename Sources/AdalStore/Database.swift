import AdalDomain
import Logging
import PostgresNIO

/// A pool of connections to one database, with the only two ways Adal runs SQL:
/// a leased connection, or a transaction. `PostgresClient.query` is never used directly,
/// because in postgres-nio 1.33.2 a query that fails there loses its pooled connection.
public struct Database: Sendable {
    public let target: DatabaseTarget
    public let logger: Logger
    let client: PostgresClient

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
            return try await body(Database(target: target, logger: logger, client: client))
        }
    }

    /// Runs `body` on one leased connection, outside any transaction.
    public func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in try await body(connection) }
        } catch {
            throw StoreError.wrap(error)
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// The error `body` threw is rethrown as it was, not wrapped.
    public func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            throw StoreError.wrap(error.closureError ?? error.commitError ?? error.beginError ?? error.rollbackError ?? error)
        } catch {
            throw StoreError.wrap(error)
        }
    }
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
