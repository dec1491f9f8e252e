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
    /// When set, every lease is a transaction (the scope Core's checks use).
    public private(set) var scope: RegionScope?
    /// How the transaction enters its scope for row-level security: through a definer function
    /// that signs it (`adal.scope`), from a live session or for the public form; it ends with the
    /// transaction, so a pooled connection carries nothing to the next user. Nil: no scope for
    /// row-level security (the owner's role passes it; the API's sees no rows).
    public private(set) var entry: ScopeEntry?
    let usage: PoolUsage

    /// How many connections are leased now, of how many the pool may open.
    public struct PoolUse: Sendable {
        public let inUse: Int
        /// Operations waiting for a connection (for one to free up, or to be made).
        public let waiting: Int
        public let maximum: Int
    }

    public var poolUse: PoolUse {
        PoolUse(inUse: usage.inUse.load(ordering: .relaxed), waiting: usage.waiting.load(ordering: .relaxed), maximum: usage.maximum)
    }

    /// The same pool, with every transaction limited to `scope`, entered as `entry` says.
    public func scoped(_ scope: RegionScope, entering entry: ScopeEntry? = nil) -> Database {
        var copy = self
        copy.scope = scope
        copy.entry = entry
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

    /// The one transaction a whole request runs in (`inOneTransaction`), when one is open in this task.
    @TaskLocal static var enclosing: EnclosingTransaction?

    /// Runs `body` with every transaction this pool opens in this task (and its child tasks) made a
    /// savepoint of one transaction, and every lease its connection: all of it commits, or none.
    /// What `body` returns is committed; what it throws rolls everything back.
    public func inOneTransaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await transaction { connection in
            try await Database.$enclosing.withValue(EnclosingTransaction(connection: connection, pool: usage)) {
                try await body(connection)
            }
        }
    }

    /// The enclosing transaction, when it is on this pool.
    private var enclosingHere: EnclosingTransaction? {
        guard let enclosing = Database.enclosing, enclosing.pool === usage else { return nil }
        return enclosing
    }

    /// Runs `body` on one leased connection, outside any transaction (inside one when scoped).
    public func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        if scope != nil { return try await transaction(body) }
        if let enclosing = enclosingHere { return try await body(enclosing.connection) }
        return try await withSessionOfItsOwn(body)
    }

    /// Runs `body` on a connection of its own, outside any transaction and any scope, whatever this
    /// pool's: for a session-level lock that says a process is alive, never for records.
    public func withSessionOfItsOwn<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await leased(body)
        } catch {
            throw StoreError.wrap(error)
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// The error `body` threw is rethrown as it was, not wrapped. `readWrite` writes even while the
    /// server's default is read-only (`default_transaction_read_only`), as a record of why a run
    /// stopped must; a server that cannot write at all (a standby) still refuses it.
    public func transaction<T: Sendable>(readWrite: Bool = false, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        if let enclosing = enclosingHere { return try await savepoint(in: enclosing, body) }
        do {
            // BEGIN, COMMIT and ROLLBACK are sent here rather than by postgres-nio's withTransaction,
            // so that each is given up when the connection closes under it (`run` is guarded).
            return try await leased { connection in
                try await connection.run(readWrite ? "BEGIN READ WRITE" : "BEGIN", logger: logger)
                do {
                    try await applyScope(on: connection)
                    let result = try await body(connection)
                    try await connection.run("COMMIT", logger: logger)
                    return result
                } catch {
                    _ = try? await connection.run("ROLLBACK", logger: logger)
                    throw error
                }
            }
        } catch {
            throw StoreError.wrap(error)
        }
    }
}

extension Database {
    /// Runs `body` on a connection leased within the target's deadline, counted in use while it runs.
    private func leased<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await withinConnectionDeadline { watch in
            try await client.withConnection { connection in
                guard watch.leased() else { throw CancellationError() }
                usage.inUse.add(1, ordering: .relaxed)
                defer { usage.inUse.subtract(1, ordering: .relaxed) }
                return try await body(connection)
            }
        }
    }

    /// A use case's transaction inside the enclosing one: a savepoint, released when `body`
    /// returns and rolled back to when it throws, so a refusal leaves the enclosing transaction
    /// usable (to record the answer) and undoes only the use case's own writes.
    private func savepoint<T: Sendable>(in enclosing: EnclosingTransaction,
                                        _ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection = enclosing.connection
        let name = "adal_\(enclosing.savepoints.add(1, ordering: .relaxed).newValue)"
        do {
            try await connection.run(PostgresQuery(unsafeSQL: "SAVEPOINT \(name)"), logger: logger)
            try await applyScope(on: connection)
            let result = try await body(connection)
            try await connection.run(PostgresQuery(unsafeSQL: "RELEASE SAVEPOINT \(name)"), logger: logger)
            return result
        } catch {
            _ = try? await connection.run(PostgresQuery(unsafeSQL: "ROLLBACK TO SAVEPOINT \(name)"), logger: logger)
            throw StoreError.wrap(error)
        }
    }
}

extension Database {
    /// Enters the scope for row-level security until the transaction ends (nothing without an entry).
    /// - Throws: `SessionEnded` when the session's token is no longer live.
    fileprivate func applyScope(on connection: PostgresConnection) async throws {
        switch entry {
        case nil:
            return
        case let .session(tokenDigest):
            let live = try await connection.run("SELECT adal_enter_session(\(ByteBuffer(bytes: tokenDigest)))", logger: logger)
            guard try live.first?.decode(Bool.self) == true else { throw SessionEnded() }
        case let .publicForm(regionID):
            try await connection.run("SELECT adal_enter_public_form(\(regionID))", logger: logger)
        }
    }
}

/// How a transaction enters its scope for row-level security.
public enum ScopeEntry: Sendable, Equatable {
    /// A staff session: the regions of the account whose live token has this SHA-256 digest.
    case session(tokenDigest: [UInt8])
    /// The public form: add an application in one region, and see only what was added.
    case publicForm(regionID: Int64)
}

/// The session a transaction was to enter ended (revoked, expired or disabled) since it was checked.
public struct SessionEnded: Error, Sendable {
    public init() {}
}

/// The connection of a transaction that encloses a whole request, and its pool.
final class EnclosingTransaction: Sendable {
    let connection: PostgresConnection
    let pool: PoolUsage
    let savepoints = Atomic<Int>(0)

    init(connection: PostgresConnection, pool: PoolUsage) {
        self.connection = connection
        self.pool = pool
    }
}

/// What `/metrics` says of the pool: counted around each lease, so a lease that fails, is
/// cancelled or is given up by its deadline is counted out as it ends.
final class PoolUsage: Sendable {
    let inUse = Atomic<Int>(0)
    let waiting = Atomic<Int>(0)
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
        error is PSQLError || error is ConnectionWaitTimedOut || error is ConnectionLost ? StoreError(error) : error
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

    /// The database is away or did not answer in time (a statement past `ADAL_DB_TIMEOUT`, a
    /// server shutting down or starting, a connection lost or never made): the same request may
    /// succeed shortly.
    public var isUnavailable: Bool {
        if let sqlState {
            return sqlState == "57014" || sqlState.hasPrefix("57P") || sqlState.hasPrefix("08") || sqlState == "53300"
        }
        if underlying is ConnectionWaitTimedOut || underlying is ConnectionLost { return true }
        guard let psql = underlying as? PSQLError else { return false }
        return [.connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .queryCancelled].contains(psql.code)
    }

    /// The statement's values were refused (a data exception, a constraint, a value too large for an
    /// index): another statement with other values may still be stored, unlike when the database is
    /// away or read-only.
    public var isAboutTheValues: Bool {
        guard let sqlState else { return false }
        return sqlState.hasPrefix("22") || sqlState.hasPrefix("23") || sqlState.hasPrefix("54")
    }

    public var description: String { message }
}

extension PostgresConnection {
    /// Runs a statement and reads every row, so that its error is never dropped.
    @discardableResult
    func run(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        try await guardedRows(query, logger: logger)
    }
}
