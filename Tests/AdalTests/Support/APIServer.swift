import AdalStore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real `adal serve` binary on a free port, with its standard output and error kept in files
/// (to check the logs), and a small HTTP client for it.
final class APIServer: @unchecked Sendable {
    private(set) var process = Process()
    private(set) var base = URL(string: "http://127.0.0.1")!
    let outputFile: URL
    let errorFile: URL

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
    /// waits until `/health` answers. Tests run in parallel: a port found free may be taken before
    /// the server binds it (it then exits), so another port is tried.
    init(databaseURL: String, environment extra: [String: String] = [:], arguments: [String] = []) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adal-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        outputFile = folder.appendingPathComponent("stdout")
        errorFile = folder.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        for _ in 0..<3 {
            let port = try EmbeddedCluster.freePort()
            base = URL(string: "http://127.0.0.1:\(port)")!
            process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["serve"] + arguments
            var environment = ProcessInfo.processInfo.environment
            environment["DATABASE_URL"] = databaseURL
            environment["ADAL_HTTP_PORT"] = String(port)
            environment["ADAL_MIGRATIONS_DIR"] = TestDatabase.migrationsDirectory
            environment["ADAL_BCRYPT_COST"] = "4"
            environment.merge(extra) { $1 }
            process.environment = environment
            process.standardOutput = try FileHandle(forWritingTo: outputFile)
            process.standardError = try FileHandle(forWritingTo: errorFile)
            try process.run()
            for _ in 0..<200 {
                // Answered by this process (not by another that holds the port): it must still be running.
                if (try? await call("GET", "/health"))?.status == 200, process.isRunning { return }
                guard process.isRunning else { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            stop()
        }
        throw ClusterError("adal serve did not come up: \(errors)")
    }

    var output: String { (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "" }
    var errors: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }

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

    /// SIGTERM, then waits for the process to end.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
}
