import AdalDomain
import AdalStore
import Foundation
import Hummingbird
import Logging

/// The outermost middleware: gives every request an ID (the client's `X-Request-ID` when it is
/// sane, else a new one), turns every error into a problem document, counts the answer in the
/// metrics and writes one JSON line for it. The line names the route's pattern, never the path
/// or query as sent, so names, IDs, phones and e-mails a client put there are not logged.
struct RequestObserver: RouterMiddleware {
    typealias Context = AdalRequestContext
    let metrics: APIMetrics
    let log: AccessLog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let requestID = Self.requestID(from: request)
        var context = context
        context.logger[metadataKey: "request_id"] = .string(requestID)
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            if let problem = Problem.from(error) {
                response = problem.response()
            } else {
                // The type and SQLSTATE only: an error's text may quote the values a client sent.
                var metadata: Logger.Metadata = ["error": "\(String(reflecting: type(of: error)))"]
                if let store = error as? StoreError, let state = store.sqlState { metadata["sqlstate"] = "\(state)" }
                context.logger.error("request failed", metadata: metadata)
                response = Problem(.internalServerError, "the server failed; the request ID names it in the log").response()
            }
        }
        response.headers[.init("X-Request-ID")!] = requestID
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let route = context.endpointPath ?? "unmatched"
        metrics.record(method: request.method.rawValue, route: route, status: response.status.code, seconds: seconds)
        log.write(requestID: requestID, method: request.method.rawValue, route: route, status: response.status.code,
                  milliseconds: seconds * 1000)
        return response
    }

    static func requestID(from request: Request) -> String {
        if let given = request.headers[.init("X-Request-ID")!], (1...128).contains(given.count),
           given.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:".contains($0)) }) {
            return given
        }
        return UUID().uuidString.lowercased()
    }
}

/// One JSON object per line on standard output, for a log shipper.
struct AccessLog: Sendable {
    let enabled: Bool
    let output: AccessLogOutput

    func write(requestID: String, method: String, route: String, status: Int, milliseconds: Double) {
        guard enabled else { return }
        let line: [String: Any] = [
            "time": Timestamp.utcMillis(Date()),
            "level": status >= 500 ? "error" : "info", "event": "http_request", "request_id": requestID,
            "method": method, "route": route, "status": status, "duration_ms": (milliseconds * 1000).rounded() / 1000,
        ]
        guard var data = try? JSONSerialization.data(withJSONObject: line, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        data.append(0x0A)
        output.write(data)
    }
}

/// Where the access log's lines go: standard output, or (for a server run inside a test) elsewhere.
public struct AccessLogOutput: Sendable {
    let write: @Sendable (Data) -> Void

    public init(_ write: @escaping @Sendable (Data) -> Void) { self.write = write }

    public static let standardOutput = AccessLogOutput { FileHandle.standardOutput.write($0) }
}
