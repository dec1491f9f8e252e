import AdalCore
import AdalStore
import Foundation
import Hummingbird
import Logging

/// How `adal serve` listens and what it accepts: the configuration's part for HTTP.
public typealias APIConfiguration = AdalConfiguration.HTTP

/// The HTTP server: the router below, listening where the configuration says. (An "application" in
/// Adal is a citizen's request to volunteer; this is the server Hummingbird runs.)
public func buildHTTPServer(context: AdalContext, migrator: Migrator, configuration: APIConfiguration,
                            logger: Logger) -> some ApplicationProtocol {
    buildHTTPServer(router: buildRouter(context: context, migrator: migrator, configuration: configuration, logger: logger),
                    configuration: configuration, logger: logger)
}

/// The HTTP server for `router` (the API's, with the web console's pages added by `adal serve`).
public func buildHTTPServer(router: Router<AdalRequestContext>, configuration: APIConfiguration,
                            logger: Logger) -> some ApplicationProtocol {
    Hummingbird.Application(router: router,
                            configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                                 serverName: "adal"),
                            logger: logger)
}

/// Every route: operations endpoints, the OpenAPI document and `/v1` (tests run requests through it in process).
public func buildRouter(context: AdalContext, migrator: Migrator, configuration: APIConfiguration, logger: Logger,
                        accessLog: AccessLogOutput = .standardOutput) -> Router<AdalRequestContext> {
    let router = Router(context: AdalRequestContext.self)
    let metrics = APIMetrics()
    router.add(middleware: RequestObserver(metrics: metrics, log: AccessLog(enabled: configuration.accessLog, output: accessLog)))
    // The process is up and serving.
    router.get("/health") { _, _ in Response(status: .ok, headers: [.contentType: "text/plain"],
                                             body: .init(byteBuffer: ByteBuffer(string: "ok\n"))) }
    // The database answers and has every migration applied.
    router.get("/ready") { _, _ -> Response in
        do {
            try await context.requireMigrated(migrator)
            return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ready\n")))
        } catch {
            logger.warning("not ready", metadata: ["reason": "\(error)"])
            var problem = Problem(.serviceUnavailable, notReadyReason(error))
            problem.headers[.retryAfter] = "2"
            return problem.response()
        }
    }
    router.get("/metrics") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                 body: .init(byteBuffer: ByteBuffer(string: metrics.prometheusText(pool: context.poolUse))))
    }
    router.get("/openapi.json") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.bytes)))
    }
    let gate = Gate(context: context, cache: PrincipalCache(), proxies: configuration.trustedProxies)
    SessionRoutes(context: context, gate: gate).add(to: router)
    VolunteerRoutes(context: context, gate: gate).add(to: router)
    ApplicationRoutes(context: context, gate: gate, uploadLimit: configuration.uploadLimit).add(to: router)
    DirectoryRoutes(gate: gate).add(to: router)
    ReferenceRoutes(gate: gate).add(to: router)
    MeetingRoutes(context: context, gate: gate,
                  certificateChecks: RateLimiter(capacity: configuration.publicCertificateChecksPerHour, per: .seconds(3600)))
        .add(to: router)
    DecisionRoutes(gate: gate).add(to: router)
    ReportRoutes(gate: gate).add(to: router)
    PublicRoutes(context: context, proxies: configuration.trustedProxies,
                 limiter: RateLimiter(capacity: configuration.publicApplicationsPerHour, per: .seconds(3600))).add(to: router)
    return router
}

/// Why `/ready` answers 503, in words an operator can act on (never a query or its values).
func notReadyReason(_ error: any Error) -> String {
    switch error {
    case let pending as PendingMigrations:
        return "migrations pending (\(pending.pending.count)); run `adal db migrate`"
    case let store as StoreError where store.isUnavailable:
        return "the database is not answering: \(store.message)"
    case let store as StoreError:
        return "the database refused the readiness check: \(store.message)"
    default:
        return "the readiness check failed: \(type(of: error))"
    }
}
