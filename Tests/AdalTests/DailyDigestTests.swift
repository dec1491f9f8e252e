import AdalCore
import AdalDomain
import AdalStore
import Foundation
import PostgresNIO
import Testing

@Suite("The staff's daily digest in a generated world", .timeLimit(.minutes(6)))
struct DailyDigestTests {
    @Test("a morning of the worker's ticks: each staff member with work gets exactly one digest, listing all of it, in their language; staff without work get none; an admin hears of a failed reminder")
    func oneDigestEachMorning() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        try await TestDatabase.withTarget { target in
            try await NotificationTests.seeded(target)
            let cli = NotificationTests.cli(target, ["ADAL_SMTP_URL": sink.url])
            let generated = try await cli.run("dev", "generate", "--people", "60000", "--events", "0", "--participations", "0")
            #expect(generated.status == 0, "\(generated.stderr)")
            func rows(_ sql: String) async throws -> [PostgresRow] { try await NotificationTests.sql(target, sql) }

            // The morning: the latest day whose 09:00 in Kazakhstan has passed.
            let (day, _) = NotificationTests.reminderDay(zone: "Asia/Almaty")
            // The three Kazakh offices with the most applications past their answer date that morning.
            let offices = try await rows("""
                SELECT f.code FROM applications a JOIN offices f ON f.id = a.office_id JOIN regions r ON r.id = f.region_id
                WHERE a.status IN ('received', 'screening', 'needs_info') AND a.due_on < '\(day)' AND r.country = 'KZ'
                GROUP BY f.code ORDER BY count(*) DESC, f.code LIMIT 3
                """).map { try $0.decode(String.self) }
            try #require(offices.count == 3, "the generated world has too few overdue applications")
            let languages = ["ru", "kk", "en"]
            for (office, language) in zip(offices, languages) {
                let email = "head@\(office.lowercased()).example.kz"
                #expect(try await cli.run("users", "add", "--email", email, "--name", "Басшы \(office)", "--role", "coordinator",
                                          "--office", office).status == 0)
                #expect(try await cli.run("users", "notify", email, "--head-of", office, "--language", language).status == 0)
            }
            // A reviewer of three overdue applications of the first office.
            #expect(try await cli.run("users", "add", "--email", "reviewer@example.kz", "--name", "Сарапшы Әлия", "--role", "registrar",
                                      "--office", offices[0]).status == 0)
            let reviewed = try await rows("""
                SELECT a.id::text FROM applications a JOIN offices f ON f.id = a.office_id
                WHERE f.code = '\(offices[0])' AND a.status IN ('received', 'screening', 'needs_info') AND a.due_on < '\(day)' ORDER BY a.id LIMIT 3
                """).map { try $0.decode(String.self) }
            for id in reviewed {
                let assigned = try await cli.run("applications", "assign", id, "--to", "reviewer@example.kz")
                #expect(assigned.status == 0, "\(assigned.stderr)")
            }
            // Staff with nothing waiting: a coordinator of an office whose meetings have no overdue task.
            #expect(try await cli.run("users", "add", "--email", "idle@example.kz", "--name", "Бос Қызметкер", "--role", "coordinator",
                                      "--office", offices[2]).status == 0)
            // An admin of Karaganda region, and a reminder given up on there in the night.
            #expect(try await cli.run("users", "add", "--email", "admin@example.kz", "--name", "Admin Qarağandı", "--role", "admin",
                                      "--region", "KZ-35").status == 0)
            #expect(try await cli.run("users", "notify", "admin@example.kz", "--language", "az").status == 0)
            let night = LocalTime.instant("\(day)T03:00", zone: "Asia/Almaty")!
            _ = try await rows("""
                INSERT INTO jobs (kind, occasion, region_id, state, attempts, last_error, finished_at, created_at)
                SELECT 'event_reminder', 'test-dead', r.id, 'dead', 8, '550 mailbox unavailable', '\(ISO8601DateFormatter().string(from: night))', now()
                FROM regions r WHERE r.code = 'KZ-35'
                """)
            // An overdue task from a meeting of the second office.
            try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                let region = try await NotificationTests.sql(target, "SELECT r.code FROM offices f JOIN regions r ON r.id = f.region_id WHERE f.code = '\(offices[1])'")[0]
                    .decode(String.self)
                let meetings = Meetings(context)
                let event = try await meetings.schedule(.init(kind: "seminar", format: "in_person", title: "Семинар", venue: "Зал",
                                                              regionCode: region, officeCode: offices[1], starts: "2026-11-02T10:00"),
                                                        actor: "test")
                _ = try await meetings.hold(event.id.uuidString, present: [], withoutQuorum: false, reason: nil, minutes: nil, actor: "test")
                let decision = try await Decisions(context).decide(eventID: event.id.uuidString, agendaPosition: nil, text: "Мониторинг",
                                                                   actor: "test")
                let doer = try await meetings.addPerson(NewPersonForm(name: "Орындаушы", email: nil), regionCode: region, actor: "test")
                _ = try await Decisions(context).addTask(decisionID: decision.id.uuidString, title: "Есеп беру", personID: doer.uuidString,
                                                         organisation: nil, due: day.adding(days: -3).description, actor: "test")
            }

            // The worker's ticks through the morning, one an hour from local midnight until now (at
            // most until 21:00): planning again and again queues each member's digest once.
            let midnight = LocalTime.instant("\(day)T00:00", zone: "Asia/Almaty")!
            for hour in 0...21 {
                let tick = midnight.addingTimeInterval(Double(hour) * 3600)
                guard tick <= Date() else { break }
                try await Database.with(target, logger: TestDatabase.logger) { database in
                    try await database.transaction { connection in
                        try await ReminderRepository(logger: TestDatabase.logger).planDailyDigests(now: tick, graceHours: 12, on: connection)
                    }
                }
            }
            let planned = try await rows("SELECT count(*)::int FROM jobs WHERE occasion LIKE 'daily-digest:%:\(day)'")[0].decode(Int.self)
            #expect(planned == 5, "three heads, the reviewer and the admin")
            let run = try await cli.run("worker", "--until-idle")
            #expect(run.status == 0, "\(run.stderr)")

            let subjects = ["Ежедневная сводка", "Күнделікті шолу", "Daily digest", "Gündəlik icmal"].map { "\($0), \(day)" }
            let digests = try await sink.messages().filter { subjects.contains($0["subject"] as? String ?? "") }
            func received(_ email: String) -> [String] {
                digests.filter { ($0["to"] as? String)?.contains("<\(email)>") == true }
                    .map { ($0["text"] as? String ?? "").replacingOccurrences(of: "\r\n", with: "\n") }
            }
            #expect(received("idle@example.kz").isEmpty)
            #expect(digests.count == 5, "\(digests.map { $0["to"] ?? "" })")

            // Each head: every overdue application of the office, counted as the database counts them.
            for (office, language) in zip(offices, languages) {
                let mine = received("head@\(office.lowercased()).example.kz")
                #expect(mine.count == 1, "\(office): \(mine.count) digests")
                let overdue = try await rows("""
                    SELECT count(*)::int FROM applications a JOIN offices f ON f.id = a.office_id
                    WHERE f.code = '\(office)' AND a.status IN ('received', 'screening', 'needs_info') AND a.due_on < '\(day)'
                    """)[0].decode(Int.self)
                let heading = ["ru": "Заявления с просроченным ответом", "kk": "Жауап беру мерзімі өткен өтініштер",
                               "en": "Applications past their answer date"][language]!
                let text = try #require(mine.first)
                #expect(text.contains("\(heading) (\(overdue)):"), "\(office): \(text.prefix(400))")
                let listed = text.split(separator: "\n").filter { $0.hasPrefix("- ") }.count
                #expect(listed == min(overdue, 50) + (office == offices[1] ? 1 : 0), "\(office): lists at most 50 of each, and its overdue task")
            }
            let taskHead = try #require(received("head@\(offices[1].lowercased()).example.kz").first)
            #expect(taskHead.contains("Мерзімі өткен тапсырмалар (1):\n- Есеп беру, мерзімі \(day.adding(days: -3)), Семинар"), "\(taskHead)")
            let reviewer = try #require(received("reviewer@example.kz").first)
            #expect(reviewer.contains("Жауап беру мерзімі өткен өтініштер (3):"), "\(reviewer)")
            let admin = try #require(received("admin@example.kz").first)
            #expect(admin.contains("Çatdırılmamış bildirişlər (1):") && admin.contains("550 mailbox unavailable"), "\(admin)")
            #expect(!admin.contains("müraciətlər"), "an admin who reviews nothing and heads nothing has no applications in the digest")

            // No e-mail per overdue application any more.
            #expect(try await rows("SELECT count(*)::int FROM jobs WHERE kind = 'application_reminder' AND payload ->> 'kind' = 'overdue'")[0]
                .decode(Int.self) == 0)
        }
    }
}
