import AdalCore
import AdalDomain
import AdalStore
import Foundation
import PostgresNIO
import Testing

/// A process the tests start and stop: a Python helper that prints "ready" once it listens.
final class Helper: @unchecked Sendable {
    let process = Process()

    init(_ script: String, _ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestDatabase.packageRoot.appendingPathComponent("Tests/AdalTests/Support/\(script)").path]
            + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        guard String(decoding: output.fileHandleForReading.availableData, as: UTF8.self).contains("ready") else {
            throw ClusterError("\(script) did not start")
        }
    }

    func stop() { terminate(process) }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
}

@Suite("Notifications: applications, digest, scheduler, STARTTLS, webhooks, preview", .timeLimit(.minutes(5)))
struct NotificationTests {
    static func seeded(_ target: DatabaseTarget) async throws {
        try await Database.with(target, logger: TestDatabase.logger) { database in
            _ = try await Seeding(AdalContext(database: database)).load(try Seeding.read(directory: TestDatabase.seedsDirectory),
                                                                         actor: "seed")
        }
    }

    static func cli(_ target: DatabaseTarget, _ environment: [String: String] = [:]) -> CLI {
        CLI(databaseURL: target.url(includingPassword: true), home: NSTemporaryDirectory() + "adal-\(UUID().uuidString)",
            environment: ["ADAL_BCRYPT_COST": "4"].merging(environment) { $1 })
    }

    static func sql(_ target: DatabaseTarget, _ text: String) async throws -> [PostgresRow] {
        try await ReminderTests.query(target, text)
    }

    static func zone(_ target: DatabaseTarget, region: String = "KZ-35") async throws -> String {
        try await sql(target, "SELECT time_zone FROM regions WHERE code = '\(region)'")[0].decode(String.self)
    }

    /// The latest local day whose 09:00 — when reminders of a day go — is past: today, or yesterday
    /// before 09:00. (The boundary is the reminders' own hour: with any later one, a worker run in
    /// between would send today's reminders while the test plans yesterday's.)
    static func reminderDay(zone: String) -> (day: CivilDate, moment: Date) {
        let today = CivilDate(Date(), zone: TimeZone(identifier: zone)!)
        let moment = LocalTime.instant("\(today)T09:00", zone: zone)!
        return moment <= Date() ? (today, moment) : (today.adding(days: -1), LocalTime.instant("\(today.adding(days: -1))T09:00", zone: zone)!)
    }

    @Test("application deadlines: the reviewer 3 working days before (on the country's calendar); once overdue, in the daily digest of the reviewer and the office's head — one message each, in their language; an accepted applicant is welcomed")
    func applicationReminders() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        try await TestDatabase.withTarget { target in
            try await Self.seeded(target)
            let cli = Self.cli(target, ["ADAL_SMTP_URL": sink.url])
            #expect(try await cli.run("users", "add", "--email", "reviewer@kar.example.kz", "--name", "Сарапшы Әлия",
                                      "--role", "registrar", "--office", "KAR").status == 0)
            #expect(try await cli.run("users", "add", "--email", "head@kar.example.kz", "--name", "Басшы Ерлан",
                                      "--role", "coordinator", "--office", "KAR").status == 0)
            let notify = try await cli.run("users", "notify", "head@kar.example.kz", "--head-of", "KAR", "--language", "ru")
            #expect(notify.status == 0, "\(notify.stderr)")
            #expect(try await cli.run("users", "notify", "head@kar.example.kz", "--language", "xx").stderr.contains("language"))

            func application(_ last: String, _ first: String, email: String?, nationalID: String? = nil) async throws -> String {
                var arguments = ["applications", "add", "--last-name", last, "--first-name", first, "--region", "KZ-35",
                                 "--office", "KAR", "--format", "json"]
                if let email { arguments += ["--email", email] }
                if let nationalID { arguments += ["--national-id", nationalID] }
                let added = try await cli.run(arguments)
                let id = try #require((try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any])?["id"] as? String,
                                      "\(added.stderr)")
                #expect(try await cli.run("applications", "assign", id, "--to", "Reviewer@kar.example.kz").status == 0)
                return id
            }
            let soon = try await application("Нұрланов", "Дәурен", email: nil)
            let late = try await application("Серікова", "Жанар", email: nil)

            // The reminder day R must be a working day: a weekend is made a transferred working day,
            // and the next day a holiday, so the count of working days has something to skip.
            let zone = try await Self.zone(target)
            let (day, moment) = Self.reminderDay(zone: zone)
            let weekday = Calendar(identifier: .gregorian).component(.weekday, from: LocalTime.instant("\(day)T12:00", zone: zone)!)
            if weekday == 1 || weekday == 7 {
                _ = try await Self.sql(target, "INSERT INTO calendar_days VALUES ('KZ', '\(day)', 'working', 'test') ON CONFLICT (country, day) DO UPDATE SET kind = 'working'")
            }
            _ = try await Self.sql(target, "INSERT INTO calendar_days VALUES ('KZ', '\(day.adding(days: 1))', 'holiday', 'test') ON CONFLICT (country, day) DO UPDATE SET kind = 'holiday'")
            let calendar = try await Database.with(target, logger: TestDatabase.logger) { database in
                try await database.withConnection { try await CalendarRepository(logger: TestDatabase.logger).calendar(for: .kz, on: $0) }
            }
            let due = calendar.adding(workingDays: 3, to: day)
            _ = try await Self.sql(target, "UPDATE applications SET due_on = '\(due)' WHERE id = '\(soon)'")
            _ = try await Self.sql(target, "UPDATE applications SET due_on = '\(day.adding(days: -1))' WHERE id = '\(late)'")

            func plan(_ at: Date) async throws -> (reminders: Int, digests: Int) {
                try await Database.with(target, logger: TestDatabase.logger) { database in
                    try await database.transaction { connection in
                        let repository = ReminderRepository(logger: TestDatabase.logger)
                        return (try await repository.planApplicationReminders(now: at, graceHours: 1, on: connection).count,
                                try await repository.planDailyDigests(now: at, graceHours: 1, on: connection).count)
                    }
                }
            }
            // At R: the due reminder to the reviewer, and a digest each to the reviewer (the overdue
            // one and the one due soon) and to the head (the overdue one) — no e-mail per overdue
            // application; again: nothing more.
            let first = try await plan(moment)
            #expect(first.reminders == 1 && first.digests == 2, "\(first)")
            let again = try await plan(moment)
            #expect(again.reminders == 0 && again.digests == 0, "\(again)")
            #expect(try await Self.sql(target, "SELECT count(*)::int FROM jobs WHERE kind = 'application_reminder' AND payload ->> 'kind' = 'overdue'")[0]
                .decode(Int.self) == 0)
            let sent = try await cli.run("worker", "--until-idle")
            #expect(sent.stdout.contains("sent 3"), "\(sent.stdout) \(sent.stderr)")
            let messages = try await sink.messages()
            let dueMessage = messages.first { ($0["subject"] as? String)?.hasPrefix("Өтініштің жауап беру мерзімі жақындады: Нұрланов Дәурен") == true }
            #expect(dueMessage?["to"] as? String == "Сарапшы Әлия <reviewer@kar.example.kz>", "\(messages)")
            #expect((dueMessage?["text"] as? String)?.contains("Жауап беру мерзімі: \(due)") == true)
            let toReviewer = messages.filter { ($0["to"] as? String)?.contains("reviewer@") == true
                && ($0["subject"] as? String) == "Күнделікті шолу, \(day)" }
            let toHead = messages.filter { ($0["to"] as? String)?.contains("head@") == true }
            #expect(toReviewer.count == 1 && toHead.count == 1, "\(messages)")
            let reviewerText = try #require(toReviewer.first?["text"] as? String).replacingOccurrences(of: "\r\n", with: "\n")
            #expect(reviewerText.contains("Жауап беру мерзімі өткен өтініштер (1):\n- Серікова Жанар, мерзімі \(day.adding(days: -1))"), "\(reviewerText)")
            #expect(reviewerText.contains("Жауап беру мерзімі жақындаған өтініштер (1):\n- Нұрланов Дәурен, мерзімі \(due)"), "\(reviewerText)")
            #expect(toHead.first?["subject"] as? String == "Ежедневная сводка, \(day)")
            let headText = try #require(toHead.first?["text"] as? String).replacingOccurrences(of: "\r\n", with: "\n")
            #expect(headText.contains("Заявления с просроченным ответом (1):\n- Серікова Жанар"), "\(headText)")
            #expect(!headText.contains("Нұрланов") && !headText.contains("поручения"), "the head reviews nothing and has no tasks: \(headText)")

            // The next morning's digest is a new occasion. (The worker above planned at the real time
            // too: between local midnight and 09:00 that is already the next day, so its digests may
            // be queued before this plan runs.)
            _ = try await plan(moment.addingTimeInterval(24 * 3600))
            let nextDay = try await Self.sql(target, """
                SELECT count(*)::int FROM jobs WHERE occasion LIKE 'daily-digest:%:\(day.adding(days: 1))' AND state = 'queued'
                """)[0].decode(Int.self)
            #expect(nextDay == 2)
            _ = try await Self.sql(target, "DELETE FROM jobs WHERE state = 'queued'")

            // Accepting enqueues the welcome in the same transaction.
            let welcomed = try await application("Ахметова", "Динара", email: "dinara@example.kz", nationalID: "880101400017")
            #expect(try await cli.run("applications", "screen", welcomed).status == 0)
            let accepted = try await cli.run("applications", "accept", welcomed, "--area", "awareness")
            #expect(accepted.status == 0, "\(accepted.stdout) \(accepted.stderr)")
            let queued = try await Self.sql(target, "SELECT count(*)::int FROM jobs WHERE kind = 'application_welcome' AND state = 'queued'")
            #expect(try queued[0].decode(Int.self) == 1)
            _ = try await cli.run("worker", "--until-idle")
            let welcome = try await sink.messages().first { ($0["to"] as? String)?.contains("dinara@example.kz") == true }
            #expect((welcome?["subject"] as? String)?.hasPrefix("Қош келдіңіз") == true, "\(String(describing: welcome))")
            #expect(welcome?["html"] as? Bool == true)
        }
    }

    @Test("the weekly digest: Monday 09:00 in the admin's zone, once, with the overdue applications of the admin's regions only")
    func weeklyDigest() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        try await TestDatabase.withTarget { target in
            try await Self.seeded(target)
            let cli = Self.cli(target, ["ADAL_SMTP_URL": sink.url])
            #expect(try await cli.run("users", "add", "--email", "admin@kar.example.kz", "--name", "Admin Qarağandı",
                                      "--role", "admin", "--region", "KZ-35").status == 0)
            #expect(try await cli.run("users", "notify", "admin@kar.example.kz", "--language", "az").status == 0)
            let zone = try await Self.zone(target)
            for (last, region, office) in [("Қарағандылық", "KZ-35", "KAR"), ("Тошкентлик", "UZ-TK", nil)] as [(String, String, String?)] {
                var arguments = ["applications", "add", "--last-name", last, "--first-name", "Test", "--region", region]
                if let office { arguments += ["--office", office] }
                let added = try await cli.run(arguments)
                #expect(added.status == 0, "\(added.stderr)")
            }
            _ = try await Self.sql(target, "UPDATE applications SET due_on = current_date - 20")
            // This week's Monday 09:00 in the zone, or last week's when that is still ahead (the digest's
            // own hour: see reminderDay).
            let today = CivilDate(Date(), zone: TimeZone(identifier: zone)!)
            var monday = today
            while Calendar(identifier: .gregorian).component(.weekday, from: LocalTime.instant("\(monday)T12:00", zone: zone)!) != 2 {
                monday = monday.adding(days: -1)
            }
            if LocalTime.instant("\(monday)T09:00", zone: zone)! > Date() { monday = monday.adding(days: -7) }
            let moment = LocalTime.instant("\(monday)T09:00", zone: zone)!
            func plan(_ at: Date) async throws -> Int {
                try await Database.with(target, logger: TestDatabase.logger) { database in
                    try await database.transaction { connection in
                        try await ReminderRepository(logger: TestDatabase.logger).planWeeklyDigests(now: at, graceHours: 24, on: connection).count
                    }
                }
            }
            #expect(try await plan(moment) == 2, "this Monday's and next Monday's")
            #expect(try await plan(moment) == 0)
            let run = try await cli.run("worker", "--until-idle")
            #expect(run.stdout.contains("sent 1"), "\(run.stdout) \(run.stderr)")
            let digest = try #require(try await sink.messages().first)
            #expect(digest["subject"] as? String == "Həftəlik icmal, \(monday) – \(monday.adding(days: 6))")
            let text = try #require(digest["text"] as? String)
            #expect(text.contains("Müddəti keçmiş müraciətlər (1):") && text.contains("- Қарағандылық Test"), "\(text)")
            #expect(!text.contains("Тошкентлик"), "another country's application in a KZ-35 admin's digest")
            let runAt = try await Self.sql(target, "SELECT run_at FROM jobs WHERE kind = 'weekly_digest' ORDER BY run_at")
                .map { try $0.decode(Date.self) }
            // This Monday's went at once; next Monday's waits for 09:00. (The worker's own tick plans for
            // the real now: on a Monday before 09:00 in the zone, `monday` is last week's and that tick
            // adds the Monday after — later than these two.)
            #expect(runAt.prefix(2).map { LocalTime.format($0, zone: zone) } == ["\(monday) 09:00", "\(monday.adding(days: 7)) 09:00"])
        }
    }

    @Test("the scheduler: three workers run each tick once; a tick missed during downtime runs once at the next start")
    func schedulerTicks() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        try await TestDatabase.withTarget { target in
            try await Self.seeded(target)
            // Down for three hours: every tick is overdue.
            _ = try await Self.sql(target, "UPDATE schedules SET next_at = now() - interval '3 hours', every = interval '1 second'")
            let home = NSTemporaryDirectory() + "adal-\(UUID().uuidString)"
            var workers: [Process] = []
            // The database's clock, which the ticks are taken by, marks the start.
            let started = try #require(try await Self.sql(target, "SELECT extract(epoch FROM now())::float8").first?.decode(Double.self))
            for _ in 0..<3 {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: CLI.binary)
                process.arguments = ["worker"]
                process.environment = ProcessInfo.processInfo.environment.merging([
                    "DATABASE_URL": target.url(includingPassword: true), "ADAL_HOME": home, "ADAL_SMTP_URL": sink.url,
                    "ADAL_MIGRATIONS_DIR": TestDatabase.migrationsDirectory, "ADAL_WORKER_LEASE": "4",
                ]) { $1 }
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                workers.append(process)
            }
            // Until every schedule has run a few ticks (at most 30 s), not for a set time.
            for _ in 0..<300 {
                let fewest = try await Self.sql(target, "SELECT min(runs)::int FROM schedules").first?.decode(Int.self) ?? 0
                if fewest >= 3 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            for worker in workers {
                kill(worker.processIdentifier, SIGTERM)
                try await offload { worker.waitUntilExit() }
            }
            let rows = try await Self.sql(target, """
                SELECT name, runs::int, coalesce(last_result, ''), extract(epoch FROM last_run_at)::float8 - \(started)
                FROM schedules ORDER BY name
                """)
            for row in rows {
                let (name, runs, result, span) = try row.decode((String, Int, String, Double).self)
                // Once per one-second tick at most (plus the missed one), never once per worker per look:
                // the ticks that fit between the start and its last run, by the database's clock.
                #expect(runs >= 3 && Double(runs) <= span.rounded(.down) + 2, "\(name) ran \(runs) times in \(span) s")
                #expect(!result.isEmpty, "\(name) left no result")
            }
        }
    }

    @Test("STARTTLS: required and offered with a trusted certificate, mail goes over TLS; untrusted or not offered, nothing is sent and the job waits")
    func startTLS() async throws {
        let folder = NSTemporaryDirectory() + "adal-tls-\(UUID().uuidString)"
        let maker = Process()
        maker.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        maker.arguments = ["python3", TestDatabase.packageRoot.appendingPathComponent("Tests/AdalTests/Support/make-cert.py").path, folder]
        try maker.run()
        try await offload { maker.waitUntilExit() }
        #expect(maker.terminationStatus == 0)
        let secure = try SMTPSink(tls: (folder + "/server.pem", folder + "/server.key"))
        defer { secure.stop() }
        let plain = try SMTPSink()
        defer { plain.stop() }
        try await TestDatabase.withTarget { target in
            try await ReminderTests.onlineEvent(in: target, participants: 2, language: "az")
            let url = "smtp://adal:secret@localhost:\(secure.port)?starttls=required"
            func job() async throws -> String {
                try await Self.sql(target, "SELECT state || ' ' || coalesce(last_error, '') FROM jobs ORDER BY id LIMIT 1")[0].decode(String.self)
            }
            func again() async throws { _ = try await Self.sql(target, "UPDATE jobs SET run_at = now() WHERE state = 'queued'") }

            _ = try await Self.cli(target, ["ADAL_SMTP_URL": url]).run("worker", "--until-idle")
            let untrusted = try await job()
            #expect(untrusted.hasPrefix("queued mail server") && untrusted.lowercased().contains("certificate"), "\(untrusted)")

            try await again()
            _ = try await Self.cli(target, ["ADAL_SMTP_URL": "smtp://adal:secret@127.0.0.1:\(plain.port)?starttls=required"])
                .run("worker", "--until-idle")
            let notOffered = try await job()
            #expect(notOffered.contains("does not offer STARTTLS"), "\(notOffered)")
            #expect(try plain.messageIDs().isEmpty)

            try await again()
            let run = try await Self.cli(target, ["ADAL_SMTP_URL": url, "ADAL_SMTP_CA_FILE": folder + "/ca.pem"]).run("worker", "--until-idle")
            #expect(run.stdout.contains("sent 2"), "\(run.stdout) \(run.stderr)")
            let messages = try await secure.messages()
            #expect(messages.count == 2)
            #expect((messages.first?["subject"] as? String)?.hasPrefix("Xatırlatma: Вебинар") == true, "\(messages)")
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test("a participant with a phone and no e-mail is reminded through the webhook: JSON signed with HMAC-SHA256, retried after a 503, the same key on the resend")
    func webhook() async throws {
        let port = try EmbeddedCluster.freePort()
        let file = NSTemporaryDirectory() + "adal-webhook-\(UUID().uuidString).jsonl"
        let secret = "a-secret-of-the-gateway-\(UUID().uuidString)"
        let receiver = try Helper("webhook-sink.py", [String(port), file, secret, "--fail-first", "1"])
        defer { receiver.stop() }
        let sink = try SMTPSink()
        defer { sink.stop() }
        try await TestDatabase.withTarget { target in
            try await ReminderTests.onlineEvent(in: target, participants: 0, language: "az")
            let eventID = try await Self.sql(target, "SELECT id::text FROM events WHERE title = 'Вебинар'")[0].decode(String.self)
            let cli = Self.cli(target, ["ADAL_SMTP_URL": sink.url, "ADAL_WEBHOOK_URL": "http://127.0.0.1:\(port)/notify",
                                        "ADAL_WEBHOOK_SECRET": secret])
            let invited = try await cli.run("events", "invite", eventID, "--name", "Məmmədova Leyla", "--phone", "+994501234567",
                                            "--language", "az")
            #expect(invited.status == 0, "\(invited.stderr)")
            // The invitation went out when she was invited (its own test); this one follows the reminder.
            #expect(try await Self.sql(target, "DELETE FROM jobs WHERE kind = 'event_invitation' RETURNING id").count == 1)
            let first = try await cli.run("worker", "--until-idle")
            #expect(first.stdout.contains("failed 1"), "\(first.stdout) \(first.stderr)")
            _ = try await Self.sql(target, "UPDATE jobs SET run_at = now() WHERE state = 'queued'")
            let second = try await cli.run("worker", "--until-idle")
            #expect(second.stdout.contains("sent 1"), "\(second.stdout) \(second.stderr)")

            let posts = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map {
                try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
            }
            #expect(posts.count == 2)
            #expect(posts.allSatisfy { $0["valid"] as? Bool == true }, "a signature did not match: \(posts)")
            #expect(Set(posts.compactMap { $0["idempotency_key"] as? String }).count == 1)
            let body = try #require(posts.last?["body"] as? [String: Any])
            #expect((body["recipient"] as? [String: Any])?["phone"] as? String == "+994501234567")
            #expect(body["language"] as? String == "az" && (body["subject"] as? String)?.hasPrefix("Xatırlatma") == true)
            #expect(body["message_id"] as? String == posts.first?["idempotency_key"] as? String)
            let log = try await Self.sql(target, "SELECT channel || ' ' || status || ' ' || recipient FROM deliveries ORDER BY id")
                .map { try $0.decode(String.self) }
            #expect(log == ["webhook failed +994501234567", "webhook sent +994501234567"])
            #expect(try sink.messageIDs().isEmpty)

            // Without a webhook, such a participant is skipped with the reason in the log.
            _ = try await Self.sql(target, "DELETE FROM deliveries")
            _ = try await Self.sql(target, "DELETE FROM jobs")
            let unreachable = try await Self.cli(target, ["ADAL_SMTP_URL": sink.url]).run("worker", "--until-idle")
            #expect(unreachable.stdout.contains("skipped 1"), "\(unreachable.stdout)")
        }
        try? FileManager.default.removeItem(atPath: file)
    }

    @Test("reminders preview shows when, to whom and what, rendered with an office's own template, and changes nothing")
    func preview() async throws {
        let templates = NSTemporaryDirectory() + "adal-templates-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: true)
        try "Біздің еске салу: {{title}}\n\nСәлем, {{name}}! {{starts}}\n".write(toFile: templates + "/event_reminder.kk.mustache",
                                                                             atomically: true, encoding: .utf8)
        try await TestDatabase.withTarget { target in
            try await ReminderTests.onlineEvent(in: target, participants: 2, language: "kk")
            let eventID = try await Self.sql(target, "SELECT id::text FROM events WHERE title = 'Вебинар'")[0].decode(String.self)
            let cli = Self.cli(target, ["ADAL_TEMPLATES_DIR": templates])
            let shown = try await cli.run("reminders", "preview", eventID, "--format", "json")
            #expect(shown.status == 0, "\(shown.stderr)")
            let items = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [[String: Any]])
            #expect(items.count == 2)
            #expect(items.allSatisfy { $0["subject"] as? String == "Біздің еске салу: Вебинар" && $0["channel"] as? String == "email" })
            #expect(Set(items.compactMap { $0["address"] as? String }) == ["p1@example.kz", "p2@example.kz"])
            #expect(try await Self.sql(target, "SELECT count(*)::int FROM jobs")[0].decode(Int.self) == 0)

            try "{{#title}}".write(toFile: templates + "/event_reminder.ru.mustache", atomically: true, encoding: .utf8)
            let broken = try await cli.run("reminders", "preview", eventID)
            #expect(broken.status != 0 && broken.stderr.contains("event_reminder.ru.mustache"), "\(broken.stderr)")
            #expect(try await cli.run("reminders", "preview", UUID().uuidString).status != 0)
        }
    }

    @Test("per-event reminder hours over HTTP: 48 h and 3 h replace the online default of 24 h and 2 h; queued ones for other hours are withdrawn; a kind's own hours apply to its events")
    func reminderHours() async throws {
        try await MeetingTests.withServer { server, tokens, target in
            let token = tokens["KAR"]!
            let zone = try await Self.zone(target)
            let starts = ReminderTests.localTime(inMinutes: 60 * 24 * 5, zone: zone)
            let created = try await server.call("POST", "/v1/events", token: token, json: """
                {"kind": "seminar", "format": "online", "title": "Онлайн семинар", "link": "https://meet.example.kz/s",
                 "region": "KZ-35", "office": "KAR", "starts": "\(starts)"}
                """)
            #expect(created.status == 201, "\(created.body)")
            let id = try #require((try JSONSerialization.jsonObject(with: Data(created.body.utf8)) as? [String: Any])?["id"] as? String)
            #expect(try await server.call("POST", "/v1/events/\(id)/participants", token: token,
                                          json: #"{"name": "Қатысушы Бір", "email": "one@example.kz"}"#).status == 200)
            let cli = Self.cli(target)
            func hours() async throws -> [Int] {
                try await Self.sql(target, "SELECT (payload ->> 'hours')::int FROM jobs WHERE state = 'queued' AND kind = 'event_reminder' ORDER BY 1 DESC")
                    .map { try $0.decode(Int.self) }
            }
            _ = try await cli.run("reminders", "plan")
            #expect(try await hours() == [24, 2])

            let refused = try await server.call("PUT", "/v1/events/\(id)/reminder-hours", token: token, json: #"{"hours": [48, 0]}"#)
            #expect(refused.status == 422 && refused.body.contains("hours"), "\(refused.body)")
            #expect(try await server.call("PUT", "/v1/events/\(id)/reminder-hours", token: token, json: "{}").status == 422)
            let set = try await server.call("PUT", "/v1/events/\(id)/reminder-hours", token: token, json: #"{"hours": [48, 3]}"#)
            #expect(set.status == 200, "\(set.body)")
            #expect(try await hours() == [], "the 24 h and 2 h reminders were not withdrawn")
            _ = try await cli.run("reminders", "plan")
            #expect(try await hours() == [48, 3])
            let other = try await server.call("PUT", "/v1/events/\(id)/reminder-hours", token: tokens["KZY"]!, json: #"{"hours": [5]}"#)
            #expect(other.status == 404, "another region's coordinator changed the event")

            // Back to the kind's hours, which an admin set for online seminars.
            #expect(try await cli.run("reminders", "offsets", "seminar", "online", "12,1").status == 0)
            #expect(try await server.call("PUT", "/v1/events/\(id)/reminder-hours", token: token, json: #"{"hours": null}"#).status == 200)
            _ = try await cli.run("reminders", "plan")
            #expect(try await hours() == [12, 1])
            let audit = try await Self.sql(target, "SELECT count(*)::int FROM audit_entries WHERE action = 'event.reminder_hours'")
            #expect(try audit[0].decode(Int.self) == 2)
        }
    }
}
