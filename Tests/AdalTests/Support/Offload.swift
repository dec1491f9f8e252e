import Foundation

/// A value moved to another thread by hand (the work below runs there and nowhere else at once).
struct Unchecked<T>: @unchecked Sendable {
    let value: T
}

/// Runs blocking work — waiting for a process, reading its pipes — on a thread of its own. Swift's
/// concurrency has as many threads as cores (two here): a test blocking one starves every other
/// test's async work and the in-process API servers.
func offload<T>(_ work: @escaping () throws -> T) async throws -> T {
    let box = Unchecked(value: work)
    let result = await withCheckedContinuation { (continuation: CheckedContinuation<Unchecked<Result<T, any Error>>, Never>) in
        Thread { continuation.resume(returning: Unchecked(value: Result { try box.value() })) }.start()
    }
    return try result.value.get()
}
