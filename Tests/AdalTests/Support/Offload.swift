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

/// Ends a helper process (an SMTP or webhook sink) from any thread without blocking it for long:
/// SIGTERM, then wait until it is gone or a zombie, SIGKILL after five seconds. Not
/// `waitUntilExit`, which spins the calling thread's run loop and was seen never to return for a
/// child already exited and unreaped (it held one of Swift's two threads at full CPU until the run's
/// time limit). The child is not reaped here, so its pid cannot be reused under Foundation's feet.
func terminate(_ process: Process) {
    guard process.isRunning else { return }
    let pid = process.processIdentifier
    kill(pid, SIGTERM)
    for attempt in 0..<600 {
        if !process.isRunning || hasExited(pid) { return }
        if attempt == 500 { kill(pid, SIGKILL) }
        usleep(10_000)
    }
}

/// Whether the process is gone or a zombie (exited, not yet reaped), as /proc tells.
func hasExited(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return true }
    return stat[close...].dropFirst(2).first == "Z"
}
