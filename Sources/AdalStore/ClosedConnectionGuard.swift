import Logging
import PostgresNIO
import Synchronization

/// The connection a statement was sent on closed before its answer came (PostgreSQL restarted or
/// dropped it): the statement may or may not have run, and its transaction did not commit.
public struct ConnectionLost: Error, CustomStringConvertible, Sendable {
    public var description: String { "the connection to the database closed before the statement was answered" }
}

extension PostgresConnection {
    /// `query` with its rows read whole, given up with `ConnectionLost` once the connection is closed.
    /// postgres-nio 1.33.2 can leave a statement sent on a connection the server has just dropped
    /// waiting for ever (seen when PostgreSQL restarts under load: the connection reports closed, its
    /// statement never fails), holding its request and its pool slot; reading the rows can wait the
    /// same way, so they are read inside the guard too. The waiting task is left behind; the caller
    /// goes on. Every statement Store sends returns a page at most, so reading it whole costs little.
    func guardedQuery(_ query: PostgresQuery, logger: Logger) async throws -> CollectedRows {
        CollectedRows(rows: try await guardedRows(query, logger: logger))
    }

    /// The statement's rows, read whole, given up with `ConnectionLost` once the connection is closed.
    func guardedRows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        let connection = self
        return try await guarded { try await connection.query(query, logger: logger).collect() }
    }

    /// A prepared statement's decoded rows, read whole, given up with `ConnectionLost` once the
    /// connection is closed.
    func guardedExecute<Statement: PostgresPreparedStatement>(_ statement: Statement, logger: Logger) async throws
        -> [Statement.Row] where Statement.Row: Sendable {
        let connection = self
        return try await guarded {
            var rows: [Statement.Row] = []
            for try await row in try await connection.execute(statement, logger: logger) { rows.append(row) }
            return rows
        }
    }

    private func guarded<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        guard !isClosed else { throw ConnectionLost() }
        let connection = self
        let outcome = FirstOutcome<T>()
        let statement = Task {
            do { outcome.finish(.success(try await operation())) } catch { outcome.finish(.failure(error)) }
        }
        let watcher = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                if connection.isClosed {
                    // A last chance for the statement's own answer (or error), which usually comes with the close.
                    try? await Task.sleep(for: .milliseconds(100))
                    outcome.finish(.failure(ConnectionLost()))
                    return
                }
            }
        }
        defer { watcher.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in outcome.wait(continuation) }
        } onCancel: {
            statement.cancel()
        }
    }
}

/// A statement's rows, already read: iterated and decoded as a `PostgresRowSequence` is.
struct CollectedRows: AsyncSequence, Sendable {
    typealias Element = PostgresRow
    let rows: [PostgresRow]

    func collect() -> [PostgresRow] { rows }

    func makeAsyncIterator() -> Iterator { Iterator(remaining: rows[...]) }

    struct Iterator: AsyncIteratorProtocol {
        var remaining: ArraySlice<PostgresRow>
        mutating func next() async throws -> PostgresRow? { remaining.popFirst() }
    }
}

/// Resumes a continuation with whichever outcome comes first; later ones are dropped.
private final class FirstOutcome<T: Sendable>: Sendable {
    private enum State {
        case empty
        case waiting(CheckedContinuation<T, any Error>)
        case finished(Result<T, any Error>)
        case done
    }
    private let state = Mutex(State.empty)

    func wait(_ continuation: CheckedContinuation<T, any Error>) {
        let ready: Result<T, any Error>? = state.withLock { state in
            switch state {
            case .empty:
                state = .waiting(continuation)
                return nil
            case let .finished(result):
                state = .done
                return result
            case .waiting, .done:
                preconditionFailure("waited on twice")
            }
        }
        if let ready { continuation.resume(with: ready) }
    }

    func finish(_ result: Result<T, any Error>) {
        let waiting: CheckedContinuation<T, any Error>? = state.withLock { state in
            switch state {
            case .empty:
                state = .finished(result)
                return nil
            case let .waiting(continuation):
                state = .done
                return continuation
            case .finished, .done:
                return nil
            }
        }
        waiting?.resume(with: result)
    }
}
