import AdalCore
import AdalDomain
import AdalStore
import Foundation
import PostgresNIO
import Testing

/// Every way in that changes data leaves its trace: each route and each CLI command that writes is
/// run once, and the audit log must have grown by it (counted in the database, as an auditor would).
@Suite("Every change is audited", .timeLimit(.minutes(6)))
struct AuditCoverageTests {
    static func auditCount(_ target: DatabaseTarget) async throws -> Int {
        Int(try await first(target, "SELECT count(*)::text FROM audit_entries")) ?? 0
    }

    /// The first column of the first row, as text ("" for none).
    static func first(_ target: DatabaseTarget, _ query: PostgresQuery) async throws -> String {
        try await Database.with(target, maximumConnections: 1, logger: TestDatabase.logger) { database in
            try await database.withConnection { connection in
                for try await value in try await connection.query(query, logger: TestDatabase.logger).decode(String.self) { return value }
                return ""
            }
        }
    }

    /// The actions of the entries added since `after` (an entry id), in order.
    static func actions(_ target: DatabaseTarget, after: Int) async throws -> [String] {
        try await Database.with(target, maximumConnections: 1, logger: TestDatabase.logger) { database in
            try await database.withConnection { connection in
                var actions: [String] = []
                let rows = try await connection.query("SELECT action FROM audit_entries ORDER BY id OFFSET \(after)",
                                                      logger: TestDatabase.logger)
                for try await action in rows.decode(String.self) { actions.append(action) }
                return actions
            }
        }
    }

    @Test("each route that changes data, run once, adds an audit entry")
    func everyWritingRoute() async throws {
        try await TestDatabase.withTarget { target in
            let (password, countryPassword) = try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                let accounts = StaffAccounts(context, bcryptCost: 4)
                let regional = try await accounts.add(
                    email: "admin@kar.example.kz", name: "Demo admin", role: .admin, officeCode: nil, regionCode: "KZ-35",
                    allRegions: false, actor: "test").password
                let national = try await accounts.add(email: "admin@kz.example.kz", name: "Country admin", role: .admin,
                                                      officeCode: nil, regionCode: "KZ", allRegions: false, actor: "test").password
                return (regional, national)
            }
            let (volunteer, council) = try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                let volunteer = try await Volunteers(context).list(regionCode: "KZ-35", status: nil, kind: nil, after: nil, limit: 1)
                let council = try await Directory(context).councils(regionCode: "KZ-35")
                return (volunteer.first!.id.uuidString, council.first!.code)
            }
            let server = try await APIServer(databaseURL: target.url(includingPassword: true))
            defer { server.stop() }

            let writer = RouteWriter(server: server, target: target)

            let login = try await writer.write("POST", "/v1/sessions", "/v1/sessions", token: nil,
                                        json: #"{"email": "admin@kar.example.kz", "password": "\#(password)"}"#)
            let token = try #require(login.json["token"] as? String)
            let wrong = try await Self.auditCount(target)
            _ = try await server.call("POST", "/v1/sessions", json: #"{"email": "admin@kar.example.kz", "password": "not the password"}"#)
            if try await Self.auditCount(target) <= wrong { writer.unaudited.append("POST /v1/sessions (a wrong password)") }

            _ = try await writer.write("POST", "/v1/volunteers", "/v1/volunteers", token: token,
                                json: APIAccessTests.volunteerBody(7))
            _ = try await writer.write("PATCH", "/v1/volunteers/{id}", "/v1/volunteers/\(volunteer)", token: token,
                                json: #"{"phone": "+77015550101"}"#, headers: ["If-Match": "*"])

            // An application through its workflow.
            let iin = (0...9).map { "9001013100" + "5" + String($0) }.first { (try? NationalID.parse($0, kind: .kzIIN)) != nil }!
            let application = try await writer.write("POST", "/v1/applications", "/v1/applications", token: token, json: """
                {"last_name": "Аудитов", "first_name": "Тест", "region": "KZ-35", "national_id": "\(iin)"}
                """)
            let applicationID = try #require(application.json["id"] as? String)
            _ = try await writer.write("POST", "/v1/applications/{id}/assign", "/v1/applications/\(applicationID)/assign", token: token,
                                json: #"{"reviewer": "admin@kar.example.kz"}"#)
            _ = try await writer.write("POST", "/v1/applications/{id}/extend", "/v1/applications/\(applicationID)/extend", token: token,
                                json: #"{"days": 5, "reason": "the applicant is abroad"}"#)
            for action in ["screen", "request-info", "screen", "accept"] {
                _ = try await writer.write("POST", "/v1/applications/{id}/\(action)", "/v1/applications/\(applicationID)/\(action)",
                                    token: token, json: action == "request-info" ? #"{"note": "a copy of the ID, please"}"#
                                        : action == "accept" ? #"{"areas": ["awareness"]}"# : "{}")
            }
            for action in ["reject", "withdraw"] {
                let other = try await server.call("POST", "/v1/applications", token: token,
                                                  json: #"{"last_name": "Аудитов", "first_name": "\#(action)", "region": "KZ-35"}"#)
                let id = try #require(other.json["id"] as? String)
                if action == "reject" {
                    _ = try await server.call("POST", "/v1/applications/\(id)/screen", token: token, json: "{}")
                }
                _ = try await writer.write("POST", "/v1/applications/{id}/\(action)", "/v1/applications/\(id)/\(action)", token: token,
                                    json: #"{"note": "not now"}"#)
            }
            _ = try await writer.write("POST", "/v1/applications/imports", "/v1/applications/imports", token: token,
                                body: Data(APIAccessTests.eOtinishExport.utf8), headers: ["Content-Type": "text/csv"])
            _ = try await writer.write("POST", "/v1/public/applications", "/v1/public/applications", token: nil, json: """
                {"last_name": "Ўринов", "first_name": "Азиз", "region": "KZ-35", "email": "aziz@example.uz", "consent": true}
                """)

            // A council meeting from planning to tasks.
            let event = try await writer.write("POST", "/v1/events", "/v1/events", token: token, json: """
                {"kind": "commission_meeting", "title": "Заседание", "venue": "Караганда", "region": "KZ-35", "office": "KAR",
                 "council": "\(council)", "starts": "2026-11-20T10:00"}
                """)
            let eventID = try #require(event.json["id"] as? String)
            let at = "/v1/events/\(eventID)"
            _ = try await writer.write("PATCH", "/v1/events/{id}", at, token: token, json: #"{"title": "Заседание комиссии"}"#)
            _ = try await writer.write("PUT", "/v1/events/{id}/reminder-hours", at + "/reminder-hours", token: token, json: #"{"hours": [48, 3]}"#)
            _ = try await writer.write("POST", "/v1/events/{id}/agenda", at + "/agenda", token: token, json: #"{"title": "О мониторинге"}"#)
            _ = try await writer.write("POST", "/v1/events/{id}/participants", at + "/participants", token: token,
                                json: #"{"name": "Аудитова Айгерім", "position": "эксперт", "role": "speaker"}"#)
            let person = try await Self.first(target, "SELECT person_id::text FROM participants WHERE event_id = \(UUID(uuidString: eventID)!)")
            _ = try await writer.write("POST", "/v1/events/{id}/responses", at + "/responses", token: token,
                                json: #"{"person": "\#(person)", "response": "registered"}"#)
            _ = try await writer.write("POST", "/v1/events/{id}/volunteers", at + "/volunteers", token: token,
                                json: #"{"volunteer": "\#(volunteer)", "role": "registration"}"#)
            _ = try await writer.write("POST", "/v1/events/{id}/hold", at + "/hold", token: token,
                                json: #"{"present": [], "without_quorum": true, "reason": "a test of the audit"}"#)
            _ = try await writer.write("POST", "/v1/events/{id}/attendance", at + "/attendance", token: token,
                                json: #"{"attended": ["\#(person)"]}"#)
            _ = try await writer.write("POST", "/v1/events/{id}/certificates", at + "/certificates", token: token)
            _ = try await writer.write("POST", "/v1/events/{id}/minutes", at + "/minutes", token: token)
            let page = try await server.call("GET", at + "/minutes.html?lang=ru", token: token)
            #expect(page.status == 200 && page.body.contains("<h1>Протокол</h1>"), "\(page.body.prefix(300))")
            let decision = try await writer.write("POST", "/v1/events/{id}/decisions", at + "/decisions", token: token,
                                           json: #"{"text": "Поручить провести мониторинг", "agenda_item": 1}"#)
            let decisionID = try #require(decision.json["id"] as? String)
            for verb in ["done", "cancel"] {
                let task = try await writer.write("POST", "/v1/decisions/{id}/tasks", "/v1/decisions/\(decisionID)/tasks", token: token,
                                           json: #"{"title": "Мониторинг \#(verb)", "organisation": "Управление", "due": "2099-01-15"}"#)
                let taskID = try #require(task.json["id"] as? String)
                if verb == "done" {
                    _ = try await writer.write("POST", "/v1/tasks/{id}/reports", "/v1/tasks/\(taskID)/reports", token: token,
                                        json: #"{"text": "Проверено 12 школ"}"#)
                }
                _ = try await writer.write("POST", "/v1/tasks/{id}/\(verb)", "/v1/tasks/\(taskID)/\(verb)", token: token)
            }
            _ = try await writer.write("POST", "/v1/councils/{code}/members", "/v1/councils/\(council)/members", token: token,
                                json: #"{"name": "Мүше Аудит", "role": "member", "reached_by_office": true}"#)
            let member = try await Self.first(target, """
                SELECT m.person_id::text FROM council_members m JOIN people p ON p.id = m.person_id WHERE p.full_name = 'Мүше Аудит'
                """)
            _ = try await writer.write("POST", "/v1/councils/{code}/end-term", "/v1/councils/\(council)/end-term", token: token,
                                json: #"{"person": "\#(member)"}"#)
            _ = try await writer.write("POST", "/v1/councils/{code}/quorum", "/v1/councils/\(council)/quorum", token: token,
                                json: #"{"fraction": 0.67}"#)
            let seminar = try await server.call("POST", "/v1/events", token: token, json: """
                {"kind": "seminar", "title": "Семинар", "venue": "Караганда", "region": "KZ-35", "starts": "2026-12-20T10:00"}
                """)
            let seminarID = try #require(seminar.json["id"] as? String)
            _ = try await writer.write("POST", "/v1/events/{id}/postpone", "/v1/events/\(seminarID)/postpone", token: token,
                                json: #"{"starts": "2026-12-22T11:00", "reason": "the hall is taken"}"#)
            _ = try await writer.write("POST", "/v1/events/{id}/cancel", "/v1/events/\(seminarID)/cancel", token: token,
                                json: #"{"reason": "the akimat asked"}"#)
            // Reference data: a regional admin names an office of their region; a country's admin adds to its plans.
            _ = try await writer.write("POST", "/v1/offices/{code}/aliases", "/v1/offices/KAR/aliases", token: token,
                                json: #"{"alias": "Превенция Караганды"}"#)
            let countryLogin = try await server.call("POST", "/v1/sessions",
                                                     json: #"{"email": "admin@kz.example.kz", "password": "\#(countryPassword)"}"#)
            let countryToken = try #require(countryLogin.json["token"] as? String)
            _ = try await writer.write("POST", "/v1/plans", "/v1/plans", token: countryToken, json: #"""
                {"code": "KZ-AUDIT-2026", "country": "KZ", "title": {"en": "Audit plan", "kk": "Аудит жоспары"},
                 "first_year": 2026, "last_year": 2027}
                """#)
            _ = try await writer.write("POST", "/v1/plans/{code}/items", "/v1/plans/KZ-AUDIT-2026/items", token: countryToken,
                                json: #"{"number": "1.1", "title": {"en": "Public hearings"}}"#)
            _ = try await writer.write("DELETE", "/v1/sessions/current", "/v1/sessions/current", token: token)

            #expect(writer.unaudited.isEmpty, "changed data without an audit entry: \(writer.unaudited)")
            // Every writing route the server has was run: none is left out of this test.
            let declared = try Self.writingRoutes()
            let missing = declared.subtracting(writer.routes.map(Self.normalised))
            #expect(missing.isEmpty, "writing routes this test does not run: \(missing.sorted())")
        }
    }

    @Test("each CLI command that changes data, run once, adds an audit entry")
    func everyWritingCommand() async throws {
        try await TestDatabase.withTarget(migrated: false) { target in try await Self.runEveryCommand(target) }
    }

    /// Every writing command, in an order that gives each what it needs.
    static func runEveryCommand(_ target: DatabaseTarget) async throws {
        let folder = NSTemporaryDirectory() + "adal-audit-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cli = CLI(databaseURL: target.url(includingPassword: true), home: folder + "/home",
                      environment: ["ADAL_BCRYPT_COST": "4"])
        let runner = CommandRunner(cli: cli, target: target)

        try await runner.run("db", "migrate")
        try await runner.run("db", "seed")
        try await runner.run("users", "bootstrap")
        try await runner.run("users", "add", "--email", "reg@kar.example.kz", "--name", "Registrar", "--role", "registrar",
                      "--region", "KZ-35")
        try await runner.run("users", "passwd", "reg@kar.example.kz")
        try await runner.run("users", "token", "reg@kar.example.kz", "--label", "integration")
        try await runner.run("users", "notify", "reg@kar.example.kz", "--language", "kk")
        try await runner.run("users", "disable", "reg@kar.example.kz")
        try await runner.run("users", "enable", "reg@kar.example.kz")
        try await runner.run("users", "role", "reg@kar.example.kz", "coordinator")
        try await runner.run("plans", "add", "KZ-AUDIT-2026", "--country", "KZ", "--title", "en=Audit plan",
                             "--first-year", "2026", "--last-year", "2027")
        try await runner.run("plans", "add-item", "KZ-AUDIT-2026", "1.1", "--title", "en=Public hearings")
        try await runner.run("offices", "add-alias", "KAR", "Превенция Караганды")

        let iin = (0...9).map { "9001013100" + "6" + String($0) }.first { (try? NationalID.parse($0, kind: .kzIIN)) != nil }!
        let volunteer = try Self.id(try await runner.run("volunteers", "add", "--format", "json", "--last-name", "Аудитов",
                                             "--first-name", "Тест", "--national-id", iin, "--country", "KZ", "--region", "KZ-35",
                                             "--areas", "awareness", "--consent", "v1"))

        try await runner.run("volunteers", "suspend", volunteer, "--reason", "a test of the audit")
        try await runner.run("volunteers", "reinstate", volunteer, "--reason", "the test goes on")
        try await runner.run("volunteers", "withdraw", volunteer, "--reason", "moved away")
        try await runner.run("volunteers", "reinstate", volunteer, "--reason", "came back")

        let export = folder + "/export.csv"
        try APIAccessTests.eOtinishExport.write(toFile: export, atomically: true, encoding: .utf8)
        try await runner.run("applications", "import", "eotinish", export)
        let mail = folder + "/mail.eml"
        try "From: Ilham Aliyev <ilham@example.az>\r\nTo: kar@prevention.kz\r\nSubject: Volunteer\r\nMessage-ID: <audit-1@example.az>\r\n\r\nI want to help.\r\n"
            .write(toFile: mail, atomically: true, encoding: .utf8)
        try await runner.run("applications", "import", "email", mail, "--office", "KAR")
        let iin2 = (0...9).map { "9001013100" + "7" + String($0) }.first { (try? NationalID.parse($0, kind: .kzIIN)) != nil }!
        let application = try Self.id(try await runner.run("applications", "add", "--format", "json", "--last-name", "Заявитель",
                                               "--first-name", "Тест", "--national-id", iin2, "--areas", "awareness",
                                               "--region", "KZ-35"))
        try await runner.run("applications", "assign", application, "--to", "admin@adal.local")
        try await runner.run("applications", "extend", application, "--days", "3", "--reason", "abroad")
        try await runner.run("applications", "screen", application)
        try await runner.run("applications", "request-info", application, "--note", "a copy, please")
        try await runner.run("applications", "screen", application)
        try await runner.run("applications", "accept", application)
        for verb in ["reject", "withdraw"] {
            let other = try Self.id(try await runner.run("applications", "add", "--format", "json", "--last-name", "Заявитель",
                                             "--first-name", verb, "--region", "KZ-35"))
            if verb == "reject" { try await runner.run("applications", "screen", other) }
            try await runner.run("applications", verb, other, "--reason", "not now")
        }

        let council = "KAR-COMM"
        let event = try Self.id(try await runner.run("events", "add", "--format", "json", "--kind", "commission_meeting",
                                         "--title", "Заседание", "--venue", "Караганда", "--region", "KZ-35", "--office", "KAR",
                                         "--council", council, "--starts", "2026-11-20T10:00"))
        try await runner.run("events", "update", event, "--title", "Заседание комиссии")
        try await runner.run("events", "reminder-hours", event, "48,3")
        try await runner.run("events", "agenda", event, "--add", "О мониторинге")
        try await runner.run("events", "invite", event, "--name", "Аудитова Айгерім", "--position", "эксперт", "--role", "speaker")
        let person = try await Self.first(target, "SELECT person_id::text FROM participants WHERE event_id = \(UUID(uuidString: event)!)")
        try await runner.run("events", "respond", event, "--person", person, "--response", "registered")
        try await runner.run("events", "assign-volunteer", event, "--volunteer", volunteer, "--role", "registration")
        try await runner.run("events", "hold", event, "--without-quorum", "--reason", "a test of the audit")
        try await runner.run("events", "attendance", event, "--attended", person)
        try await runner.run("events", "certificates", event)
        try await runner.run("events", "decide", event, "--item", "1", "--text", "Поручить провести мониторинг")
        try await runner.run("events", "minutes", event, "--send", "--out", folder + "/minutes.html")
        let decision = try await Self.first(target, "SELECT id::text FROM decisions WHERE event_id = \(UUID(uuidString: event)!)")
        for verb in ["done", "cancel"] {
            let task = try Self.id(try await runner.run("tasks", "add", "--format", "json", "--decision", decision, "--title", "Мониторинг",
                                            "--organisation", "Управление", "--due", "2099-01-15"))
            if verb == "done" { try await runner.run("tasks", "report", task, "--text", "Проверено 12 школ") }
            try await runner.run("tasks", verb, task)
        }
        try await runner.run("councils", "add-member", council, "--name", "Мүше Аудит", "--role", "member", "--email", "member@kar.example.kz")
        let member = try await Self.first(target, "SELECT m.person_id::text FROM council_members m JOIN people p ON p.id = m.person_id WHERE p.full_name = 'Мүше Аудит'")
        try await runner.run("councils", "end-term", council, "--person", member)
        try await runner.run("councils", "set-quorum", council, "--fraction", "0.67")
        let seminar = try Self.id(try await runner.run("events", "add", "--format", "json", "--kind", "seminar", "--title", "Семинар",
                                           "--venue", "Караганда", "--region", "KZ-35", "--starts", "2026-12-20T10:00"))
        try await runner.run("events", "postpone", seminar, "--starts", "2026-12-22T11:00", "--reason", "the hall is taken")
        // An invitee with an address: the cancellation queues a message for the reminder commands below.
        _ = try await cli.run("events", "invite", seminar, "--name", "Қатысушы Бір", "--position", "студент",
                              "--email", "one@example.kz")
        try await runner.run("events", "cancel", seminar, "--reason", "the akimat asked")

        try await runner.run("reminders", "plan")
        try await runner.run("reminders", "offsets", "seminar", "in_person", "48,3")
        let job = try await Self.first(target, "SELECT id::text FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1")
        try #require(!job.isEmpty, "the cancellation queued no message to cancel and retry")
        try await runner.run("reminders", "cancel", job)
        try await runner.run("reminders", "retry", job)

        try await runner.run("db", "backup", "--out", folder + "/backup.dump")
        try await runner.run("db", "restore", folder + "/backup.dump", "--replace")
        try await runner.run("dev", "generate", "--people", "20", "--force")

        #expect(runner.unaudited.isEmpty, "commands that changed data without an audit entry: \(runner.unaudited)")
        #expect(runner.commands.count >= 40, "\(runner.commands.count) commands run: \(runner.commands.sorted())")
    }

    static func id(_ json: [String: Any]) throws -> String { try #require(json["id"] as? String, "\(json)") }

    /// `METHOD /path` of every route the API's sources declare that is not a GET, with each path
    /// parameter written `{}` and the application actions and task verbs as the server spells them.
    static func writingRoutes() throws -> Set<String> {
        let folder = TestDatabase.packageRoot.appendingPathComponent("Sources/AdalAPI")
        let expression = try NSRegularExpression(pattern: #"router\.(post|put|patch|delete)\("([^"]+)""#)
        var routes = Set<String>()
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for match in expression.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let method = String(text[Range(match.range(at: 1), in: text)!]).uppercased()
                let path = String(text[Range(match.range(at: 2), in: text)!])
                if path.contains(#"\(action.rawValue)"#) {
                    for action in ApplicationAction.allCases { routes.insert(normalised("\(method) \(path.replacingOccurrences(of: #"\(action.rawValue)"#, with: action.rawValue))")) }
                } else if path.contains(#"\(verb)"#) {
                    for verb in ["done", "cancel"] { routes.insert(normalised("\(method) \(path.replacingOccurrences(of: #"\(verb)"#, with: verb))")) }
                } else {
                    routes.insert(normalised("\(method) \(path)"))
                }
            }
        }
        return routes
    }

    static func normalised(_ route: String) -> String {
        route.replacingOccurrences(of: #"\{[a-z_]+\}"#, with: "{}", options: .regularExpression)
    }
}

/// Sends requests that must succeed and notes each route whose request added no audit entry.
final class RouteWriter: @unchecked Sendable {
    let server: APIServer
    let target: DatabaseTarget
    var unaudited: [String] = []
    var routes = Set<String>()

    init(server: APIServer, target: DatabaseTarget) {
        self.server = server
        self.target = target
    }

    func write(_ method: String, _ template: String, _ path: String, token: String?, json: String? = nil,
               body: Data? = nil, headers: [String: String] = [:]) async throws -> APIServer.Reply {
        let before = try await AuditCoverageTests.auditCount(target)
        let reply = try await server.call(method, path, token: token, json: json, body: body, headers: headers)
        routes.insert("\(method) \(template)")
        #expect((200..<300).contains(reply.status), "\(method) \(path): \(reply.status) \(reply.body.prefix(300))")
        if try await AuditCoverageTests.auditCount(target) <= before { unaudited.append("\(method) \(template)") }
        return reply
    }
}

/// Runs CLI commands that must succeed and notes each one that added no audit entry.
final class CommandRunner: @unchecked Sendable {
    let cli: CLI
    let target: DatabaseTarget
    var unaudited: [String] = []
    var commands = Set<String>()

    init(cli: CLI, target: DatabaseTarget) {
        self.cli = cli
        self.target = target
    }

    /// The command's JSON, when it printed one.
    @discardableResult
    func run(_ arguments: String...) async throws -> [String: Any] {
        let before = (try? await AuditCoverageTests.auditCount(target)) ?? 0
        let result = try await cli.run(arguments)
        let name = arguments.prefix { !$0.hasPrefix("-") && UUID(uuidString: $0) == nil && !$0.contains("/") && !$0.contains("@") }
            .prefix(2).joined(separator: " ")
        commands.insert(name)
        #expect(result.status == 0, "adal \(arguments.joined(separator: " ")): \(result.stderr)")
        // A restore replaces the log with the backup's, then adds its own entry: it is the newest.
        if name == "db restore" {
            if try await AuditCoverageTests.actions(target, after: 0).last != "database.restore" { unaudited.append(name) }
        } else if try await AuditCoverageTests.auditCount(target) <= before {
            unaudited.append(name)
        }
        return (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]) ?? [:]
    }
}
