import AdalCore
import AdalDomain
import AdalStore
import Crypto
import Foundation
import PostgresNIO
import Testing

/// What a client relies on beyond access: problem documents, limits, idempotent creation, the
/// public form, request IDs, logs and metrics.
@Suite("API contract", .timeLimit(.minutes(5)))
struct APIContractTests {
    /// A seeded database with a Karaganda registrar, and the server on it.
    static func withServer(environment: [String: String] = [:], binary: Bool = false,
                           _ body: @Sendable (APIServer, String, DatabaseTarget) async throws -> Void) async throws {
        try await TestDatabase.withTarget { target in
            let password = try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                return try await StaffAccounts(context, bcryptCost: 4).add(
                    email: "registrar@kar.example.kz", name: "Тіркеуші", role: .registrar, officeCode: "KAR", regionCode: nil,
                    allRegions: false, actor: "test").password
            }
            let server = try await APIServer(databaseURL: target.url(includingPassword: true), environment: environment,
                                             binary: binary)
            defer { server.stop() }
            try await body(server, try await server.login("registrar@kar.example.kz", password), target)
        }
    }

    static let volunteer = #"{"last_name": "Қалымбет", "first_name": "Мөлдір", "national_id": "880101400017", "region": "KZ-35", "kind": "individual", "areas": ["awareness"], "language": "kk", "consent_version": "v1", "phone": "+7 701 555 0199", "email": "moldir@example.kz"}"#

    @Test("errors are problem documents: malformed JSON says where, big bodies 413, wrong type 415, unknown and mistyped fields 422")
    func problems() async throws {
        try await Self.withServer { server, token, _ in
            let malformed = try await server.call("POST", "/v1/volunteers", token: token, json: "{\n  \"last_name\": \"A\",\n  \"areas\": [1,, 2]\n}")
            #expect(malformed.status == 400)
            #expect(malformed.header("Content-Type") == "application/problem+json")
            #expect((malformed.json["detail"] as? String)?.contains("line 3, column 15") == true, "\(malformed.body)")

            let big = try await server.call("POST", "/v1/volunteers", token: token,
                                            json: #"{"last_name": ""# + String(repeating: "x", count: 1_100_000) + #""}"#)
            #expect(big.status == 413)

            let plain = try await server.call("POST", "/v1/volunteers", token: token, body: Data("{}".utf8),
                                              headers: ["Content-Type": "text/plain"])
            #expect(plain.status == 415)

            let unknown = try await server.call("POST", "/v1/volunteers", token: token,
                                                json: #"{"last_name": "A", "nickname": "B", "areas": "awareness"}"#)
            #expect(unknown.status == 422)
            #expect(unknown.body.contains(#""field":"nickname""#))
            let mistyped = try await server.call("POST", "/v1/volunteers", token: token,
                                                 json: #"{"last_name": "A", "first_name": 7, "areas": "awareness"}"#)
            #expect(mistyped.status == 422)
            let errors = mistyped.json["errors"] as? [[String: String]] ?? []
            #expect(errors.contains(["field": "first_name", "reason": "must be a string"]))
            #expect(errors.contains(["field": "areas", "reason": "must be an array of strings"]))

            // Bytes that are not UTF-8, in a body's field and in a query parameter: refused naming it.
            let notText = Data(#"{"last_name": "A"#.utf8) + Data([0xFF, 0xFE]) + Data(#"", "first_name": "B"}"#.utf8)
            let notUTF8 = try await server.call("POST", "/v1/volunteers", token: token, body: notText,
                                                headers: ["Content-Type": "application/json"])
            #expect(notUTF8.status == 400)
            #expect((notUTF8.json["errors"] as? [[String: String]]) == [["field": "last_name", "reason": "holds bytes that are not UTF-8"]],
                    "\(notUTF8.body)")
            let notUTF8Query = try await server.call("GET", "/v1/volunteers?q=%FF%FEab", token: token)
            #expect(notUTF8Query.status == 422)
            #expect(notUTF8Query.body.contains(#""field":"q""#), "\(notUTF8Query.body)")
            let longQuery = try await server.call("GET", "/v1/volunteers?q=" + String(repeating: "a", count: 1_001), token: token)
            #expect(longQuery.status == 422 && longQuery.body.contains(#""field":"q""#))

            let badQuery = try await server.call("GET", "/v1/volunteers?limit=5000&status=sleeping&colour=red", token: token)
            #expect(badQuery.status == 422)
            let unmatched = try await server.call("GET", "/v1/no-such-thing", token: token)
            #expect(unmatched.status == 404 && unmatched.header("Content-Type") == "application/problem+json")
        }
    }

    @Test("a retried POST with the same Idempotency-Key gets the first response; another body 422; an earlier version's running claim 409; racing retries wait for the first's answer")
    func idempotency() async throws {
        try await Self.withServer { server, token, target in
            let body = #"{"last_name": "Заявитель", "first_name": "Бір", "region": "KZ-35"}"#
            let first = try await server.call("POST", "/v1/applications", token: token, json: body, headers: ["Idempotency-Key": "form-17"])
            let again = try await server.call("POST", "/v1/applications", token: token, json: body, headers: ["Idempotency-Key": "form-17"])
            #expect(first.status == 201)
            #expect(again.status == 201)
            #expect(again.header("Location") == first.header("Location"))
            #expect(again.json["id"] as? String == first.json["id"] as? String)
            #expect(again.header("Idempotent-Replayed") == "true")
            let list = try await server.call("GET", "/v1/applications?limit=200", token: token)
            #expect(list.items.filter { ($0["full_name"] as? String)?.hasPrefix("Заявитель Бір") == true }.count == 1)

            let other = try await server.call("POST", "/v1/applications", token: token,
                                              json: #"{"last_name": "Заявитель", "first_name": "Екі", "region": "KZ-35"}"#,
                                              headers: ["Idempotency-Key": "form-17"])
            #expect(other.status == 422)

            // What is kept for the retry is sealed: the applicant's name is nowhere in the row.
            let kept = try await Database.with(target, logger: TestDatabase.logger) { database in
                try await database.withConnection { connection in
                    try await connection.query("""
                        SELECT response_body IS NULL, coalesce(sealed_body, ''::bytea), response_status
                        FROM idempotency_keys WHERE key = 'form-17'
                        """, logger: TestDatabase.logger).collect().map { try $0.decode((Bool, ByteBuffer, Int).self) }
                }
            }
            #expect(kept.count == 1)
            if let (clearIsGone, sealed, status) = kept.first {
                #expect(clearIsGone && status == 201)
                #expect(sealed.readableBytes > 16)
                #expect(!String(decoding: Array(buffer: sealed), as: UTF8.self).contains("Заявитель"))
            }

            // A first request still being answered (its claim is in the table, with no response yet).
            let pending = #"{"last_name": "Заявитель", "first_name": "Үш", "region": "KZ-35"}"#
            let hash = Array(SHA256.hash(data: Data("POST /v1/applications\n\(pending)".utf8)))
            try await Database.with(target, logger: TestDatabase.logger) { database in
                try await database.withConnection { connection in
                    _ = try await connection.query("""
                        INSERT INTO idempotency_keys (owner, key, request_hash, state)
                        VALUES ('staff:registrar@kar.example.kz', 'form-18', \(ByteBuffer(bytes: hash)), 'running')
                        """, logger: TestDatabase.logger).collect()
                }
            }
            let running = try await server.call("POST", "/v1/applications", token: token, json: pending,
                                                headers: ["Idempotency-Key": "form-18"])
            #expect(running.status == 409, "\(running.body)")

            // Retries racing the first: each waits for the first's answer; one record, one performed.
            let racing = #"{"last_name": "Заявитель", "first_name": "Төрт", "region": "KZ-35"}"#
            let answers = try await withThrowingTaskGroup(of: APIServer.Reply.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        // As a client would: a 503 (a wait past ADAL_DB_TIMEOUT on a loaded machine)
                        // says to try again after Retry-After, with the same key.
                        let send = { try await server.call("POST", "/v1/applications", token: token, json: racing,
                                                           headers: ["Idempotency-Key": "form-19"]) }
                        var reply = try await send()
                        for _ in 0..<5 where reply.status == 503 {
                            try await Task.sleep(for: .seconds(Int(reply.header("Retry-After") ?? "") ?? 2))
                            reply = try await send()
                        }
                        return reply
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.allSatisfy { $0.status == 201 }, "\(answers.map(\.status))")
            #expect(Set(answers.compactMap { $0.json["id"] as? String }).count == 1)
            #expect(answers.filter { $0.header("Idempotent-Replayed") == nil }.count == 1)
            let listed = try await server.call("GET", "/v1/applications?limit=200", token: token)
            #expect(listed.items.filter { ($0["full_name"] as? String)?.hasPrefix("Заявитель Төрт") == true }.count == 1)
        }
    }

    @Test("a statement past ADAL_DB_TIMEOUT is given up: 503 with Retry-After, naming the database; the next request is answered")
    func databaseTimeout() async throws {
        try await Self.withServer(environment: ["ADAL_DB_TIMEOUT": "1"]) { server, token, target in
            try await Database.with(target, maximumConnections: 1, logger: TestDatabase.logger) { owner in
                try await owner.transaction { connection in
                    // Every read of volunteers waits behind this lock, past the API's deadline.
                    _ = try await connection.query("LOCK TABLE volunteers IN ACCESS EXCLUSIVE MODE", logger: TestDatabase.logger).collect()
                    let waited = try await server.call("GET", "/v1/volunteers", token: token)
                    #expect(waited.status == 503, "\(waited.body)")
                    #expect(waited.header("Retry-After") == "2")
                    #expect(waited.body.contains("database"))
                }
            }
            let after = try await server.call("GET", "/v1/volunteers", token: token)
            #expect(after.status == 200)
        }
    }

    @Test("the public form needs consent, answers with a receipt only, and limits each address")
    func publicApplications() async throws {
        try await Self.withServer(environment: ["ADAL_PUBLIC_RATE": "2"]) { server, token, _ in
            let form = #"{"last_name": "Ўринов", "first_name": "Азиз", "region": "KZ-35", "email": "aziz@example.uz", "phone": "+7 701 555 0100""#
            let noConsent = try await server.call("POST", "/v1/public/applications", json: form + "}")
            #expect(noConsent.status == 422)
            #expect(noConsent.body.contains(#""field":"consent""#))
            let sent = try await server.call("POST", "/v1/public/applications", json: form + #", "consent": true}"#)
            #expect(sent.status == 201, "\(sent.body)")
            #expect(Set(sent.json.keys) == ["reference", "received_at", "due_on"])
            #expect((sent.json["reference"] as? String)?.hasPrefix("web-") == true)
            let limited = try await server.call("POST", "/v1/public/applications", json: form + #", "consent": true}"#)
            #expect(limited.status == 429)
            #expect(Int(limited.header("Retry-After") ?? "") ?? 0 > 0)
            let stored = try await server.call("GET", "/v1/applications?limit=200", token: token)
            #expect(stored.items.contains { $0["channel"] as? String == "web" && $0["full_name"] as? String == "Ўринов Азиз" })
        }
    }

    @Test("one JSON log line per request with its request ID, and no personal data in any log; metrics count requests")
    func logsAndMetrics() async throws {
        try await Self.withServer { server, token, _ in
            let created = try await server.call("POST", "/v1/volunteers", token: token, json: Self.volunteer,
                                                headers: ["X-Request-ID": "trace-abc-123"])
            #expect(created.status == 201, "\(created.body)")
            #expect(created.header("X-Request-ID") == "trace-abc-123")
            let id = try #require(created.json["id"] as? String)
            _ = try await server.call("GET", "/v1/volunteers/\(id)", token: token)
            _ = try await server.call("GET", "/v1/volunteers?q=Қалымбет", token: token)
            _ = try await server.call("POST", "/v1/volunteers", token: token, json: Self.volunteer)  // 409: already one
            _ = try await server.call("POST", "/v1/sessions", json: #"{"email": "registrar@kar.example.kz", "password": "a wrong secret"}"#)
            let generated = try await server.call("GET", "/health")
            #expect(UUID(uuidString: generated.header("X-Request-ID") ?? "") != nil)

            let metrics = try await server.call("GET", "/metrics")
            #expect(metrics.body.contains(#"adal_http_requests_total{method="POST",route="/v1/volunteers",status="201"} 1"#))
            #expect(metrics.body.contains(#"adal_http_requests_total{method="POST",route="/v1/volunteers",status="409"} 1"#))
            #expect(metrics.body.contains(#"adal_http_request_duration_seconds_count{method="GET",route="/v1/volunteers/{id}"} 1"#))
            #expect(metrics.body.contains("adal_db_pool_connections_max 10"))

            server.stop()
            let lines = server.output.split(separator: "\n")
            let requests = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            #expect(requests.count == lines.count, "every line of standard output is JSON")
            #expect(requests.contains { $0["request_id"] as? String == "trace-abc-123" && $0["status"] as? Int == 201 })
            #expect(requests.contains { $0["route"] as? String == "/v1/volunteers/{id}" })
            let logs = server.output + server.errors
            for secret in ["880101400017", "7015550199", "moldir@example.kz", "a wrong secret", "Қалымбет", token] {
                #expect(!logs.contains(secret), "a log holds \(secret)")
            }
        }
    }

    @Test("eOtinish exports upload over HTTP; records of other regions are refused; uploads over the limit 413")
    func upload() async throws {
        try await Self.withServer(environment: ["ADAL_UPLOAD_LIMIT": "4096"]) { server, token, _ in
            let csv = """
                reg_number,registered_at,appeal_type,applicant_iin,applicant_last_name,applicant_first_name,applicant_middle_name,applicant_phone,applicant_email,applicant_address,organisation,region,recipient,subject,text,attachments
                ЖТ-2026-00001,2026-11-02 10:15,application,880101400017,Қалымбет,Мөлдір,,,,,,KZ-35,KAR,Волонтер,Хочу помочь,
                ЖТ-2026-00002,2026-11-02 11:15,application,,Ержанов,Нұрлан,,,,,,KZ-43,,Волонтер,Хочу помочь,

                """
            let reply = try await server.call("POST", "/v1/applications/imports", token: token, body: Data(csv.utf8),
                                              headers: ["Content-Type": "text/csv"])
            #expect(reply.status == 200, "\(reply.body)")
            #expect(reply.json["new"] as? Int == 1)
            #expect(reply.json["rejected"] as? Int == 1)
            #expect(reply.body.contains("outside the regions you work in"))
            let again = try await server.call("POST", "/v1/applications/imports", token: token, body: Data(csv.utf8),
                                              headers: ["Content-Type": "text/csv"])
            #expect(again.json["new"] as? Int == 0 && again.json["already_present"] as? Int == 1)
            let big = try await server.call("POST", "/v1/applications/imports", token: token,
                                            body: Data((csv + String(repeating: "x", count: 5000)).utf8),
                                            headers: ["Content-Type": "text/csv"])
            #expect(big.status == 413)
            let wrong = try await server.call("POST", "/v1/applications/imports", token: token, body: Data(csv.utf8),
                                              headers: ["Content-Type": "application/pdf"])
            #expect(wrong.status == 415)
        }
    }

    @Test("SIGTERM lets a request in flight finish, then the server exits cleanly")
    func gracefulStop() async throws {
        try await Self.withServer(binary: true) { server, token, target in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("adal-stop-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: file) }
            let generator = Process()
            generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            // 1,500 records: in flight when SIGTERM comes, and done within the 10 s a stopping server grants
            // even on a 2-core machine busy with the other suites (5,000 in a debug build were not).
            generator.arguments = ["python3", TestDatabase.packageRoot.appendingPathComponent("Benchmarks/generate-eotinish.py").path,
                                   "1500", file.path]
            try generator.run()
            try await offload { generator.waitUntilExit() }
            // curl sends it at once: Foundation's URLSession queues a request behind the other tests' many.
            let base = server.base.absoluteString
            let upload = Task {
                try await offload { () throws -> APIServer.Reply in
                    let curl = Process(), output = Pipe()
                    curl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                    curl.arguments = ["curl", "-sS", "-o", "-", "-w", "\n%{http_code}", "-H", "Authorization: Bearer \(token)",
                                      "-H", "Content-Type: text/csv", "--data-binary", "@\(file.path)",
                                      base + "/v1/applications/imports"]
                    curl.standardOutput = output
                    try curl.run()
                    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                    curl.waitUntilExit()
                    let status = Int(text.split(separator: "\n").last ?? "") ?? 0
                    return APIServer.Reply(status: status, headers: [:], body: String(text.dropLast(String(status).count + 1)))
                }
            }
            // Wait until the upload is being handled (its import run is recorded), then stop the server;
            // a fixed pause was not enough on a busy machine, where the request had not arrived yet.
            try await Database.with(target, maximumConnections: 1, logger: TestDatabase.logger) { database in
                // However busy the machine: up to two minutes (other suites run meanwhile).
                let deadline = ContinuousClock.now + .seconds(120)
                while ContinuousClock.now < deadline {
                    let runs = try await database.withConnection { connection in
                        try await connection.query("SELECT count(*)::int FROM import_runs", logger: TestDatabase.logger)
                            .collect()[0].decode(Int.self)
                    }
                    if runs > 0 { break }
                    try await Task.sleep(for: .milliseconds(25))
                }
            }
            let alive = server.process.isRunning
            kill(server.process.processIdentifier, SIGTERM)
            let reply: APIServer.Reply
            do {
                reply = try await upload.value
            } catch {
                Issue.record("the upload failed (server running before SIGTERM: \(alive)): \(error)\n\(server.errors)")
                return
            }
            try await offload { server.process.waitUntilExit() }
            #expect(reply.status == 200, "\(reply.body.prefix(300)) — the server's log: \(server.errors.suffix(2000)) — access log: \(server.output.suffix(800))")
            #expect((reply.json["new"] as? Int ?? 0) + (reply.json["rejected"] as? Int ?? 0) == 1500)
            #expect(server.process.terminationStatus == 0)
        }
    }

    @Test("adal serve refuses to connect as a role row-level security does not bind")
    func refusesPrivilegedRole() async throws {
        try await TestDatabase.withTarget { target in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["serve"]
            var environment = ProcessInfo.processInfo.environment
            environment["DATABASE_URL"] = target.url(includingPassword: true)
            environment["ADAL_API_DATABASE_URL"] = target.url(includingPassword: true)
            environment["ADAL_HTTP_PORT"] = String(try EmbeddedCluster.freePort())
            environment["ADAL_MIGRATIONS_DIR"] = TestDatabase.migrationsDirectory
            process.environment = environment
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            try await offload { process.waitUntilExit() }
            #expect(process.terminationStatus == 1)
            #expect(output.contains("is a superuser"), "\(output)")
        }
    }
}
