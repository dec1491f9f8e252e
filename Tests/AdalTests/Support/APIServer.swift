import AdalAPI
import AdalCore
import AdalStore
import Foundation
import Hummingbird
import Logging
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The API on a free port, over real HTTP, with a small client for it. By default it runs inside the
/// test process (the router `adal serve` runs, connected as `adal_api`, its access log and log kept
/// in memory); with `arguments` (e.g. `--with-worker`) it is the real `adal serve` binary, its
/// standard output and error kept in files.
final class APIServer: @unchecked Sendable {
    /// The `adal serve` process (a binary server only: an in-process one has none to signal).
    var process: Process {
        precondition(inProcess == nil, "an in-process server has no process; start it with binary: true")
        return serverProcess
    }
    private var serverProcess = Process()
    private var inProcess: Task<Void, any Error>?
    private(set) var base = URL(string: "http://127.0.0.1")!
    let outputFile: URL
    let errorFile: URL
    private let captured = CapturedLogs()

    struct Reply: Sendable {
        let status: Int
        let headers: [String: String]
        let body: String

        func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }

        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        }

        var items: [[String: Any]] { json["items"] as? [[String: Any]] ?? [] }
    }

    /// Starts the server against `databaseURL` (the owner's; the server derives its own role) and
    /// waits until it listens; `binary` (or any `arguments`) runs the real `adal serve` (for signals, say).
    init(databaseURL: String, environment extra: [String: String] = [:], arguments: [String] = [],
         binary: Bool = false) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adal-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        outputFile = folder.appendingPathComponent("stdout")
        errorFile = folder.appendingPathComponent("stderr")
        guard arguments.isEmpty && !binary else {
            try await startProcess(databaseURL: databaseURL, environment: extra, arguments: arguments)
            return
        }
        try await startInProcess(databaseURL: databaseURL, environment: extra, home: folder.appendingPathComponent("home").path)
    }

    /// The router in this process, bound to port 0 (the system picks a free one), as `adal serve` runs it.
    private func startInProcess(databaseURL: String, environment extra: [String: String], home: String) async throws {
        let environment = ["DATABASE_URL": databaseURL, "ADAL_MIGRATIONS_DIR": TestDatabase.migrationsDirectory,
                           "ADAL_BCRYPT_COST": "4", "ADAL_HOME": home].merging(extra) { $1 }
        let configuration = try AdalConfiguration.load(environment)
        let migrator = try AdalDatabase.migrator(configuration)
        let captured = self.captured
        var logger = Logger(label: "adal.api") { label in CapturingLogHandler(label: label) { line in
            captured.logs.withLock { $0.errors.append(line) }
        } }
        logger.logLevel = .notice
        let (ports, announce) = AsyncStream<Int>.makeStream()
        inProcess = Task { [logger] in
            defer { announce.finish() }
            try await AdalDatabase.withAPIContext(configuration, logger: logger) { context in
                let router = buildRouter(context: context, migrator: migrator, configuration: configuration.http, logger: logger,
                                         accessLog: AccessLogOutput { line in captured.logs.withLock { $0.output.append(line) } })
                let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "adal"),
                                      onServerRunning: { channel in announce.yield(channel.localAddress?.port ?? 0) },
                                      logger: logger)
                try await app.runService(gracefulShutdownSignals: [])
            }
        }
        for await port in ports {
            base = URL(string: "http://127.0.0.1:\(port)")!
            return
        }
        _ = try await inProcess?.value
        throw ClusterError("the API did not come up")
    }

    /// The real `adal serve`. Tests run in parallel: a port found free may be taken before the
    /// server binds it (it then exits), so another port is tried.
    private func startProcess(databaseURL: String, environment extra: [String: String], arguments: [String]) async throws {
        FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        for _ in 0..<3 {
            let port = try EmbeddedCluster.freePort()
            base = URL(string: "http://127.0.0.1:\(port)")!
            serverProcess = Process()
            serverProcess.executableURL = URL(fileURLWithPath: CLI.binary)
            serverProcess.arguments = ["serve"] + arguments
            var environment = ProcessInfo.processInfo.environment
            environment["DATABASE_URL"] = databaseURL
            environment["ADAL_HTTP_PORT"] = String(port)
            environment["ADAL_MIGRATIONS_DIR"] = TestDatabase.migrationsDirectory
            environment["ADAL_BCRYPT_COST"] = "4"
            environment.merge(extra) { $1 }
            serverProcess.environment = environment
            serverProcess.standardOutput = try FileHandle(forWritingTo: outputFile)
            serverProcess.standardError = try FileHandle(forWritingTo: errorFile)
            try serverProcess.run()
            for _ in 0..<200 {
                // Answered by this process (not by another that holds the port): it must still be running.
                if (try? await call("GET", "/health"))?.status == 200, serverProcess.isRunning { return }
                guard serverProcess.isRunning else { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            stop()
        }
        throw ClusterError("adal serve did not come up: \(errors)")
    }

    /// The access log: what `adal serve` writes on standard output.
    var output: String {
        if inProcess != nil { return String(decoding: captured.logs.withLock { $0.output }, as: UTF8.self) }
        return (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
    }

    /// The server's log: what `adal serve` writes on standard error.
    var errors: String {
        if inProcess != nil { return String(decoding: captured.logs.withLock { $0.errors }, as: UTF8.self) }
        return (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
    }

    func call(_ method: String, _ path: String, token: String? = nil, json: String? = nil,
              body: Data? = nil, headers: [String: String] = [:]) async throws -> Reply {
        var request = URLRequest(url: URL(string: base.absoluteString + path)!)
        request.httpMethod = method
        request.timeoutInterval = 20
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let body { request.httpBody = body }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields { fields["\(name)"] = "\(value)" }
        return Reply(status: http.statusCode, headers: fields, body: String(decoding: data, as: UTF8.self))
    }

    /// Logs in and returns the session token.
    func login(_ email: String, _ password: String) async throws -> String {
        let reply = try await call("POST", "/v1/sessions", json: #"{"email": "\#(email)", "password": "\#(password)"}"#)
        guard reply.status == 201, let token = reply.json["token"] as? String else {
            throw ClusterError("login of \(email) failed: \(reply.status) \(reply.body)")
        }
        return token
    }

    /// Shuts the server down: the in-process one is cancelled (its pool closes as it ends), the
    /// binary gets SIGTERM and is waited for.
    func stop() {
        inProcess?.cancel()
        guard serverProcess.isRunning else { return }
        kill(serverProcess.processIdentifier, SIGTERM)
        serverProcess.waitUntilExit()
    }

    deinit { if serverProcess.isRunning { kill(serverProcess.processIdentifier, SIGKILL) } }
}

/// The in-process server's access log and log.
final class CapturedLogs: Sendable {
    let logs = Mutex((output: Data(), errors: Data()))
}

/// A log handler that writes each message as one line, as `adal serve`'s standard-error log does.
struct CapturingLogHandler: LogHandler {
    let label: String
    let write: @Sendable (Data) -> Void
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    init(label: String, write: @escaping @Sendable (Data) -> Void) {
        self.label = label
        self.write = write
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
             function: String, line: UInt) {
        let all = self.metadata.merging(metadata ?? [:]) { $1 }
        let fields = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        write(Data("\(level) \(label): \(message) \(fields)\n".utf8))
    }
}
