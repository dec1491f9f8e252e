import AdalCore
import AdalStore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `adal serve` as an operator runs it: the real binary on a free port, called over HTTP.
@Suite("adal serve", .timeLimit(.minutes(3)))
struct ServeTests {
    func get(_ url: URL) async -> Int? {
        var request = URLRequest(url: url)
        request.timeoutInterval = 2
        guard let (_, response) = try? await URLSession.shared.data(for: request) else { return nil }
        return (response as? HTTPURLResponse)?.statusCode
    }

    func send(_ method: String, _ url: URL, token: String? = nil, json: String? = nil) async -> (Int, String)? {
        var request = URLRequest(url: url)
        request.httpMethod = method
        // Generous: on a loaded machine a sign-in (bcrypt at the default cost) can pass 5 s, and a request
        // the client gives up on may be cancelled with its transaction, its failure never counted.
        request.timeoutInterval = 30
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        guard let (data, response) = try? await URLSession.shared.data(for: request),
              let http = response as? HTTPURLResponse else { return nil }
        return (http.statusCode, String(decoding: data, as: UTF8.self))
    }

    func start(databaseURL: String, port: Int) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["serve"]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = databaseURL
        environment["ADAL_HTTP_PORT"] = String(port)
        environment["ADAL_MIGRATIONS_DIR"] = TestDatabase.migrationsDirectory
        environment["ADAL_BCRYPT_COST"] = "4"
        process.environment = environment
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        return (process, errors)
    }

    @Test("health and ready answer 200; SIGTERM stops it cleanly")
    func healthReadyAndStop() async throws {
        try await TestDatabase.withTarget { target in
            let port = try EmbeddedCluster.freePort()
            let (process, _) = try start(databaseURL: target.url(includingPassword: true), port: port)
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
            let base = URL(string: "http://127.0.0.1:\(port)")!
            var health: Int?
            for _ in 0..<100 where health == nil && process.isRunning {
                health = await get(base.appendingPathComponent("health"))
                if health == nil { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(health == 200)
            #expect(await get(base.appendingPathComponent("ready")) == 200)
            #expect(await get(base.appendingPathComponent("no-such-route")) == 404)

            kill(process.processIdentifier, SIGTERM)
            for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
            #expect(!process.isRunning)
            #expect(process.terminationStatus == 0)
        }
    }

    @Test("staff log in over HTTP, see themselves, log out; ten failures lock the name for that address")
    func sessions() async throws {
        try await TestDatabase.withTarget { target in
            let url = target.url(includingPassword: true)
            // The database checks the password inside a statement; at the default bcrypt cost on a
            // loaded two-core machine one check can outlast ADAL_DB_TIMEOUT (503, the failure not
            // counted), which is not what this test is about.
            let cli = CLI(databaseURL: url, home: FileManager.default.temporaryDirectory.path + "/adal-serve-\(UUID().uuidString)",
                          environment: ["ADAL_BCRYPT_COST": "4"])
            #expect(try await cli.run("db", "seed").status == 0)
            let first = try await cli.run("users", "bootstrap")
            #expect(first.stdout.contains("admin account admin@adal.local created"))
            #expect(try await cli.run("users", "bootstrap").stdout.contains("no admin created"))
            let added = try await cli.run("users", "add", "--email", "Registrar@KZY.example.kz", "--name", "Демо Тіркеуші",
                                          "--role", "registrar", "--office", "KZY")
            #expect(added.status == 0, "\(added.stderr)")
            let password = try #require(added.stderr.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })

            let port = try EmbeddedCluster.freePort()
            let (process, _) = try start(databaseURL: url, port: port)
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
            let base = URL(string: "http://127.0.0.1:\(port)")!
            for _ in 0..<100 where await get(base.appendingPathComponent("health")) == nil {
                try await Task.sleep(for: .milliseconds(100))
            }
            let sessions = base.appendingPathComponent("v1/sessions")
            let me = base.appendingPathComponent("v1/me")

            #expect(await send("GET", me)?.0 == 401)
            let wrong = await send("POST", sessions, json: #"{"email": "registrar@kzy.example.kz", "password": "wrong password!"}"#)
            #expect(wrong?.0 == 401)
            #expect(wrong?.1.contains("\"status\":401") == true)
            #expect(await send("POST", sessions, json: "{not json")?.0 == 400)

            let login = try #require(await send("POST", sessions, json: #"{"email": "registrar@kzy.example.kz", "password": "\#(password)"}"#))
            #expect(login.0 == 201, "\(login.1)")
            let body = try #require(try JSONSerialization.jsonObject(with: Data(login.1.utf8)) as? [String: Any])
            let token = try #require(body["token"] as? String)
            let whoami = try #require(await send("GET", me, token: token))
            #expect(whoami.0 == 200)
            #expect(whoami.1.contains("\"role\":\"registrar\""))
            #expect(whoami.1.contains("\"region_code\":\"KZ-43\""))
            #expect(!whoami.1.contains("password"))
            #expect(await send("DELETE", base.appendingPathComponent("v1/sessions/current"), token: token)?.0 == 204)
            #expect(await send("GET", me, token: token)?.0 == 401)

            var answers: [Int?] = []
            for _ in 0..<10 {
                answers.append(await send("POST", sessions, json: #"{"email": "registrar@kzy.example.kz", "password": "wrong password!"}"#)?.0)
            }
            #expect(answers == Array(repeating: 401, count: 9) + [429])
            let lockedOut = await send("POST", sessions, json: #"{"email": "registrar@kzy.example.kz", "password": "\#(password)"}"#)
            #expect(lockedOut?.0 == 429)
            kill(process.processIdentifier, SIGTERM)
            try await offload { process.waitUntilExit() }
        }
    }

    @Test("refuses to start while migrations are pending, saying how to fix it")
    func pendingMigrations() async throws {
        try await TestDatabase.withTarget(migrated: false) { target in
            let (process, errors) = try start(databaseURL: target.url(includingPassword: true), port: try EmbeddedCluster.freePort())
            let output = errors.fileHandleForReading.readDataToEndOfFile()
            try await offload { process.waitUntilExit() }
            #expect(process.terminationStatus == 1)
            #expect(String(decoding: output, as: UTF8.self).contains("adal db migrate"))
        }
    }
}
