import AdalCore
import AdalStore
import Foundation
import Hummingbird
import Logging

/// How `adal serve` listens and what it accepts, from the environment.
public struct APIConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// `ADAL_UPLOAD_LIMIT`: the largest eOtinish file upload, in bytes (default 20 MB).
    public var uploadLimit = 20 << 20
    /// `ADAL_PUBLIC_RATE`: applications per hour the public form takes from one client address.
    public var publicApplicationsPerHour = 10
    /// `ADAL_CERTIFICATE_CHECKS`: certificate checks per hour the public endpoint takes from one address.
    public var publicCertificateChecksPerHour = 60
    /// `ADAL_ACCESS_LOG`: one JSON line per request on standard output (`off` to silence).
    public var accessLog = true

    public init() {}

    /// Reads the environment; each bad value is refused with its name.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> APIConfiguration {
        var configuration = APIConfiguration()
        func number(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            guard let value = Int(text), range.contains(value) else {
                throw AdalError.configuration("\(name): '\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return value
        }
        if let host = environment["ADAL_HTTP_HOST"], !host.isEmpty { configuration.host = host }
        if let port = try number("ADAL_HTTP_PORT", in: 1...65_535) { configuration.port = port }
        if let limit = try number("ADAL_UPLOAD_LIMIT", in: 1024...(1 << 30)) { configuration.uploadLimit = limit }
        if let rate = try number("ADAL_PUBLIC_RATE", in: 1...100_000) { configuration.publicApplicationsPerHour = rate }
        if let rate = try number("ADAL_CERTIFICATE_CHECKS", in: 1...100_000) { configuration.publicCertificateChecksPerHour = rate }
        if let log = environment["ADAL_ACCESS_LOG"], !log.isEmpty {
            guard ["on", "off"].contains(log) else { throw AdalError.configuration("ADAL_ACCESS_LOG: '\(log)' is not on or off") }
            configuration.accessLog = log == "on"
        }
        return configuration
    }
}

/// The HTTP application: operations endpoints, the OpenAPI document and `/v1`.
public func buildApplication(context: AdalContext, migrator: Migrator, configuration: APIConfiguration,
                             logger: Logger) -> some ApplicationProtocol {
    let router = Router(context: AdalRequestContext.self)
    let metrics = APIMetrics()
    router.add(middleware: RequestObserver(metrics: metrics, log: AccessLog(enabled: configuration.accessLog)))
    // The process is up and serving.
    router.get("/health") { _, _ in Response(status: .ok, headers: [.contentType: "text/plain"],
                                             body: .init(byteBuffer: ByteBuffer(string: "ok\n"))) }
    // The database answers and has every migration applied.
    router.get("/ready") { _, _ -> Response in
        do {
            try await migrator.requireUpToDate(context.database)
            return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ready\n")))
        } catch {
            logger.warning("not ready", metadata: ["reason": "\(error)"])
            return Problem(.serviceUnavailable, "the database is unreachable or has migrations pending").response()
        }
    }
    router.get("/metrics") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                 body: .init(byteBuffer: ByteBuffer(string: metrics.prometheusText(pool: context.database.poolUse))))
    }
    router.get("/openapi.json") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
    }
    let gate = Gate(context: context, cache: PrincipalCache())
    SessionRoutes(context: context, gate: gate).add(to: router)
    VolunteerRoutes(context: context, gate: gate).add(to: router)
    ApplicationRoutes(context: context, gate: gate, uploadLimit: configuration.uploadLimit).add(to: router)
    DirectoryRoutes(gate: gate).add(to: router)
    MeetingRoutes(context: context, gate: gate,
                  certificateChecks: RateLimiter(capacity: configuration.publicCertificateChecksPerHour, per: .seconds(3600)))
        .add(to: router)
    DecisionRoutes(gate: gate).add(to: router)
    ReportRoutes(gate: gate).add(to: router)
    PublicRoutes(context: context,
                 limiter: RateLimiter(capacity: configuration.publicApplicationsPerHour, per: .seconds(3600))).add(to: router)
    return Application(router: router,
                       configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                            serverName: "adal"),
                       logger: logger)
}
