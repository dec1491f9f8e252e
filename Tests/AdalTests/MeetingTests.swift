import AdalCore
import AdalDomain
import AdalStore
import Foundation
import PostgresNIO
import Testing

/// Running events through the API (and the CLI where an operator would): local times, calendars,
/// quorum, certificates.
@Suite("Hearings, meetings and certificates", .timeLimit(.minutes(5)))
struct MeetingTests {
    /// A seeded database, coordinators of Kyzylorda (KZY) and Karaganda (KAR), and the server.
    static func withServer(_ body: @Sendable (APIServer, [String: String], DatabaseTarget) async throws -> Void) async throws {
        try await TestDatabase.withTarget { target in
            let passwords = try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                let accounts = StaffAccounts(context, bcryptCost: 4)
                var passwords: [String: String] = [:]
                for office in ["KZY", "KAR"] {
                    passwords[office] = try await accounts.add(
                        email: "coordinator@\(office.lowercased()).example.kz", name: "Үйлестіруші \(office)", role: .coordinator,
                        officeCode: office, regionCode: nil, allRegions: false, actor: "test").password
                }
                return passwords
            }
            let server = try await APIServer(databaseURL: target.url(includingPassword: true))
            defer { server.stop() }
            var tokens: [String: String] = [:]
            for (office, password) in passwords {
                tokens[office] = try await server.login("coordinator@\(office.lowercased()).example.kz", password)
            }
            try await body(server, tokens, target)
        }
    }

    /// What Python's icalendar reads from a calendar: method, sequence, status and the start as a UTC instant.
    static func readCalendar(_ text: String) async throws -> [String: String] {
        let fields = try await runPython("""
            import sys, json, datetime, icalendar
            calendar = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
            event = next(iter(calendar.walk('VEVENT')))
            print(json.dumps({'method': str(calendar['METHOD']), 'sequence': str(event['SEQUENCE']),
                              'status': str(event['STATUS']), 'summary': str(event['SUMMARY']),
                              'start_utc': event['DTSTART'].dt.astimezone(datetime.timezone.utc).isoformat(),
                              'start_local': event['DTSTART'].dt.isoformat()}))
            """, input: text, what: "the calendar")
        return fields.compactMapValues { $0 as? String }
    }

    @Test("a hearing in Kyzylorda at 15:00 is stored at 10:00 UTC, shown at 15:00 by API and CLI; its calendar follows postponing and cancelling")
    func localTimesAndCalendars() async throws {
        try await Self.withServer { server, tokens, target in
            let token = tokens["KZY"]!
            let created = try await server.call("POST", "/v1/events", token: token, json: """
                {"kind": "public_hearing", "title": "Публичные слушания по бюджету", "venue": "Кызылорда, акимат, зал 1",
                 "region": "KZ-43", "office": "KZY", "starts": "2026-12-15T15:00", "ends": "2026-12-15T17:00"}
                """)
            #expect(created.status == 201, "\(created.body)")
            let id = try #require(created.json["id"] as? String)
            #expect(created.json["starts_at"] as? String == "2026-12-15T10:00:00Z")
            #expect(created.json["starts_local"] as? String == "2026-12-15 15:00")
            #expect(created.json["time_zone"] as? String == "Asia/Qyzylorda")
            let stored = try await Database.with(target, logger: TestDatabase.logger) { database in
                try await database.withConnection { connection in
                    try await connection.query("SELECT (starts_at AT TIME ZONE 'UTC')::text FROM events WHERE id = \(UUID(uuidString: id)!)",
                                               logger: TestDatabase.logger).collect().first!.decode(String.self)
                }
            }
            #expect(stored == "2026-12-15 10:00:00")
            let cli = CLI(databaseURL: target.url(includingPassword: true), home: NSTemporaryDirectory() + "adal-\(UUID().uuidString)")
            let shown = try await cli.run("events", "show", id)
            #expect(shown.stdout.contains("2026-12-15 15:00"), "\(shown.stdout)")

            let invitation = try await Self.readCalendar(try await server.call("GET", "/v1/events/\(id).ics", token: token).body)
            #expect(invitation["method"] == "REQUEST")
            #expect(invitation["sequence"] == "0")
            #expect(invitation["start_utc"] == "2026-12-15T10:00:00+00:00")
            #expect(invitation["start_local"] == "2026-12-15T15:00:00+05:00")
            #expect(invitation["summary"] == "Публичные слушания по бюджету")

            let renamed = try await server.call("PATCH", "/v1/events/\(id)", token: token,
                                                json: #"{"title": "Публичные слушания по проекту бюджета", "capacity": 120}"#)
            #expect(renamed.status == 200 && renamed.json["title"] as? String == "Публичные слушания по проекту бюджета")
            let noVenue = try await server.call("PATCH", "/v1/events/\(id)", token: token, json: #"{"venue": null}"#)
            #expect(noVenue.status == 422 && noVenue.body.contains(#""field":"venue""#))
            let retitled = try await Self.readCalendar(try await server.call("GET", "/v1/events/\(id).ics", token: token).body)
            #expect(retitled["sequence"] == "1" && retitled["summary"] == "Публичные слушания по проекту бюджета")

            let moved = try await server.call("POST", "/v1/events/\(id)/postpone", token: token,
                                              json: #"{"starts": "2026-12-22T11:00", "reason": "the hall is taken"}"#)
            #expect(moved.status == 200, "\(moved.body)")
            #expect(moved.json["starts_local"] as? String == "2026-12-22 11:00")
            let postponed = try await Self.readCalendar(try await server.call("GET", "/v1/events/\(id).ics", token: token).body)
            #expect(postponed["sequence"] == "2" && postponed["start_utc"] == "2026-12-22T06:00:00+00:00")

            let refused = try await server.call("POST", "/v1/events/\(id)/cancel", token: token, json: "{}")
            #expect(refused.status == 422 && refused.body.contains(#""field":"reason""#))
            let cancelled = try await server.call("POST", "/v1/events/\(id)/cancel", token: token, json: #"{"reason": "the akimat asked"}"#)
            #expect(cancelled.json["status"] as? String == "cancelled")
            let cancellation = try await Self.readCalendar(try await server.call("GET", "/v1/events/\(id).ics", token: token).body)
            #expect(cancellation["method"] == "CANCEL" && cancellation["status"] == "CANCELLED" && cancellation["sequence"] == "3")

            let history = try await Database.with(target, logger: TestDatabase.logger) { database in
                try await database.withConnection { connection in
                    try await connection.query("""
                        SELECT kind || ':' || coalesce((from_starts_at AT TIME ZONE 'UTC')::text, '') FROM event_changes
                        WHERE event_id = \(UUID(uuidString: id)!) ORDER BY id
                        """, logger: TestDatabase.logger).collect().map { try $0.decode(String.self) }
                }
            }
            #expect(history == ["scheduled:", "updated:2026-12-15 10:00:00", "postponed:2026-12-15 10:00:00",
                                "cancelled:2026-12-22 06:00:00"])
            // Another region's coordinator does not see it.
            #expect(try await server.call("GET", "/v1/events/\(id).ics", token: tokens["KAR"]).status == 404)
        }
    }

    @Test("a council of 9 members with 4 present is not held without --without-quorum and a reason; with 5 it is")
    func quorum() async throws {
        try await Self.withServer { server, tokens, target in
            let token = tokens["KAR"]!
            let council = try await server.call("GET", "/v1/councils/KAR-COMM", token: token)
            var members = (council.json["members"] as? [[String: Any]] ?? []).compactMap { $0["person_id"] as? String }
            for n in members.count..<9 {
                let added = try await server.call("POST", "/v1/councils/KAR-COMM/members", token: token,
                                                  json: #"{"name": "Комиссия мүшесі \#(n)", "position": "мүше", "role": "member", "email": "member\#(n)@kar.example.kz"}"#)
                #expect(added.status == 201, "\(added.body)")
                members = (added.json["members"] as? [[String: Any]] ?? []).compactMap { $0["person_id"] as? String }
            }
            #expect(members.count == 9)
            func meeting(_ day: Int) async throws -> String {
                let created = try await server.call("POST", "/v1/events", token: token, json: """
                    {"kind": "commission_meeting", "title": "Заседание комиссии", "venue": "Караганда", "region": "KZ-35",
                     "office": "KAR", "council": "KAR-COMM", "starts": "2026-12-0\(day)T10:00"}
                    """)
                #expect(created.status == 201, "\(created.body)")
                return try #require(created.json["id"] as? String)
            }
            func present(_ count: Int) -> String { "[" + members.prefix(count).map { "\"\($0)\"" }.joined(separator: ", ") + "]" }

            let first = try await meeting(1)
            let four = try await server.call("POST", "/v1/events/\(first)/hold", token: token, json: #"{"present": \#(present(4))}"#)
            #expect(four.status == 422)
            #expect(four.body.contains("4 of 9 members present; the quorum is 5"), "\(four.body)")
            let noReason = try await server.call("POST", "/v1/events/\(first)/hold", token: token,
                                                 json: #"{"present": \#(present(4)), "without_quorum": true}"#)
            #expect(noReason.status == 422 && noReason.body.contains(#""field":"reason""#))
            let five = try await server.call("POST", "/v1/events/\(first)/hold", token: token, json: #"{"present": \#(present(5))}"#)
            #expect(five.status == 200, "\(five.body)")
            #expect(five.json["quorum_met"] as? Bool == true && five.json["present"] as? Int == 5 && five.json["quorum"] as? Int == 5)
            let held = try await server.call("GET", "/v1/events/\(first)", token: token)
            #expect(held.json["status"] as? String == "held")
            #expect((held.json["participants"] as? [[String: Any]])?.filter { $0["attendance"] as? String == "attended" }.count == 5)

            // The CLI refuses the same way, and records a meeting held without quorum when told why.
            let second = try await meeting(2)
            let cli = CLI(databaseURL: target.url(includingPassword: true), home: NSTemporaryDirectory() + "adal-\(UUID().uuidString)")
            let presentArguments = members.prefix(4).flatMap { ["--present", $0] }
            let refused = try await cli.run(["events", "hold", second] + presentArguments)
            #expect(refused.status == 1 && refused.stderr.contains("quorum is 5"), "\(refused.stderr)")
            let forced = try await cli.run(["events", "hold", second, "--without-quorum", "--reason", "urgent decision on a complaint"]
                                           + presentArguments)
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect(forced.stdout.contains("no"))

            // A council may set its own share: two thirds of 9 rounds up to 7.
            let share = try await server.call("POST", "/v1/councils/KAR-COMM/quorum", token: token, json: #"{"fraction": 0.67}"#)
            #expect(share.status == 200, "\(share.body)")
            let third = try await meeting(3)
            let six = try await server.call("POST", "/v1/events/\(third)/hold", token: token, json: #"{"present": \#(present(6))}"#)
            #expect(six.status == 422 && six.body.contains("the quorum is 7"), "\(six.body)")
            let seven = try await server.call("POST", "/v1/events/\(third)/hold", token: token, json: #"{"present": \#(present(7))}"#)
            #expect(seven.status == 200 && seven.json["quorum"] as? Int == 7)
        }
    }

    @Test("postponed until further notice has no times and is shown as postponed; a meeting held after attendance was ticked keeps it, its invited guest present, only members counted toward the quorum")
    func postponeAndHoldAsTicked() async throws {
        try await TestDatabase.withDatabase { context in
            try await seeded(context)
            let meetings = Meetings(context)
            let seminar = try await meetings.schedule(.init(kind: "seminar", format: "online", title: "Семинар",
                                                            link: "https://meet.example.kz/a", regionCode: "KZ-35",
                                                            starts: "2026-12-20T15:00"), actor: "t")
            let postponed = try await meetings.postpone(seminar.id.uuidString, starts: nil, ends: nil, reason: "спикер ауырды", actor: "t")
            #expect(postponed.status == .postponed && postponed.startsAt == nil && postponed.endsAt == nil)
            #expect(seminar.startsAt != nil)

            var council = try await Directory(context).council("KAR-COMM")
            for n in 1...2 {
                council = try await meetings.addMember(councilCode: "KAR-COMM", person: .new(NewPersonForm(name: "Мүше \(n)")),
                                                       role: "member", position: nil, termFrom: "2026-01-01", termTo: nil,
                                                       reachedByOffice: true, actor: "t")
            }
            let members = council.members.compactMap(\.personID)
            #expect(members.count == 3)
            let meeting = try await meetings.schedule(.init(kind: "commission_meeting", format: "in_person", title: "Отырыс",
                                                            venue: "Қарағанды", regionCode: "KZ-35", officeCode: "KAR",
                                                            councilCode: "KAR-COMM", starts: "2026-11-10T10:00"), actor: "t")
            let id = meeting.id.uuidString
            let guest = try await meetings.addPerson(NewPersonForm(name: "Қонақ Адам"), regionCode: "KZ-35", actor: "t")
            let invited: [UUID] = Array(members.prefix(2)) + [guest]
            for person in invited {
                _ = try await meetings.invite(id, person: .known(person.uuidString), role: "participant", actor: "t")
            }
            #expect(try await meetings.quorumPreview(id)?.quorum == 2)
            let rows: [(who: String, attended: Bool)] = invited.map { ($0.uuidString, true) }
            _ = try await meetings.recordAttendance(id, rows: rows, actor: "t")
            let report = try await meetings.hold(id, present: [], withoutQuorum: false, reason: nil, minutes: nil, actor: "t")
            #expect(report.quorumMet && report.present == 2 && report.quorum == 2 && report.membersInOffice == 3)
            let held = try await Directory(context).event(id)
            #expect(held.status == .held)
            let attended: Set<UUID> = Set(held.participants.filter { $0.attendance == .attended }.map(\.personID))
            let ticked: Set<UUID> = Set(invited)
            #expect(attended == ticked)
        }
    }

    @Test("200 certificates issued by 4 concurrent requests get 200 distinct consecutive numbers; anyone can check one")
    func certificates() async throws {
        try await Self.withServer { server, tokens, target in
            let token = tokens["KAR"]!
            let events = try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                let meetings = Meetings(context)
                var events: [String] = []
                for n in 1...4 {
                    let event = try await meetings.schedule(.init(
                        kind: "seminar", format: "in_person", title: "Семинар \(n)", venue: "Караганда", regionCode: "KZ-35",
                        officeCode: "KAR", starts: "2026-11-1\(n)T10:00"), actor: "test")
                    var people: [String] = []
                    for p in 1...50 {
                        let person = try await meetings.addPerson(
                            NewPersonForm(name: "Қатысушы \(n)-\(p)", language: ["kk", "ru", "en"][p % 3]), regionCode: "KZ-35",
                            actor: "test")
                        _ = try await meetings.invite(event.id.uuidString, person: .known(person.uuidString), role: "participant",
                                                      actor: "test")
                        people.append(person.uuidString)
                    }
                    _ = try await meetings.hold(event.id.uuidString, present: people, withoutQuorum: false, reason: nil,
                                                minutes: nil, actor: "test")
                    events.append(event.id.uuidString)
                }
                return events
            }
            let replies = try await withThrowingTaskGroup(of: APIServer.Reply.self) { group in
                for event in events {
                    group.addTask { try await server.call("POST", "/v1/events/\(event)/certificates", token: token) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(replies.allSatisfy { $0.status == 200 }, "\(replies.map { $0.body.prefix(200) })")
            let numbers = replies.flatMap { ($0.json["items"] as? [[String: Any]] ?? []).compactMap { $0["number"] as? String } }
            #expect(numbers.count == 200)
            #expect(Set(numbers).count == 200)
            #expect(numbers.allSatisfy { $0.hasPrefix("KAR-2026-") })
            let serials = numbers.compactMap { Int($0.split(separator: "-").last!) }.sorted()
            #expect(serials == Array(1...200))
            // Issuing again gives nothing new.
            let again = try await server.call("POST", "/v1/events/\(events[0])/certificates", token: token)
            #expect((again.json["items"] as? [Any])?.isEmpty == true)

            let codes = Dictionary(uniqueKeysWithValues: replies.flatMap { ($0.json["items"] as? [[String: Any]] ?? []) }
                .compactMap { item in (item["number"] as? String).map { ($0, item["check_code"] as? String ?? "") } })
            #expect(Set(codes.values).count == 200, "each certificate has a check code of its own")
            let first = try #require(codes["KAR-2026-0001"])
            // The number alone, or with another certificate's code, tells nothing; typed loosely, the code still checks.
            #expect(try await server.call("GET", "/v1/public/certificates/kar-2026-0001").status == 422)
            #expect(try await server.call("GET", "/v1/public/certificates/kar-2026-0001?code=\(codes["KAR-2026-0002"]!)").status == 404)
            let loose = first.lowercased().prefix(5) + "-" + first.lowercased().dropFirst(5)
            let check = try await server.call("GET", "/v1/public/certificates/kar-2026-0001?code=\(loose)")
            #expect(check.status == 200, "\(check.body)")
            #expect(Set(check.json.keys) == ["number", "holder", "event_title", "event_date", "office_code"])
            #expect((check.json["holder"] as? String)?.hasPrefix("Қатысушы") == true)
            #expect((check.json["event_title"] as? String)?.hasPrefix("Семинар") == true)
            #expect(try await server.call("GET", "/v1/public/certificates/KAR-2026-0201?code=\(first)").status == 404)
            let cli = CLI(databaseURL: target.url(includingPassword: true), home: NSTemporaryDirectory() + "adal-\(UUID().uuidString)")
            let verified = try await cli.run("certificates", "verify", "KAR-2026-0200", "--code", codes["KAR-2026-0200"]!)
            #expect(verified.status == 0 && verified.stdout.contains("Қатысушы"), "\(verified.stderr)")
            #expect(try await cli.run("certificates", "verify", "KAR-2026-0200", "--code", first).status == 1)
            let printed = try await cli.run("certificates", "print", "KAR-2026-0001", "--lang", "en")
            #expect(printed.stdout.contains("Check code: \(first)"))
        }
    }

    @Test("a meeting's agenda, decisions and tasks: overdue tasks are listed as such, reports and closing are kept")
    func decisionsAndTasks() async throws {
        try await Self.withServer { server, tokens, target in
            let token = tokens["KAR"]!
            let created = try await server.call("POST", "/v1/events", token: token, json: """
                {"kind": "commission_meeting", "title": "Заседание комиссии", "venue": "Караганда", "region": "KZ-35",
                 "office": "KAR", "council": "KAR-COMM", "starts": "2026-11-20T10:00"}
                """)
            let event = try #require(created.json["id"] as? String)
            for (title, presenter) in [("Об итогах мониторинга", "Бөлекпаев Е."), ("О плане на 2027 год", "")] {
                let item = try await server.call("POST", "/v1/events/\(event)/agenda", token: token,
                                                 json: #"{"title": "\#(title)", "presenter": "\#(presenter)"}"#)
                #expect(item.status == 201, "\(item.body)")
            }
            let agenda = try await server.call("GET", "/v1/events/\(event)/agenda", token: token)
            #expect(agenda.items.map { $0["position"] as? Int } == [1, 2])
            let early = try await server.call("POST", "/v1/events/\(event)/decisions", token: token, json: #"{"text": "Рано"}"#)
            #expect(early.status == 422 && early.body.contains("held"), "decisions wait for the meeting: \(early.body)")
            let held = try await server.call("POST", "/v1/events/\(event)/hold", token: token,
                                             json: #"{"without_quorum": true, "reason": "the members were away"}"#)
            #expect(held.status == 200, "\(held.body)")
            let missing = try await server.call("POST", "/v1/events/\(event)/decisions", token: token,
                                                json: #"{"text": "Принять к сведению", "agenda_item": 3}"#)
            #expect(missing.status == 422 && missing.body.contains("agenda_item"))
            let decision = try await server.call("POST", "/v1/events/\(event)/decisions", token: token,
                                                 json: #"{"text": "Поручить провести мониторинг школ", "agenda_item": 1}"#)
            #expect(decision.status == 201, "\(decision.body)")
            let decisionID = try #require(decision.json["id"] as? String)
            let member = try #require(((try await server.call("GET", "/v1/councils/KAR-COMM", token: token)).json["members"]
                                       as? [[String: Any]])?.first?["person_id"] as? String)
            let late = try await server.call("POST", "/v1/decisions/\(decisionID)/tasks", token: token,
                                             json: #"{"title": "Провести мониторинг", "person": "\#(member)", "due": "2026-01-15"}"#)
            #expect(late.status == 201, "\(late.body)")
            #expect(late.json["overdue"] as? Bool == true)
            let later = try await server.call("POST", "/v1/decisions/\(decisionID)/tasks", token: token,
                                              json: #"{"title": "Подготовить отчёт", "organisation": "Управление образования", "due": "2099-01-15"}"#)
            #expect(later.status == 201 && later.json["overdue"] as? Bool == false && later.json["assignee_kind"] as? String == "organisation")
            let overdue = try await server.call("GET", "/v1/tasks?overdue=true&council=KAR-COMM", token: token)
            #expect(overdue.items.map { $0["title"] as? String } == ["Провести мониторинг"])
            let byAssignee = try await server.call("GET", "/v1/tasks?assignee=управление", token: token)
            #expect(byAssignee.items.map { $0["title"] as? String } == ["Подготовить отчёт"])
            let lateID = try #require(late.json["id"] as? String)
            let reported = try await server.call("POST", "/v1/tasks/\(lateID)/reports", token: token,
                                                 json: #"{"text": "Проверено 12 школ из 20"}"#)
            #expect(reported.status == 200)
            let done = try await server.call("POST", "/v1/tasks/\(lateID)/done", token: token)
            #expect(done.json["status"] as? String == "done" && done.json["overdue"] as? Bool == false)
            let shown = try await server.call("GET", "/v1/tasks/\(lateID)", token: token)
            #expect((shown.json["reports"] as? [[String: Any]])?.first?["text"] as? String == "Проверено 12 школ из 20")
            #expect(try await server.call("POST", "/v1/tasks/\(lateID)/done", token: token).status == 422)
            #expect(try await server.call("GET", "/v1/tasks/\(lateID)", token: tokens["KZY"]).status == 404)

            let cli = CLI(databaseURL: target.url(includingPassword: true), home: NSTemporaryDirectory() + "adal-\(UUID().uuidString)")
            let listed = try await cli.run("tasks", "list", "--council", "KAR-COMM")
            #expect(listed.status == 0 && listed.stdout.contains("Подготовить отчёт") && listed.stdout.contains("done"), "\(listed.stderr)")
        }
    }

    @Test("participants answer, attendance comes from a CSV sheet, volunteers' overlapping events are warned of; sheets and certificates print")
    func participantsAndPrintables() async throws {
        try await Self.withServer { server, tokens, target in
            let token = tokens["KAR"]!
            func seminar(_ title: String, _ starts: String, _ ends: String) async throws -> String {
                let created = try await server.call("POST", "/v1/events", token: token, json: """
                    {"kind": "seminar", "title": "\(title)", "venue": "Караганда, ул. Ерубаева 37", "region": "KZ-35", "office": "KAR",
                     "starts": "\(starts)", "ends": "\(ends)"}
                    """)
                return try #require(created.json["id"] as? String, "\(created.body)")
            }
            let first = try await seminar("Семинар для волонтёров", "2026-12-03T10:00", "2026-12-03T13:00")
            let second = try await seminar("Круглый стол", "2026-12-03T12:00", "2026-12-03T14:00")
            var people: [String] = []
            var languages: [String] = []
            // A new person's language is theirs when given, else the state language of the event's country.
            for (name, position, language) in [("Қалымбетова Айгерім", "студент", ""), ("Иванов Пётр", "эксперт", #", "language": "ru""#),
                                               ("Сейтқали Нұрлан", "журналист", "")] {
                let invited = try await server.call("POST", "/v1/events/\(first)/participants", token: token,
                                                    json: #"{"name": "\#(name)", "position": "\#(position)", "organisation": "КарУ", "phone": "8 701 555 01 02", "role": "participant"\#(language)}"#)
                #expect(invited.status == 200, "\(invited.body)")
                (people, languages) = try await Database.with(target, logger: TestDatabase.logger) { database in
                    try await database.withConnection { connection in
                        let rows = try await connection.query("""
                            SELECT p.id::text, p.language FROM participants pa JOIN people p ON p.id = pa.person_id
                            WHERE pa.event_id = \(UUID(uuidString: first)!) ORDER BY pa.id
                            """, logger: TestDatabase.logger).collect().map { try $0.decode((String, String).self) }
                        return (rows.map(\.0), rows.map(\.1))
                    }
                }
            }
            #expect(languages == ["kk", "ru", "kk"])
            let declined = try await server.call("POST", "/v1/events/\(first)/responses", token: token,
                                                 json: #"{"person": "\#(people[2])", "response": "declined"}"#)
            #expect(declined.status == 200)
            let stranger = try await server.call("POST", "/v1/events/\(first)/responses", token: token,
                                                 json: #"{"person": "\#(UUID().uuidString)", "response": "registered"}"#)
            #expect(stranger.status == 422)

            let sheet = "name,organisation,attended\nKalymbetova Aigerim,КарУ,да\nИванов Пётр,НПО,нет\nНикто Никтоев,,да\n"
            let wrong = try await server.call("POST", "/v1/events/\(first)/attendance", token: token, body: Data(sheet.utf8),
                                              headers: ["Content-Type": "text/csv"])
            #expect(wrong.status == 422 && wrong.body.contains("row 3"), "\(wrong.body)")
            let right = try await server.call("POST", "/v1/events/\(first)/attendance", token: token,
                                              body: Data(sheet.replacingOccurrences(of: "Никто Никтоев,,да\n", with: "").utf8),
                                              headers: ["Content-Type": "text/csv"])
            #expect(right.status == 200, "\(right.body)")
            let attendance = (right.json["participants"] as? [[String: Any]] ?? []).reduce(into: [String: String]()) {
                $0[$1["full_name"] as? String ?? ""] = $1["attendance"] as? String ?? "-"
            }
            #expect(attendance["Қалымбетова Айгерім"] == "attended" && attendance["Иванов Пётр"] == "absent")
            #expect((right.json["participants"] as? [[String: Any]] ?? []).allSatisfy { $0["organisation"] as? String == "КарУ" })

            let volunteer = try #require(try await Database.with(target, logger: TestDatabase.logger) { database in
                try await Volunteers(AdalContext(database: database)).list(regionCode: "KZ-35", status: nil, kind: nil, after: nil,
                                                                           limit: 1).first?.id.uuidString
            })
            let once = try await server.call("POST", "/v1/events/\(first)/volunteers", token: token,
                                             json: #"{"volunteer": "\#(volunteer)", "role": "registration"}"#)
            #expect(once.status == 200 && (once.json["warnings"] as? [String])?.isEmpty == true, "\(once.body)")
            let twice = try await server.call("POST", "/v1/events/\(second)/volunteers", token: token,
                                              json: #"{"volunteer": "\#(volunteer)", "role": "moderator's aide"}"#)
            #expect((twice.json["warnings"] as? [String])?.first?.contains("Семинар для волонтёров (2026-12-03 10:00)") == true,
                    "\(twice.body)")

            // In the state language of the event's country unless another is asked for.
            let page = try await server.call("GET", "/v1/events/\(first)/attendance-sheet.html", token: token)
            #expect(page.status == 200 && page.body.contains("Қалымбетова Айгерім") && page.body.contains("<th>Қолы</th>"))
            let englishSheet = try await server.call("GET", "/v1/events/\(first)/attendance-sheet.html?lang=en", token: token)
            #expect(englishSheet.body.contains("<th>Signature</th>") && !englishSheet.body.contains("Қолы"))
            #expect(!page.body.contains("<script"))

            // Held, certified: the certificate prints in the holder's language (kk by default for new people here: ru).
            let held = try await server.call("POST", "/v1/events/\(first)/hold", token: token,
                                             json: #"{"present": ["\#(people[0])"], "minutes": "Семинар өтті; 1 қатысушы."}"#)
            #expect(held.status == 200, "\(held.body)")
            #expect(try await server.call("GET", "/v1/events/\(first)", token: token).json["minutes"] as? String == "Семинар өтті; 1 қатысушы.")
            let issued = try await server.call("POST", "/v1/events/\(first)/certificates", token: token)
            let number = try #require((issued.json["items"] as? [[String: Any]])?.first?["number"] as? String)
            let kazakh = try await server.call("GET", "/v1/certificates/\(number).html?lang=kk", token: token)
            #expect(kazakh.status == 200 && kazakh.body.contains("lang=\"kk\"") && kazakh.body.contains("іс-шарасына қатысқанын растайды"))
            #expect(kazakh.body.contains("Қалымбетова Айгерім") && kazakh.body.contains(number))
            let english = try await server.call("GET", "/v1/certificates/\(number).html?lang=en", token: token)
            #expect(english.body.contains("This certifies that"))
            #expect(try await server.call("GET", "/v1/certificates/\(number).html", token: tokens["KZY"]).status == 404)

            let cli = CLI(databaseURL: target.url(includingPassword: true), home: NSTemporaryDirectory() + "adal-\(UUID().uuidString)")
            let csv = try await cli.run("events", "attendance-sheet", first, "--format", "csv")
            #expect(csv.stdout.hasPrefix("name,organisation,role,signature\r\n"), "\(csv.stdout)")
            let printed = try await cli.run("certificates", "print", number, "--lang", "uz")
            #expect(printed.stdout.contains("tadbirida ishtirok etganini tasdiqlaydi"))
        }
    }

    /// One source text's event as a coordinator enters it: scheduled, people invited with their roles, held.
    struct SourceEvent {
        let schedule: String
        let people: [(name: String, position: String, role: String)]
    }

    @Test("each of the five source texts is entered end to end through the API: events held with their people and roles, the seminar's certificates and tasks")
    func sourceTexts() async throws {
        try await TestDatabase.withTarget { target in
            let password = try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                return try await StaffAccounts(context, bcryptCost: 4).add(
                    email: "coordinator@agency.example", name: "Coordinator", role: .coordinator, officeCode: nil,
                    regionCode: nil, allRegions: true, actor: "test").password
            }
            let server = try await APIServer(databaseURL: target.url(includingPassword: true))
            defer { server.stop() }
            let token = try await server.login("coordinator@agency.example", password)
            let texts: [(String, SourceEvent)] = [
                ("Abşeron videoconference", SourceEvent(schedule: """
                    {"kind": "videoconference", "format": "online", "link": "https://meet.example.az/absheron",
                     "title": "“Korrupsiyaya birgə yox deyək” mövzusunda videokonfrans", "region": "AZ-ABS", "office": "ABS-EX",
                     "starts": "2022-12-20T11:00", "plan_items": ["AZ-NAP-2022-2026 6.2", "AZ-NAP-2022-2026 6.9"]}
                    """, people: [("Gülnar Rəhimova", "Abşeron rayon icra hakimiyyəti başçısının müavini", "speaker"),
                                  ("İctimai şuranın üzvü", "Abşeron rayonu İctimai Şurası", "participant"),
                                  ("Media nümayəndəsi", "media", "media")])),
                ("Yardımlı round table", SourceEvent(schedule: """
                    {"kind": "round_table", "title": "Dəyirmi masa: Hökumət–Vətəndaş Cəmiyyəti Dialoqu Platforması",
                     "venue": "Yardımlı Rayon İcra Hakimiyyəti", "region": "AZ-YAR", "office": "YAR-EX",
                     "starts": "2022-12-28T11:00", "plan_items": ["AZ-OGP-2020-2022 5.6"]}
                    """, people: [("Əfsanə Məmmədova", "Rayon İcra Hakimiyyəti başçısının müavini", "moderator"),
                                  ("Mehralı Mustafa", "İctimai Şuranın üzvü", "speaker")])),
                ("Uzbek seminar", SourceEvent(schedule: """
                    {"kind": "seminar", "title": "Ҳудудларда давлат органларининг коррупцияга қарши курашиш фаолиятини самарали мувофиқлаштириш",
                     "venue": "Тошкент", "region": "UZ", "office": "UZ-ACA", "starts": "2022-12-02T10:00",
                     "partners": ["Коррупцияга қарши курашиш миллий кенгаши", "БМТ Тараққиёт дастури"]}
                    """, people: [("Ҳудудий кенгаш котиби (Самарқанд)", "котиб", "participant"),
                                  ("Ҳудудий кенгаш котиби (Фарғона)", "котиб", "participant"),
                                  ("Кенгаш таркибидаги ННТ вакили", "ННТ", "participant")])),
                ("Karaganda commission", SourceEvent(schedule: """
                    {"kind": "commission_meeting", "title": "Сыбайлас жемқорлыққа қарсы іс-қимыл мәселелері жөніндегі өңірлік комиссия",
                     "venue": "Қарағанды облысының әкімдігі", "region": "KZ-35", "office": "KAR", "council": "KAR-COMM",
                     "starts": "2025-09-10T10:00"}
                    """, people: [])),
                ("Kyzylorda public hearing", SourceEvent(schedule: """
                    {"kind": "public_hearing", "format": "online", "link": "https://meet.example.kz/kzy-hearing",
                     "title": "Қоғамдық тыңдау: ҮЕҰ-ның, сарапшылар қауымдастығының сыбайлас жемқорлыққа қарсы мәдениетті қалыптастыруға қатысуын кеңейту",
                     "region": "KZ-43", "office": "KZY", "starts": "2022-05-25T15:00",
                     "partners": ["«Жаңару» РҚБ", "Азаматтық бастамаларды қолдау орталығы"]}
                    """, people: [("Дәулеткерей Рахметуллин", "«Жаңару» РҚБ төраға орынбасары", "moderator"),
                                  ("Серік Ахмет", "облыс әкімінің орынбасары", "speaker"),
                                  ("Наурызбай Байқадамов", "облыстық мәслихат хатшысы", "speaker"),
                                  ("Ғалия Әлімқұлова", "Агенттік департаменті басшысының бірінші орынбасары", "speaker")])),
            ]
            for (label, text) in texts {
                let created = try await server.call("POST", "/v1/events", token: token, json: text.schedule)
                #expect(created.status == 201, "\(label): \(created.body)")
                let id = try #require(created.json["id"] as? String)
                for person in text.people {
                    let invited = try await server.call("POST", "/v1/events/\(id)/participants", token: token,
                                                        json: #"{"name": "\#(person.name)", "position": "\#(person.position)", "role": "\#(person.role)"}"#)
                    #expect(invited.status == 200, "\(label): \(invited.body)")
                }
                let event = try await server.call("GET", "/v1/events/\(id)", token: token)
                let participants = event.json["participants"] as? [[String: Any]] ?? []
                var present = try await Database.with(target, logger: TestDatabase.logger) { database in
                    try await database.withConnection { connection in
                        try await connection.query("SELECT person_id::text FROM participants WHERE event_id = \(UUID(uuidString: id)!)",
                                                   logger: TestDatabase.logger).collect().map { try $0.decode(String.self) }
                    }
                }
                if label == "Karaganda commission" {
                    let council = try await server.call("GET", "/v1/councils/KAR-COMM", token: token)
                    present = (council.json["members"] as? [[String: Any]] ?? []).compactMap { $0["person_id"] as? String }
                }
                let held = try await server.call("POST", "/v1/events/\(id)/hold", token: token,
                                                 json: #"{"present": [\#(present.map { "\"\($0)\"" }.joined(separator: ", "))]}"#)
                #expect(held.status == 200, "\(label): \(held.body)")
                let after = try await server.call("GET", "/v1/events/\(id)", token: token)
                #expect(after.json["status"] as? String == "held", "\(label)")
                let roles = Set(participants.compactMap { $0["role"] as? String })
                #expect(roles == Set(text.people.map(\.role)), "\(label): \(roles)")
                #expect((after.json["participants"] as? [[String: Any]] ?? []).allSatisfy { $0["attendance"] as? String == "attended" })
                if label == "Abşeron videoconference" {
                    #expect(after.json["plan_items"] as? [String] == ["AZ-NAP-2022-2026 6.2", "AZ-NAP-2022-2026 6.9"])
                }
                if label == "Kyzylorda public hearing" {
                    #expect(after.json["starts_local"] as? String == "2022-05-25 15:00")
                    #expect((after.json["partners"] as? [String])?.count == 2)
                }
                if label == "Uzbek seminar" {
                    let issued = try await server.call("POST", "/v1/events/\(id)/certificates", token: token)
                    let numbers = (issued.json["items"] as? [[String: Any]] ?? []).compactMap { $0["number"] as? String }
                    #expect(numbers == ["UZ-ACA-2022-0001", "UZ-ACA-2022-0002", "UZ-ACA-2022-0003"], "\(issued.body)")
                    let decision = try await server.call("POST", "/v1/events/\(id)/decisions", token: token,
                                                         json: #"{"text": "Ҳудудий кенгашлар фаолиятини мувофиқлаштириш бўйича вазифалар белгиланди"}"#)
                    let decisionID = try #require(decision.json["id"] as? String)
                    for (n, person) in present.prefix(2).enumerated() {
                        let task = try await server.call("POST", "/v1/decisions/\(decisionID)/tasks", token: token, json: """
                            {"title": "Ҳудудий кенгаш иш режасини тақдим этиш \(n + 1)", "person": "\(person)", "due": "2023-01-15"}
                            """)
                        #expect(task.status == 201, "\(task.body)")
                    }
                    let tasks = try await server.call("GET", "/v1/tasks?assignee=котиби", token: token)
                    #expect(tasks.items.count == 2 && tasks.items.allSatisfy { $0["overdue"] as? Bool == true })
                }
            }
        }
    }
}
