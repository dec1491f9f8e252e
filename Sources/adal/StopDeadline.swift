import Dispatch
import Foundation

/// The promise that `adal serve` and `adal worker` are gone within 10 s of SIGTERM or SIGINT, whatever
/// they wait for: the service group stops them gracefully (requests in flight finish, unsent jobs go
/// back to the queue), and should that take longer than the deadline, or a second signal come, the
/// process ends at once. Waiting on a database or mail server that does not answer must not keep an
/// operator's stop or a container's restart waiting.
enum StopDeadline {
    // Touched only on `queue` (and once before any signal can arrive).
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    nonisolated(unsafe) private static var signals = 0
    private static let queue = DispatchQueue(label: "adal.stop-deadline")

    static func install(_ program: String, deadline: Duration = .seconds(10)) {
        for number in [SIGTERM, SIGINT] {
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                signals += 1
                if signals > 1 { end(program, "a second stop signal: stopping now") }
                let seconds = Double(deadline.components.seconds) + Double(deadline.components.attoseconds) / 1e18
                queue.asyncAfter(deadline: .now() + seconds) {
                    end(program, "still stopping after \(deadline): stopping now")
                }
            }
            source.resume()
            sources.append(source)
        }
    }

    private static func end(_ program: String, _ reason: String) -> Never {
        FileHandle.standardError.write(Data("\(program): \(reason)\n".utf8))
        fflush(nil)
        _exit(1)
    }
}
