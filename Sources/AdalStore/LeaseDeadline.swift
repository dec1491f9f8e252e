import Synchronization

/// No connection could be had within the target's timeout: the database is away, restarting, or
/// every connection is busy. A statement's own time is bounded by the server (`statement_timeout`).
public struct ConnectionWaitTimedOut: Error, CustomStringConvertible, Sendable {
    public let waited: Duration
    public var description: String { "no connection to the database within \(waited)" }
}

/// Whether an operation got its connection before its deadline, decided once: the deadline gives up
/// on an operation only while it still waits, never after it has started its statements.
/// It also keeps the pool's count of operations waiting for a connection.
final class LeaseWatch: Sendable {
    private enum State { case waiting, leased, abandoned, ended }
    private let state = Mutex(State.waiting)
    private let usage: PoolUsage

    init(usage: PoolUsage) {
        self.usage = usage
        usage.waiting.add(1, ordering: .relaxed)
    }

    /// Called with the leased connection in hand; false when the deadline already gave up.
    func leased() -> Bool {
        state.withLock { state in
            guard state == .waiting else { return state == .leased }
            state = .leased
            usage.waiting.subtract(1, ordering: .relaxed)
            return true
        }
    }

    /// Called when the deadline passes; true when the operation was still waiting and is abandoned.
    func abandonIfWaiting() -> Bool {
        state.withLock { state in
            guard state == .waiting else { return false }
            state = .abandoned
            usage.waiting.subtract(1, ordering: .relaxed)
            return true
        }
    }

    /// Called when the operation is over, whether or not it ever had a connection.
    func end() {
        state.withLock { state in
            if state == .waiting { usage.waiting.subtract(1, ordering: .relaxed) }
            state = .ended
        }
    }
}

/// A value the compiler cannot prove may cross tasks, handed to one child task while its parent waits.
private struct HandedOver<Value>: @unchecked Sendable {
    let value: Value
}

private enum Outcome<T: Sendable>: Sendable {
    case finished(T)
    case deadlinePassed
}

extension Database {
    /// Runs `operation`, which leases a connection and calls `LeaseWatch.leased()` once it has it:
    /// when that has not happened within the target's timeout, the wait is cancelled and
    /// `ConnectionWaitTimedOut` thrown, so a request answers while the database is away instead of
    /// hanging. (postgres-nio's pool waits for a connection without a limit of its own.)
    func withinConnectionDeadline<T: Sendable>(_ operation: (LeaseWatch) async throws -> T) async throws -> T {
        let watch = LeaseWatch(usage: usage)
        defer { watch.end() }
        guard let limit = target.timeout else { return try await operation(watch) }
        return try await withoutActuallyEscaping(operation) { operation in
            let handed = HandedOver(value: operation)
            return try await withThrowingTaskGroup(of: Outcome<T>.self) { group in
                defer { group.cancelAll() }
                group.addTask { .finished(try await handed.value(watch)) }
                group.addTask {
                    try? await Task.sleep(for: limit)
                    return .deadlinePassed
                }
                while let outcome = try await group.next() {
                    switch outcome {
                    case let .finished(value):
                        return value
                    case .deadlinePassed:
                        // Still waiting: give up (the group then waits for the cancelled wait to end).
                        if watch.abandonIfWaiting() { throw ConnectionWaitTimedOut(waited: limit) }
                    }
                }
                throw CancellationError()
            }
        }
    }
}
