import AdalCore
import AdalStore
import Foundation
import Hummingbird
import Logging

/// Where `adal serve` listens: `ADAL_HTTP_HOST` (default 127.0.0.1) and `ADAL_HTTP_PORT` (default 8080).
public struct APIConfiguration: Sendable {
    public var host: String
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }

    /// Reads the environment; a port that is not a number between 1 and 65535 is refused.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> APIConfiguration {
        var configuration = APIConfiguration()
        if let host = environment["ADAL_HTTP_HOST"], !host.isEmpty { configuration.host = host }
        if let text = environment["ADAL_HTTP_PORT"], !text.isEmpty {
            guard let port = Int(text), (1...65_535).contains(port) else {
                throw AdalError.configuration("ADAL_HTTP_PORT: '\(text)' is not a port number (1–65535)")
            }
            configuration.port = port
        }
        return configuration
    }
}

/// The HTTP application: for now the operational endpoints `/health` and `/ready`.
public func buildApplication(context: AdalContext, migrator: Migrator, configuration: APIConfiguration,
                             logger: Logger) -> some ApplicationProtocol {
    let router = Router()
    // The process is up and serving.
    router.get("/health") { _, _ in "ok\n" }
    // The database answers and has every migration applied.
    router.get("/ready") { _, _ -> Response in
        do {
            try await migrator.requireUpToDate(context.database)
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ready\n")))
        } catch {
            logger.warning("not ready", metadata: ["reason": "\(error)"])
            return Response(status: .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: "not ready\n")))
        }
    }
    SessionRoutes(context: context).add(to: router)
    return Application(router: router,
                       configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                            serverName: "adal"),
                       logger: logger)
}
