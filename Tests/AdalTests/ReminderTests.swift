import AdalCore
import AdalDomain
import AdalStore
import Foundation
import PostgresNIO
import Testing

/// A real SMTP server (aiosmtpd) that keeps every message it accepts in a folder.
final class SMTPSink: @unchecked Sendable {
    private(set) var process = Process()
    private(set) var port = 0
    let folder: URL

    /// Starts the sink on a free port; tests run in parallel, so a port found free may be taken
    /// before the sink binds it: then it tries another.
    init(refusing code: Int? = nil, refusingRecipient: String? = nil, pipelining: Bool = true,
         tls: (certificate: String, key: String)? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("adal-mail-\(UUID().uuidString)")
        for _ in 0..<5 {
            port = try EmbeddedCluster.freePort()
            process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            var arguments = ["python3", TestDatabase.packageRoot.appendingPathComponent("Tests/AdalTests/Support/smtp-sink.py").path,
                             String(port), folder.path]
            if let code { arguments += ["--refuse", String(code)] }
            if let refusingRecipient { arguments += ["--refuse-recipient", refusingRecipient] }
            if !pipelining { arguments.append("--no-pipelining") }
            if let tls { arguments += ["--tls", tls.certificate, tls.key] }
            process.arguments = arguments
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            if String(decoding: output.fileHandleForReading.availableData, as: UTF8.self).contains("ready") { return }
            process.waitUntilExit()
        }
        throw ClusterError("the SMTP sink did not start")
    }

    var url: String { "smtp://adal:secret@127.0.0.1:\(port)" }

    /// What arrived, read by Python's email and icalendar.
    func messages() async throws -> [[String: Any]] {
        try await offload {
            let reader = Process()
            reader.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            reader.arguments = ["python3", TestDatabase.packageRoot.appendingPathComponent("Tests/AdalTests/Support/read-mail.py").path,
                                self.folder.path]
            let output = Pipe()
            reader.standardOutput = output
            try reader.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            reader.waitUntilExit()
            return try String(decoding: data, as: UTF8.self).split(separator: "\n").map {
                try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
            }
        }
    }

    func messageIDs() throws -> [String] {
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "eml" }
        return try files.compactMap { file in
            let text = try String(contentsOf: file, encoding: .utf8)
            return text.split(separator: "\r\n").first { $0.hasPrefix("Message-ID:") }.map(String.init)
        }
    }

    func stop() {
        terminate(process)
        try? FileManager.default.removeItem(at: folder)
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
}

@Suite("Reminders over SMTP", .timeLimit(.minutes(5)))
struct ReminderTests {
    /// The wall-clock time `yyyy-MM-ddTHH:mm` in `zone` of an instant `minutes` from now.
    static func localTime(inMinutes minutes: Double, zone: String) -> String {
        LocalTime.format(Date().addingTimeInterval(minutes * 60), zone: zone).replacingOccurrences(of: " ", with: "T")
    }

    /// A seeded database with an online event 100 minutes ahead and `participants` invited people
    /// with e-mail addresses: each has one reminder (2 hours before) due now.
    static func onlineEvent(in target: DatabaseTarget, participants: Int, language: String) async throws {
        try await Database.with(target, logger: TestDatabase.logger) { database in
            let context = AdalContext(database: database)
            _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
            let zone = try await Directory(context).regions(country: .kz).first { $0.code == "KZ-35" }!.timeZone
            let event = try await Meetings(context).schedule(.init(
                kind: "videoconference", format: "online", title: "Вебинар", link: "https://meet.example.kz/w",
                regionCode: "KZ-35", officeCode: "KAR", starts: localTime(inMinutes: 100, zone: zone)), actor: "test")
            try await database.withConnection { connection in
                _ = try await connection.query("""
                    WITH added AS (
                        INSERT INTO people (region_id, full_name, search_key, email, language)
                        SELECT e.region_id, 'Қатысушы ' || n, 'qatysushy ' || n, 'p' || n || '@example.kz', \(language)
                        FROM events e, generate_series(1, \(participants)) AS n WHERE e.id = \(event.id)
                        RETURNING id, region_id)
                    INSERT INTO participants (event_id, person_id, region_id, role)
                    SELECT \(event.id), id, region_id, 'participant' FROM added
                    """, logger: TestDatabase.logger).collect()
            }
        }
    }

    static func query(_ target: DatabaseTarget, _ sql: String) async throws -> [PostgresRow] {
        try await Database.with(target, maximumConnections: 1, logger: TestDatabase.logger) { database in
            try await database.withConnection { connection in
                try await connection.query(PostgresQuery(unsafeSQL: sql), logger: TestDatabase.logger).collect()
            }
        }
    }

    @Test("an online meeting's reminders arrive in each participant's language with the calendar; a cancellation follows; nothing twice")
    func remindersArrive() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        try await TestDatabase.withTarget { target in
            let eventID = try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                let meetings = Meetings(context)
                let zone = try await Directory(context).regions(country: .kz).first { $0.code == "KZ-35" }!.timeZone
                let event = try await meetings.schedule(.init(
                    kind: "videoconference", format: "online", title: "Сыбайлас жемқорлыққа қарсы онлайн-кездесу",
                    link: "https://meet.example.kz/kar", regionCode: "KZ-35", officeCode: "KAR",
                    starts: Self.localTime(inMinutes: 110, zone: zone)), actor: "test")
                for (name, language, address) in [("Қалымбетова Айгерім", "kk", "aigerim@example.kz"),
                                                  ("Əliyev Rəşad", "az", "rashad@example.az")] {
                    _ = try await meetings.invite(event.id.uuidString, person: .new(NewPersonForm(name: name, email: address,
                                                                                                  language: language)),
                                                  role: "participant", actor: "test")
                }
                return event.id
            }
            let cli = CLI(databaseURL: target.url(includingPassword: true), home: NSTemporaryDirectory() + "adal-\(UUID().uuidString)",
                          environment: ["ADAL_SMTP_URL": sink.url, "ADAL_MAIL_FROM": "reminders@kar.example.kz"])
            let run = try await cli.run("worker", "--until-idle")
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("sent 4"), "each an invitation and a reminder: \(run.stdout)")
            let all = try await sink.messages()
            #expect(all.count == 4)
            func isInvitation(_ message: [String: Any]) -> Bool {
                let subject = message["subject"] as? String ?? ""
                return subject.hasPrefix("Шақыру:") || subject.hasPrefix("Dəvət:")
            }
            let invitations = all.filter(isInvitation)
            #expect(invitations.count == 2 && invitations.allSatisfy { $0["ics_method"] as? String == "REQUEST" && $0["ics_sequence"] as? Int == 0 })
            let messages = all.filter { !isInvitation($0) }
            #expect(messages.count == 2)
            let startsAt = try #require(try await Self.query(target, "SELECT to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') FROM events WHERE id = '\(eventID.uuidString)'").first?.decode(String.self))
            let kazakh = try #require(messages.first { ($0["to"] as? String)?.contains("aigerim@example.kz") == true })
            #expect((kazakh["subject"] as? String)?.hasPrefix("Еске салу: Сыбайлас жемқорлыққа қарсы онлайн-кездесу") == true, "\(kazakh)")
            #expect((kazakh["text"] as? String)?.contains("Құрметті Қалымбетова Айгерім") == true)
            #expect(kazakh["language"] as? String == "kk" && kazakh["html"] as? Bool == true)
            #expect(kazakh["ics_method"] as? String == "REQUEST")
            #expect(kazakh["ics_start_utc"] as? String == startsAt + "+00:00")
            let azerbaijani = try #require(messages.first { ($0["to"] as? String)?.contains("rashad@example.az") == true })
            #expect((azerbaijani["subject"] as? String)?.hasPrefix("Xatırlatma:") == true)
            #expect((azerbaijani["text"] as? String)?.contains("Hörmətli Əliyev Rəşad") == true)

            // Planning and working again sends nothing more.
            let again = try await cli.run("worker", "--until-idle")
            #expect(again.stdout.contains("sent 0"), "\(again.stdout)")
            #expect(try await sink.messages().count == 4)

            // Cancelling enqueues a cancellation to each; the calendar says CANCEL with a higher SEQUENCE.
            _ = try await Database.with(target, logger: TestDatabase.logger) { database in
                try await Meetings(AdalContext(database: database)).cancel(eventID.uuidString, reason: "the hall is closed", actor: "test")
            }
            _ = try await cli.run("worker", "--until-idle")
            let cancellations = try await sink.messages().filter { $0["ics_method"] as? String == "CANCEL" }
            #expect(cancellations.count == 2)
            #expect(cancellations.allSatisfy { $0["ics_sequence"] as? Int == 1 })
            #expect(cancellations.contains { ($0["subject"] as? String)?.hasPrefix("Іс-шара болмайды") == true })
            let ids = try sink.messageIDs()
            #expect(Set(ids).count == ids.count, "every message has its own Message-ID")
        }
    }

    @Test("400 reminders with 4 workers: each delivered exactly once")
    func exactlyOnce() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        try await TestDatabase.withTarget { target in
            try await Self.onlineEvent(in: target, participants: 400, language: "kk")
            let cli = CLI(databaseURL: target.url(includingPassword: true), home: NSTemporaryDirectory() + "adal-\(UUID().uuidString)",
                          environment: ["ADAL_SMTP_URL": sink.url])
            #expect(try await cli.run("reminders", "plan").stdout.contains("400 reminder(s) planned"))
            let runs = try await withThrowingTaskGroup(of: CLI.Result.self) { group in
                for _ in 0..<4 { group.addTask { try await cli.run("worker", "--until-idle", "--batch", "20") } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(runs.allSatisfy { $0.status == 0 }, "\(runs.map(\.stderr))")
            let ids = try sink.messageIDs()
            #expect(ids.count == 400)
            #expect(Set(ids).count == 400)
            let states = try await Self.query(target, "SELECT state || ':' || count(*) FROM jobs GROUP BY state").map { try $0.decode(String.self) }
            #expect(states == ["done:400"])
            // The invitees' text is rendered once a batch; each is still greeted by their own name.
            let misnamed = try await sink.messages().filter { message in
                guard let to = message["to"] as? String, let number = to.firstMatch(of: /<p(\d+)@/)?.1 else { return true }
                let greeting = "Құрметті Қатысушы \(number),"
                return (message["text"] as? String)?.contains(greeting) != true
                    || (message["html_text"] as? String)?.contains("<p>\(greeting)</p>") != true
            }
            #expect(misnamed.isEmpty, "\(misnamed.prefix(2))")
        }
    }

    @Test("one batch on one connection, pipelined or not: a refused recipient in the middle is dead with its 550, each other reminder is delivered once and logged as sent", arguments: [true, false])
    func refusedRecipientInBatch(pipelining: Bool) async throws {
        let sink = try SMTPSink(refusingRecipient: "p7@", pipelining: pipelining)
        defer { sink.stop() }
        try await TestDatabase.withTarget { target in
            try await Self.onlineEvent(in: target, participants: 12, language: "kk")
            let cli = CLI(databaseURL: target.url(includingPassword: true), home: NSTemporaryDirectory() + "adal-\(UUID().uuidString)",
                          environment: ["ADAL_SMTP_URL": sink.url])
            let run = try await cli.run("worker", "--until-idle", "--batch", "50")
            #expect(run.stdout.contains("sent 11, skipped 0, failed 1"), "\(run.stdout) \(run.stderr)")
            let ids = try sink.messageIDs()
            #expect(ids.count == 11 && Set(ids).count == 11)
            let arrived = try await sink.messages().compactMap { $0["to"] as? String }
            #expect(!arrived.contains { $0.contains("p7@") } && arrived.contains { $0.contains("p8@") } && arrived.contains { $0.contains("p12@") })
            let jobs = try await Self.query(target, """
                SELECT state || ' ' || coalesce(left(last_error, 3), '-') || ' ' || count(*) FROM jobs GROUP BY state, left(last_error, 3) ORDER BY 1
                """).map { try $0.decode(String.self) }
            #expect(jobs == ["dead 550 1", "done - 11"])
            let log = try await Self.query(target, """
                SELECT status || ' ' || count(*) || ' ' || count(DISTINCT message_id) FROM deliveries GROUP BY status ORDER BY 1
                """).map { try $0.decode(String.self) }
            #expect(log == ["failed 1 1", "sent 11 11"])
            let accepted = try await Self.query(target, "SELECT count(*)::int FROM accepted_messages")[0].decode(Int.self)
            #expect(accepted == 0, "every accepted message was moved into the delivery log")
        }
    }

    @Test("1,200 reminders, 2 workers, one killed with SIGKILL 5 times and restarted: all delivered, at most one duplicate per kill, with the same Message-ID")
    func killedWorker() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        try await TestDatabase.withTarget { target in
            try await Self.onlineEvent(in: target, participants: 1200, language: "ru")
            let home = NSTemporaryDirectory() + "adal-\(UUID().uuidString)"
            let cli = CLI(databaseURL: target.url(includingPassword: true), home: home, environment: ["ADAL_SMTP_URL": sink.url])
            #expect(try await cli.run("reminders", "plan").stdout.contains("1200 reminder(s) planned"))
            func worker() throws -> Process {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: CLI.binary)
                process.arguments = ["worker", "--until-idle", "--batch", "25"]
                var environment = ProcessInfo.processInfo.environment
                environment["DATABASE_URL"] = target.url(includingPassword: true)
                environment["ADAL_HOME"] = home
                environment["ADAL_MIGRATIONS_DIR"] = TestDatabase.migrationsDirectory
                environment["ADAL_SMTP_URL"] = sink.url
                environment["ADAL_WORKER_LEASE"] = "2"
                process.environment = environment
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                return process
            }
            let steady = try worker()
            var victim = try worker()
            for _ in 0..<5 {
                try await Task.sleep(for: .milliseconds(250))
                kill(victim.processIdentifier, SIGKILL)
                try await offload { victim.waitUntilExit() }
                victim = try worker()
            }
            for process in [steady, victim] {
                while process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
            }
            // A worker may have gone idle while the victim's leases were still running: finish the rest.
            _ = try await cli.run("worker", "--until-idle")
            let ids = try sink.messageIDs()
            let copies = Dictionary(grouping: ids, by: { $0 }).mapValues(\.count)
            #expect(copies.count == 1200, "every reminder delivered")
            #expect(ids.count - 1200 <= 5, "at most one duplicate per kill: \(ids.count - 1200)")
            #expect(copies.values.allSatisfy { $0 <= 2 })
            let states = try await Self.query(target, "SELECT state || ':' || count(*) FROM jobs GROUP BY state").map { try $0.decode(String.self) }
            #expect(states == ["done:1200"])
            // Every message the server accepted is in the delivery log, the killed workers' too.
            let log = try await Self.query(target, """
                SELECT count(*)::int, count(DISTINCT job_id)::int, (SELECT count(*)::int FROM accepted_messages)
                FROM deliveries WHERE status = 'sent'
                """)[0].decode((Int, Int, Int).self)
            #expect(log.1 == 1200 && log.0 >= 1200 && log.0 <= ids.count && log.2 == 0, "\(log)")
        }
    }

    @Test("task reminders: the day before to the assignee; overdue, from the working day after the due date and then weekly, to the assignee and the council's secretary; planned once")
    func taskReminders() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        try await TestDatabase.withTarget { target in
            let (dayBefore, weekLate) = try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                let meetings = Meetings(context)
                let zone = try await Directory(context).regions(country: .kz).first { $0.code == "KZ-35" }!.timeZone
                // Due ten days ago: overdue from the working day after, then weekly.
                let due = CivilDate(Date(), zone: TimeZone(identifier: zone)!).adding(days: -10)
                _ = try await meetings.addMember(councilCode: "KAR-COMM", person: .new(NewPersonForm(
                    name: "Секретарь Комиссии", email: "secretary@kar.example.kz", language: "ru")), role: "secretary", position: "секретарь",
                    termFrom: nil, termTo: nil, actor: "test")
                let event = try await meetings.schedule(.init(
                    kind: "commission_meeting", format: "in_person", title: "Заседание", venue: "Караганда", regionCode: "KZ-35",
                    officeCode: "KAR", councilCode: "KAR-COMM", starts: "\(due.adding(days: -20))T10:00"), actor: "test")
                _ = try await meetings.hold(event.id.uuidString, present: [], withoutQuorum: true, reason: "a test", minutes: nil,
                                            actor: "test")
                let decision = try await Decisions(context).decide(eventID: event.id.uuidString, agendaPosition: nil,
                                                                   text: "Провести мониторинг школ", actor: "test")
                let assignee = try await meetings.addPerson(NewPersonForm(name: "Исполнитель Поручения", email: "doer@kar.example.kz", language: "ru"),
                                                            regionCode: "KZ-35", actor: "test")
                _ = try await Decisions(context).addTask(decisionID: decision.id.uuidString, title: "Мониторинг школ",
                                                         personID: assignee.uuidString, organisation: nil, due: due.description,
                                                         actor: "test")
                let calendar = try await database.withConnection { try await CalendarRepository(logger: TestDatabase.logger).calendar(for: .kz, on: $0) }
                var lateFrom = due.adding(days: 1)
                while !calendar.isWorkingDay(lateFrom) { lateFrom = lateFrom.adding(days: 1) }
                return (LocalTime.instant("\(due.adding(days: -1))T09:05", zone: zone)!,
                        LocalTime.instant("\(lateFrom)T09:10", zone: zone)!)
            }
            func plan(_ moment: Date) async throws -> Int {
                try await Database.with(target, logger: TestDatabase.logger) { database in
                    try await database.transaction { connection in
                        try await ReminderRepository(logger: TestDatabase.logger).planTaskReminders(now: moment, graceHours: 1, on: connection).count
                    }
                }
            }
            let cli = CLI(databaseURL: target.url(includingPassword: true), home: NSTemporaryDirectory() + "adal-\(UUID().uuidString)",
                          environment: ["ADAL_SMTP_URL": sink.url])
            #expect(try await plan(dayBefore) == 1)
            #expect(try await plan(dayBefore) == 0)
            _ = try await cli.run("worker", "--until-idle")
            let first = try await sink.messages()
            #expect(first.count == 1)
            #expect((first.first?["subject"] as? String)?.hasPrefix("Срок поручения: Мониторинг школ") == true, "\(first)")
            #expect((first.first?["to"] as? String)?.contains("doer@kar.example.kz") == true)

            #expect(try await plan(weekLate) == 2)
            _ = try await cli.run("worker", "--until-idle")
            let late = try await sink.messages().filter { ($0["subject"] as? String)?.hasPrefix("Поручение просрочено") == true }
            let recipients = Set(late.compactMap { $0["to"] as? String }.map { $0.contains("doer@") ? "assignee" : "secretary" })
            #expect(late.count == 2 && recipients == ["assignee", "secretary"], "\(late)")
            #expect((late.first?["text"] as? String)?.contains("Решение: Провести мониторинг школ") == true)
        }
    }

    @Test("adal serve --with-worker answers HTTP and sends the reminders in one process")
    func serveWithWorker() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        try await TestDatabase.withTarget { target in
            try await Self.onlineEvent(in: target, participants: 3, language: "ru")
            let server = try await APIServer(databaseURL: target.url(includingPassword: true),
                                             environment: ["ADAL_SMTP_URL": sink.url], arguments: ["--with-worker"])
            defer { server.stop() }
            var arrived = 0
            for _ in 0..<150 where arrived < 3 {
                try await Task.sleep(for: .milliseconds(100))
                arrived = (try? sink.messageIDs().count) ?? 0
            }
            #expect(arrived == 3)
            #expect(try await server.call("GET", "/ready").status == 200)
        }
    }

    @Test("a refusing server: 4xx is retried later, 5xx makes the job dead with its error; a server that is down loses nothing")
    func refusals() async throws {
        try await TestDatabase.withTarget { target in
            try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                let meetings = Meetings(context)
                let zone = try await Directory(context).regions(country: .kz).first { $0.code == "KZ-35" }!.timeZone
                let event = try await meetings.schedule(.init(
                    kind: "videoconference", format: "online", title: "Кездесу", link: "https://meet.example.kz/r",
                    regionCode: "KZ-35", officeCode: "KAR", starts: Self.localTime(inMinutes: 100, zone: zone)), actor: "test")
                _ = try await meetings.invite(event.id.uuidString, person: .new(NewPersonForm(name: "Тест Тестов", email: "t@example.kz")),
                                              role: "participant", actor: "test")
            }
            // The invitation sent when she was invited is another test's; this one follows the reminder.
            _ = try await Self.query(target, "DELETE FROM jobs WHERE kind = 'event_invitation'")
            func job() async throws -> String {
                try await Self.query(target, "SELECT state || ' ' || attempts || ' ' || coalesce(last_error, '') FROM jobs")
                    .first!.decode(String.self)
            }
            func again() async throws { _ = try await Self.query(target, "UPDATE jobs SET run_at = now() WHERE state = 'queued'") }
            let home = NSTemporaryDirectory() + "adal-\(UUID().uuidString)"

            let down = try EmbeddedCluster.freePort()
            _ = try await CLI(databaseURL: target.url(includingPassword: true), home: home,
                              environment: ["ADAL_SMTP_URL": "smtp://127.0.0.1:\(down)"]).run("worker", "--until-idle")
            let state1 = try await job()
            #expect(state1.hasPrefix("queued 1 mail server"), "\(state1)")

            try await again()
            let busy = try SMTPSink(refusing: 451)
            _ = try await CLI(databaseURL: target.url(includingPassword: true), home: home,
                              environment: ["ADAL_SMTP_URL": busy.url]).run("worker", "--until-idle")
            busy.stop()
            let state2 = try await job()
            #expect(state2.hasPrefix("queued 2 451"), "\(state2)")

            try await again()
            let refusing = try SMTPSink(refusing: 550)
            _ = try await CLI(databaseURL: target.url(includingPassword: true), home: home,
                              environment: ["ADAL_SMTP_URL": refusing.url]).run("worker", "--until-idle")
            refusing.stop()
            let state3 = try await job()
            #expect(state3.hasPrefix("dead 3 550"), "\(state3)")
            let log = try await Self.query(target, "SELECT status || ' ' || left(response, 3) FROM deliveries ORDER BY id")
                .map { try $0.decode(String.self) }
            #expect(log == ["failed 451", "failed 550"])

            // The operator sees the dead job, queues it again, withdraws it, queues it once more: then it is sent.
            let cli = CLI(databaseURL: target.url(includingPassword: true), home: home)
            let dead = try await cli.run("reminders", "list", "--status", "dead", "--format", "json")
            let listed = try #require(try JSONSerialization.jsonObject(with: Data(dead.stdout.utf8)) as? [[String: Any]])
            #expect(listed.count == 1 && listed[0]["recipient"] as? String == "t@example.kz")
            #expect((listed[0]["lastError"] as? String)?.hasPrefix("550") == true)
            let id = try #require(listed[0]["id"] as? Int)
            #expect(try await cli.run("reminders", "retry", String(id)).status == 0)
            #expect(try await cli.run("reminders", "cancel", String(id)).status == 0)
            #expect(try await cli.run("reminders", "cancel", String(id)).status == 1)
            #expect(try await cli.run("reminders", "retry", String(id)).status == 0)
            let working = try SMTPSink()
            defer { working.stop() }
            let sent = try await CLI(databaseURL: target.url(includingPassword: true), home: home,
                                     environment: ["ADAL_SMTP_URL": working.url]).run("worker", "--until-idle")
            #expect(sent.stdout.contains("sent 1"), "\(sent.stdout)")
            #expect(try working.messageIDs().count == 1)
        }
    }
}

extension ReminderTests {
    @Test("an invitation arrives when someone is invited, with an .ics icalendar reads; a postponement as an update with the same UID and a higher SEQUENCE; a cancellation as METHOD:CANCEL; an assigned volunteer is told too")
    func invitationUpdateCancellation() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        try await TestDatabase.withTarget { target in
            let cli = CLI(databaseURL: target.url(includingPassword: true), home: NSTemporaryDirectory() + "adal-\(UUID().uuidString)",
                          environment: ["ADAL_SMTP_URL": sink.url, "ADAL_MAIL_FROM": "events@kar.example.kz"])
            let eventID = try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                let meetings = Meetings(context)
                let event = try await meetings.schedule(.init(
                    kind: "seminar", format: "in_person", title: "Еріктілерге арналған семинар", venue: "Қарағанды, Ерубаев 37",
                    regionCode: "KZ-35", officeCode: "KAR", starts: "2027-03-15T10:00", ends: "2027-03-15T12:00"), actor: "test")
                _ = try await meetings.invite(event.id.uuidString, person: .new(NewPersonForm(
                    name: "Әбенова Гүлнар", email: "gulnar@example.kz", language: "kk")), role: "speaker", actor: "test")
                let volunteer = try await Volunteers(context).list(regionCode: "KZ-35", status: .active, kind: nil, after: nil, limit: 50)
                    .first { $0.email != nil }
                if let volunteer {
                    _ = try await meetings.assignVolunteer(event.id.uuidString, volunteerID: volunteer.id.uuidString, role: "тіркеу",
                                                           actor: "test")
                }
                return event.id
            }
            #expect(try await cli.run("worker", "--until-idle").status == 0)
            let invitation = try #require(try await sink.messages().first { ($0["to"] as? String)?.contains("gulnar@example.kz") == true })
            #expect((invitation["subject"] as? String)?.hasPrefix("Шақыру: Еріктілерге арналған семинар") == true, "\(invitation)")
            #expect(invitation["ics_method"] as? String == "REQUEST")
            let uid = try #require(invitation["ics_uid"] as? String)
            #expect(uid == "\(eventID.uuidString.lowercased())@adal")
            let firstSequence = try #require(invitation["ics_sequence"] as? Int)

            _ = try await Database.with(target, logger: TestDatabase.logger) { database in
                try await Meetings(AdalContext(database: database)).postpone(eventID.uuidString, starts: "2027-03-22T15:00", ends: nil,
                                                                              reason: "зал бос емес", actor: "test")
            }
            #expect(try await cli.run("worker", "--until-idle").status == 0)
            let updates = try await sink.messages().filter { ($0["subject"] as? String)?.hasPrefix("Өзгеріс:") == true }
            let update = try #require(updates.first { ($0["to"] as? String)?.contains("gulnar@example.kz") == true })
            #expect(update["ics_uid"] as? String == uid && (update["ics_sequence"] as? Int ?? 0) > firstSequence, "\(update)")
            #expect((update["ics_start_utc"] as? String)?.hasPrefix("2027-03-22T10:00") == true, "\(update)")
            #expect((update["text"] as? String)?.contains("2027-03-22 15:00") == true)

            _ = try await Database.with(target, logger: TestDatabase.logger) { database in
                try await Meetings(AdalContext(database: database)).cancel(eventID.uuidString, reason: "спикер ауырды", actor: "test")
            }
            #expect(try await cli.run("worker", "--until-idle").status == 0)
            let all = try await sink.messages()
            let cancellation = try #require(all.first { $0["ics_method"] as? String == "CANCEL" && ($0["to"] as? String)?.contains("gulnar") == true })
            #expect(cancellation["ics_uid"] as? String == uid && (cancellation["ics_sequence"] as? Int ?? 0) >= (update["ics_sequence"] as? Int ?? 0))
            // The volunteer assigned to the seminar got its invitation-free messages: the update and the cancellation.
            let toVolunteer = all.filter { !(($0["to"] as? String)?.contains("gulnar") ?? false) }
            #expect(toVolunteer.contains { $0["ics_method"] as? String == "CANCEL" }, "\(toVolunteer.map { $0["subject"] ?? "" })")
        }
    }
}

extension ReminderTests {
    @Test("a held council meeting's minutes reach its members in Kazakh and in Russian: decisions, tasks with owners and dates, attendance; a printable page; once each")
    func minutesReachMembers() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        try await TestDatabase.withTarget { target in
            let cli = CLI(databaseURL: target.url(includingPassword: true), home: NSTemporaryDirectory() + "adal-\(UUID().uuidString)",
                          environment: ["ADAL_SMTP_URL": sink.url, "ADAL_MAIL_FROM": "council@kar.example.kz"])
            let eventID = try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                let meetings = Meetings(context)
                var members: [UUID] = []
                for (name, email, language) in [("Жақсыбекова Гүлмира", "gulmira@example.kz", "kk"), ("Петров Иван", "ivan@example.kz", "ru")] {
                    let council = try await meetings.addMember(councilCode: "KAR-COMM", person: .new(NewPersonForm(
                        name: name, email: email, language: language)), role: "member", position: nil, termFrom: "2026-01-01",
                        termTo: nil, actor: "test")
                    members.append(try #require(council.members.first { $0.fullName == name }?.personID))
                }
                let meeting = try await meetings.schedule(.init(kind: "commission_meeting", format: "in_person", title: "Комиссия отырысы",
                                                                venue: "Қарағанды", regionCode: "KZ-35", officeCode: "KAR",
                                                                councilCode: "KAR-COMM", starts: "2026-11-25T10:00"), actor: "test")
                for member in members {
                    _ = try await meetings.invite(meeting.id.uuidString, person: .known(member.uuidString), role: "participant", actor: "test")
                }
                _ = try await meetings.hold(meeting.id.uuidString, present: members.map(\.uuidString), withoutQuorum: false,
                                            reason: nil, minutes: nil, actor: "test")
                let decision = try await Decisions(context).decide(eventID: meeting.id.uuidString, agendaPosition: nil,
                                                                   text: "Мектептердегі мониторинг жоспары бекітілсін", actor: "test")
                _ = try await Decisions(context).addTask(decisionID: decision.id.uuidString, title: "Мониторинг есебін дайындау",
                                                         personID: members[1].uuidString, organisation: nil, due: "2027-01-15",
                                                         actor: "test")
                return meeting.id
            }
            _ = try await cli.run("worker", "--until-idle")  // the invitations, sent when they were made
            let before = try await sink.messages().count
            let page = try await cli.run("events", "minutes", String(eventID.uuidString.lowercased().suffix(8)), "--send")
            #expect(page.status == 0, "\(page.stderr)")
            #expect(page.stdout.contains("<h1>Хаттама</h1>") && page.stdout.contains("Мектептердегі мониторинг жоспары бекітілсін"))
            #expect(page.stdout.contains("Петров Иван") && page.stdout.contains("2027-01-15"))
            #expect(page.stderr.contains("queued for 2"), "\(page.stderr)")
            #expect(try await cli.run("worker", "--until-idle").status == 0)
            let minutes = Array(try await sink.messages().dropFirst(before))
            #expect(minutes.count == 2)
            let kazakh = try #require(minutes.first { ($0["to"] as? String)?.contains("gulmira") == true })
            #expect((kazakh["subject"] as? String)?.hasPrefix("Хаттама: Комиссия отырысы") == true, "\(kazakh)")
            #expect((kazakh["text"] as? String)?.contains("Қатысқандар: ") == true)
            let russian = try #require(minutes.first { ($0["to"] as? String)?.contains("ivan") == true })
            #expect((russian["subject"] as? String)?.hasPrefix("Протокол: Комиссия отырысы") == true, "\(russian)")
            let text = russian["text"] as? String ?? ""
            #expect(text.contains("Мониторинг есебін дайындау (Исполнитель: Петров Иван; Срок: 2027-01-15)"), "\(text)")
            #expect(text.contains("Присутствовали: ") && text.contains("Жақсыбекова Гүлмира"))
            // Sending again queues nothing: each has had them.
            let again = try await cli.run("events", "minutes", eventID.uuidString, "--send", "--out", NSTemporaryDirectory() + "minutes-\(UUID().uuidString).html")
            #expect(again.stderr.contains("queued for 0"), "\(again.stderr)")
        }
    }
}

extension ReminderTests {
    @Test("a council task due on a Friday is first reminded as overdue on Monday, the working day after, not a week later")
    func firstOverdueOnNextWorkingDay() async throws {
        try await TestDatabase.withTarget { target in
            try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                let meetings = Meetings(context)
                let event = try await meetings.schedule(.init(
                    kind: "commission_meeting", format: "in_person", title: "Заседание", venue: "Караганда", regionCode: "KZ-35",
                    officeCode: "KAR", councilCode: "KAR-COMM", starts: "2026-11-02T10:00"), actor: "test")
                _ = try await meetings.hold(event.id.uuidString, present: [], withoutQuorum: true, reason: "a test", minutes: nil, actor: "test")
                let decision = try await Decisions(context).decide(eventID: event.id.uuidString, agendaPosition: nil, text: "Мониторинг", actor: "test")
                let assignee = try await meetings.addPerson(NewPersonForm(name: "Орындаушы", email: "doer@kar.example.kz"),
                                                            regionCode: "KZ-35", actor: "test")
                _ = try await Decisions(context).addTask(decisionID: decision.id.uuidString, title: "Есеп", personID: assignee.uuidString,
                                                         organisation: nil, due: "2027-02-05", actor: "test")
            }
            func plan(_ local: String) async throws -> Int {
                try await Database.with(target, logger: TestDatabase.logger) { database in
                    try await database.transaction { connection in
                        try await ReminderRepository(logger: TestDatabase.logger).planTaskReminders(
                            now: LocalTime.instant(local, zone: "Asia/Almaty")!, graceHours: 1, on: connection).count
                    }
                }
            }
            #expect(try await plan("2027-02-06T09:05") == 0, "Saturday is no working day")
            #expect(try await plan("2027-02-08T09:05") == 1, "Monday 09:00: the first overdue reminder")
            #expect(try await plan("2027-02-08T09:30") == 0, "once")
            let kinds = try await Self.query(target, "SELECT payload ->> 'kind', run_at::text FROM jobs WHERE kind = 'task_reminder'")
                .map { try $0.decode((String, String).self) }
            #expect(kinds.map(\.0) == ["overdue"])
        }
    }
}
