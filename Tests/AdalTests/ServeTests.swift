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

    func start(databaseURL: String, port: Int) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["serve"]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = databaseURL
        environment["ADAL_HTTP_PORT"] = String(port)
        environment["ADAL_MIGRATIONS_DIR"] = TestDatabase.migrationsDirectory
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

    @Test("refuses to start while migrations are pending, saying how to fix it")
    func pendingMigrations() async throws {
        try await TestDatabase.withTarget(migrated: false) { target in
            let (process, errors) = try start(databaseURL: target.url(includingPassword: true), port: try EmbeddedCluster.freePort())
            let output = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 1)
            #expect(String(decoding: output, as: UTF8.self).contains("adal db migrate"))
        }
    }
}
