import AdalCore
import AdalDomain
import AdalReports
import AdalStore
import Foundation
import PostgresNIO
import Testing

@Suite("Reports from the records", .timeLimit(.minutes(5)))
struct ReportTests {
    static func exec(_ database: Database, _ statements: [String]) async throws {
        try await database.withConnection { connection in
            for sql in statements {
                _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: TestDatabase.logger).collect()
            }
        }
    }

    /// Events in two Azerbaijani districts serving items 6.2 and 6.9 of the national action plan,
    /// with participants and volunteers; one outside the period.
    static func azerbaijaniEvents(_ database: Database) async throws {
        func event(_ key: String, region: String, kind: String, status: String, starts: String?, heldOn: String? = nil,
                   items: [String], attended: [String] = [], absent: Int = 0, volunteers: Int = 0) -> [String] {
            var sql = ["""
                INSERT INTO events (region_id, kind, format, title, venue, starts_at, held_on, status, cancel_reason)
                SELECT id, '\(kind)', 'in_person', 'Report test \(key)', 'Venue \(key)',
                       \(starts.map { "'\($0)'::timestamp AT TIME ZONE 'Asia/Baku'" } ?? "NULL"), \(heldOn.map { "'\($0)'" } ?? "NULL"),
                       '\(status)', \(status == "cancelled" ? "'weather'" : "NULL")
                FROM regions WHERE code = '\(region)'
                """]
            for item in items {
                sql.append("""
                    INSERT INTO event_plan_items SELECT e.id, i.id FROM events e, plan_items i JOIN action_plans p ON p.id = i.plan_id
                    WHERE e.title = 'Report test \(key)' AND p.code = 'AZ-NAP-2022-2026' AND i.number = '\(item)'
                    """)
            }
            for (n, role) in (attended.map { ($0, "attended") } + Array(repeating: ("participant", "absent"), count: absent)).enumerated() {
                sql.append("""
                    WITH person AS (
                        INSERT INTO people (region_id, full_name, search_key) SELECT region_id, 'P \(key) \(n)', 'p \(key) \(n)'
                        FROM events WHERE title = 'Report test \(key)' RETURNING id, region_id)
                    INSERT INTO participants (event_id, person_id, region_id, role, attendance)
                    SELECT e.id, person.id, person.region_id, '\(role.0)', '\(role.1)' FROM events e, person WHERE e.title = 'Report test \(key)'
                    """)
            }
            if volunteers > 0 {
                sql.append("""
                    INSERT INTO event_volunteers (event_id, volunteer_id, region_id, role)
                    SELECT e.id, v.id, e.region_id, 'helper' FROM events e, (SELECT id FROM volunteers ORDER BY id LIMIT \(volunteers)) v
                    WHERE e.title = 'Report test \(key)'
                    """)
            }
            return sql
        }
        try await exec(database,
            event("E1", region: "AZ-YAR", kind: "awareness_meeting", status: "held", starts: "2026-03-10 10:00", items: ["6.2"],
                  attended: ["participant", "participant", "media"], absent: 1, volunteers: 2)
            + event("E2", region: "AZ-YAR", kind: "public_hearing", status: "held", starts: "2026-03-20 23:30", items: ["6.2", "6.9"],
                    attended: ["speaker", "participant"])
            + event("E3", region: "AZ-YAR", kind: "seminar", status: "cancelled", starts: "2026-04-02 11:00", items: ["6.9"])
            + event("E4", region: "AZ-YAR", kind: "awareness_meeting", status: "held", starts: "2026-05-15 10:00", items: ["6.2"],
                    attended: ["participant"])
            + event("E5", region: "AZ-ABS", kind: "awareness_meeting", status: "held", starts: "2026-03-12 15:00", items: ["6.2"],
                    attended: ["participant"])
            + event("E6", region: "AZ-YAR", kind: "round_table", status: "held", starts: nil, heldOn: "2026-04-30", items: ["6.9"]))
    }

    static func row(_ section: ReportDocument.Section?, where column: Int, is value: String) -> [String]? {
        section?.rows.first { $0[column].text == value }?.map(\.text)
    }

    @Test("action-plan: per item events, held, cancelled, hearings, participants, media and volunteers; by region; a region's subtree and a regional admin's scope")
    func actionPlan() async throws {
        try await TestDatabase.withTarget { target in
            try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                try await Self.azerbaijaniEvents(database)
                let period = Reports.Request(regionCode: "AZ", from: "2026-02-01", to: "2026-04-30")
                let report = try await Reports(context).actionPlan(period)
                let items = report.section("items")
                // plan, item, title, events, held, cancelled, hearings, participants, media, volunteers
                #expect(Array(Self.row(items, where: 1, is: "6.2")?.dropFirst(3) ?? []) == ["3", "3", "0", "1", "6", "1", "2"])
                #expect(Array(Self.row(items, where: 1, is: "6.9")?.dropFirst(3) ?? []) == ["3", "2", "1", "1", "2", "0", "0"])
                #expect(Self.row(report.section("regions"), where: 0, is: "Yardimli District") == ["Yardimli District", "4", "3", "5", "2"])
                let events = report.section("events")?.rows.map { [$0[0].text, $0[3].text] } ?? []
                #expect(events.contains(["2026-03-20", "Report test E2"]) && events.contains(["2026-04-30", "Report test E6"]))
                #expect(!events.contains { $0[1] == "Report test E4" }, "an event after the period")
                #expect(Self.row(report.section("kinds"), where: 2, is: "Public hearing") == ["AZ-NAP-2022-2026", "6.2", "Public hearing", "1", "1"])
                // Month by month, each event in its region's month (E2 starts at 23:30 in Baku on 20 March).
                #expect(report.section("months")?.rows.map { $0.map(\.text) } == [["2026-02", "0", "0", "0"], ["2026-03", "3", "3", "6"],
                                                                                    ["2026-04", "2", "1", "0"]])
                #expect(report.section("months")?.chart?.kind == .line)

                // The counts kept on each event follow attendance changed and participants removed.
                try await Self.exec(database, [
                    "UPDATE participants SET attendance = 'absent' WHERE role = 'media' AND event_id = (SELECT id FROM events WHERE title = 'Report test E1')",
                    "DELETE FROM participants WHERE role = 'speaker' AND event_id = (SELECT id FROM events WHERE title = 'Report test E2')",
                ])
                let changed = try await Reports(context).actionPlan(period)
                #expect(Array(Self.row(changed.section("items"), where: 1, is: "6.2")?.dropFirst(7) ?? []) == ["4", "0", "2"])

                let abseron = try await Reports(context).actionPlan(Reports.Request(regionCode: "AZ-ABS", from: "2026-02-01", to: "2026-04-30"))
                #expect(abseron.section("items")?.rows.map { $0.map(\.text) }.map { Array($0.dropFirst(3)) } == [["1", "1", "0", "0", "1", "0", "0"]])

                // A regional admin of Yardimli sees Yardimli's events only, asked for the whole country or not.
                let yardimli = try await database.withConnection { connection in
                    try await connection.query("SELECT id FROM regions WHERE code = 'AZ-YAR'", logger: TestDatabase.logger).collect()[0]
                        .decode(Int64.self)
                }
                let scoped = context.scoped(to: RegionScope(allRegions: false, regionIDs: [yardimli], regionCodes: ["AZ-YAR"]))
                let own = try await Reports(scoped).actionPlan(Reports.Request(from: "2026-02-01", to: "2026-04-30"))
                #expect(Self.row(own.section("items"), where: 1, is: "6.2")?[3] == "2")
                #expect(own.section("regions")?.rows.count == 1)
                await #expect(throws: (any Error).self) {
                    _ = try await Reports(scoped).actionPlan(Reports.Request(regionCode: "AZ-ABS"))
                }
            }
        }
    }

    @Test("applications: received by channel, decided with the accepted share and working days (the country's calendar), open and overdue, on time by office")
    func applications() async throws {
        try await TestDatabase.withTarget { target in
            try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                func application(_ key: String, office: String, channel: String, received: String, status: String = "received",
                                 decided: String? = nil, due: String) -> String {
                    """
                    INSERT INTO applications (region_id, office_id, channel, external_ref, received_at, full_name, search_key, raw_source,
                                              status, due_on, decided_at, decision_reason, volunteer_id)
                    SELECT o.region_id, o.id, '\(channel)', 'ref-\(key)', '\(received)'::timestamp AT TIME ZONE r.time_zone, 'Applicant \(key)',
                           'applicant \(key)', '{}', '\(status)', '\(due)', \(decided.map { "'\($0)'::timestamp AT TIME ZONE r.time_zone" } ?? "NULL"),
                           \(status == "rejected" || status == "withdrawn" ? "'reason'" : "NULL"),
                           \(status == "accepted" ? "(SELECT id FROM volunteers LIMIT 1)" : "NULL")
                    FROM offices o JOIN regions r ON r.id = o.region_id WHERE o.code = '\(office)'
                    """
                }
                try await Self.exec(database, [
                    application("A1", office: "KAR", channel: "eotinish", received: "2026-03-05 10:00", status: "accepted",
                                decided: "2026-03-12 16:00", due: "2026-03-20"),
                    application("A2", office: "KAR", channel: "office", received: "2026-03-02 09:00", status: "rejected",
                                decided: "2026-03-30 12:00", due: "2026-03-16"),
                    application("A3", office: "KZY", channel: "email", received: "2026-03-10 09:00", status: "withdrawn",
                                decided: "2026-03-11 09:00", due: "2026-03-25"),
                    application("A4", office: "KAR", channel: "email", received: "2026-03-15 12:00", due: "2026-03-20"),
                    application("A5", office: "KAR", channel: "eotinish", received: "2025-12-30 12:00", status: "accepted",
                                decided: "2026-01-05 12:00", due: "2026-01-20"),
                ])
                let report = try await Reports(context).applications(Reports.Request(regionCode: "KZ-35", from: "2026-03-01", to: "2026-03-31"))
                let received = Dictionary(uniqueKeysWithValues: report.section("received")!.rows.map { ($0[0].text, $0[1].text) })
                #expect(received == ["eOtinish": "1", "At the office": "1", "E-mail": "1"])
                #expect(report.section("months")?.rows.map { $0.map(\.text) } == [["2026-03", "3", "2"]])
                let quarter = try await Reports(context).applications(Reports.Request(regionCode: "KZ-35", from: "2026-01-01", to: "2026-03-31"))
                #expect(quarter.section("months")?.rows.map { $0.map(\.text) } == [["2026-01", "0", "1"], ["2026-02", "0", "0"],
                                                                                     ["2026-03", "3", "2"]])
                // Working days on Kazakhstan's calendar, counted by the domain's own calendar.
                let calendar = try await database.withConnection { try await CalendarRepository(logger: TestDatabase.logger).calendar(for: .kz, on: $0) }
                let days = [calendar.workingDays(from: CivilDate("2026-03-05")!, to: CivilDate("2026-03-12")!),
                            calendar.workingDays(from: CivilDate("2026-03-02")!, to: CivilDate("2026-03-30")!)]
                #expect(days[0] == 4, "8 and 9 March are holidays in Kazakhstan")
                let decisions = report.section("decisions")!.rows[0]
                #expect(decisions.map(\.text) == ["2", "1", "1", "0", "50", ReportCell.decimal(Double(days[0] + days[1]) / 2).text,
                                                  ReportCell.decimal(Double(days[0]) + 0.9 * Double(days[1] - days[0])).text])
                #expect(report.section("open")!.rows[0].map(\.text) == ["1", "1"])
                #expect(report.section("offices")!.rows.map { $0.map(\.text) }.count == 1)
                #expect(Array(report.section("offices")!.rows[0].map(\.text).dropFirst()) == ["2", "1", "50"])

                // Without a period: from the first of January to today in the region's zone, 19:30 UTC on
                // New Year's Eve being next year already in Karaganda (UTC+5) but not in Baku (UTC+4).
                let newYearsEve = try #require(ISO8601DateFormatter().date(from: "2026-12-31T19:30:00Z"))
                let karaganda = try await Reports(context).applications(Reports.Request(regionCode: "KZ-35"), now: newYearsEve)
                #expect([karaganda.from, karaganda.to] == ["2027-01-01", "2027-01-01"])
                let yardimli = try await Reports(context).applications(Reports.Request(regionCode: "AZ-YAR"), now: newYearsEve)
                #expect([yardimli.from, yardimli.to] == ["2026-01-01", "2026-12-31"])

                let kazakhstan = try await Reports(context).applications(Reports.Request(regionCode: "KZ", from: "2026-03-01", to: "2026-03-31"))
                #expect(kazakhstan.section("decisions")!.rows[0][3].text == "1", "Kyzylorda's withdrawn application")

                // The formats: CSV for spreadsheets, and a page with its charts.
                let csv = ReportRenderer.csv(report.section("offices")!, excel: true)
                #expect(csv.hasPrefix("\u{FEFF}office;decided;on time;on time, %\r\n"), "\(csv)")
                let formula = ReportDocument.Section(key: "x", title: "x", columns: [.init(key: "name", title: "name")],
                                                     rows: [[.text("=HYPERLINK(\"http://x\")")], [.text("-1")]], chart: nil)
                #expect(ReportRenderer.csv(formula, excel: true) == "\u{FEFF}name\r\n\"'=HYPERLINK(\"\"http://x\"\")\"\r\n'-1\r\n")
                let russian = try await Reports(context).applications(Reports.Request(regionCode: "KZ-35", from: "2026-03-01", to: "2026-03-31",
                                                                                      language: "ru"))
                #expect(russian.section("received")!.rows.contains { $0[0].text == "В офисе" }, "\(russian.section("received")!.rows)")
                let page = ReportRenderer.html(russian)
                #expect(page.contains("Поступило по каналам") && page.contains("<svg") && page.contains("data-value=\"1.0\""))
                #expect(page.contains("По месяцам") && page.contains("<polyline"))
                #expect(!page.contains("<script"))
                #expect(!page.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"), "the page loads from the network")
                await #expect(throws: ValidationFailure.self) {
                    _ = try await Reports(context).applications(Reports.Request(from: "2026-04-01", to: "2026-03-01", language: "az"))
                }
            }
        }
    }

    @Test("GET /v1/reports/{name} over HTTP: JSON, CSV for spreadsheets and an HTML page by Accept; a regional admin's figures are their region's")
    func overHTTP() async throws {
        try await TestDatabase.withTarget { target in
            let password = try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                try await Self.azerbaijaniEvents(database)
                return try await StaffAccounts(context, bcryptCost: 4).add(
                    email: "admin@yar.example.az", name: "Admin Yardımlı", role: .admin, officeCode: nil, regionCode: "AZ-YAR",
                    allRegions: false, actor: "test").password
            }
            let server = try await APIServer(databaseURL: target.url(includingPassword: true))
            defer { server.stop() }
            let token = try await server.login("admin@yar.example.az", password)
            let json = try await server.call("GET", "/v1/reports/action-plan?from=2026-02-01&to=2026-04-30", token: token)
            #expect(json.status == 200, "\(json.body)")
            let sections = try #require(json.json["sections"] as? [[String: Any]])
            let items = try #require(sections.first { $0["key"] as? String == "items" }?["rows"] as? [[Any]])
            #expect(items.first { $0[1] as? String == "6.2" }?[3] as? Int == 2, "Yardimli's two events of item 6.2: \(items)")
            #expect(json.json["generated_at"] as? String != nil)

            let csv = try await server.call("GET", "/v1/reports/action-plan?from=2026-02-01&to=2026-04-30&section=regions&excel=true&lang=ru",
                                            token: token, headers: ["Accept": "text/csv"])
            #expect(csv.status == 200 && csv.body.hasPrefix("\u{FEFF}регион;мероприятий;проведено"), "\(csv.body)")
            let page = try await server.call("GET", "/v1/reports/action-plan?from=2026-02-01&to=2026-04-30&lang=kk", token: token,
                                             headers: ["Accept": "text/html"])
            #expect(page.status == 200 && page.body.contains("Жоспар тармақтары") && page.body.contains("<rect"))
            #expect(try await server.call("GET", "/v1/reports/action-plan?region=AZ-ABS", token: token).status == 404)
            #expect(try await server.call("GET", "/v1/reports/nothing", token: token).status == 404)
            let bad = try await server.call("GET", "/v1/reports/applications?from=yesterday", token: token)
            #expect(bad.status == 422 && bad.body.contains("from"), "\(bad.body)")
        }
    }

    @Test("councils: rated by the seeded methodology's weighted criteria for the period — meetings, quorum, tasks on time, hearings, volunteers — with ranks")
    func councilRating() async throws {
        try await TestDatabase.withTarget { target in
            try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                func meeting(_ key: String, starts: String, status: String = "held", withoutQuorum: Bool = false) -> String {
                    """
                    INSERT INTO events (region_id, council_id, kind, format, title, venue, starts_at, status, without_quorum_reason)
                    SELECT c.region_id, c.id, 'commission_meeting', 'in_person', 'Rating \(key)', 'Караганда',
                           '\(starts)'::timestamp AT TIME ZONE 'Asia/Almaty', '\(status)', \(withoutQuorum ? "'urgent'" : "NULL")
                    FROM councils c WHERE c.code = 'KAR-COMM'
                    """
                }
                func task(_ key: String, due: String, status: String, closed: String?) -> String {
                    """
                    INSERT INTO tasks (decision_id, region_id, title, assignee_organisation_id, due_on, status, closed_at)
                    SELECT d.id, d.region_id, 'Task \(key)', (SELECT id FROM organisations LIMIT 1), '\(due)', '\(status)',
                           \(closed.map { "'\($0)'::timestamp AT TIME ZONE 'Asia/Almaty'" } ?? "NULL")
                    FROM decisions d JOIN events e ON e.id = d.event_id WHERE e.title = 'Rating M1'
                    """
                }
                try await Self.exec(database, [
                    meeting("M1", starts: "2026-02-10 10:00"),
                    meeting("M2", starts: "2026-04-14 10:00", withoutQuorum: true),
                    meeting("M3", starts: "2026-08-01 10:00"),
                    meeting("M4", starts: "2026-05-05 10:00", status: "planned"),
                    "INSERT INTO decisions (event_id, region_id, text) SELECT id, region_id, 'Decision' FROM events WHERE title = 'Rating M1'",
                    task("T1", due: "2026-03-31", status: "done", closed: "2026-03-30 17:00"),
                    task("T2", due: "2026-04-30", status: "done", closed: "2026-05-04 09:00"),
                    task("T3", due: "2026-05-31", status: "cancelled", closed: "2026-05-01 09:00"),
                    """
                    INSERT INTO events (region_id, kind, format, title, venue, starts_at, status)
                    SELECT id, 'public_hearing', 'in_person', 'Rating hearing', 'Караганда', '2026-03-03 05:00+00', 'held'
                    FROM regions WHERE code = 'KZ-35'
                    """,
                    """
                    INSERT INTO event_volunteers (event_id, volunteer_id, region_id, role)
                    SELECT e.id, v.id, e.region_id, 'helper' FROM events e, (SELECT id FROM volunteers ORDER BY id LIMIT 4) v
                    WHERE e.title = 'Rating hearing'
                    """,
                ])
                let report = try await Reports(context).councils(Reports.Request(regionCode: "KZ", from: "2026-01-01", to: "2026-06-30"))
                let rating = try #require(report.section("rating")?.rows.map { $0.map(\.text) })
                // 181 days: targets of 4 meetings, 2 hearings and 10 volunteers a year prorate to 1.98, 0.99 and 4.96.
                #expect(rating.count == 2)
                #expect(rating.first == ["1", "Karaganda regional commission on anti-corruption issues", "Karaganda Region", "75.6",
                                         "100", "50", "50", "100", "80.7"], "\(rating)")
                // The council that held no meeting is not scored (it scored 25 once, above councils that met): no meetings, last.
                #expect(rating.last?.first == "2" && Array(rating.last?.dropFirst(3) ?? []) == ["no meetings", "", "", "", "", ""], "\(rating)")
                #expect(report.notes.contains { $0.contains("ranks last") })
                #expect(report.section("rating")?.columns.map(\.key).suffix(5) == ["meetings_held", "quorum_kept", "tasks_on_time",
                                                                                  "hearings_held", "volunteers_involved"])
                #expect(report.section("criteria")?.rows.map { $0[1].text } == ["0.3", "0.2", "0.25", "0.15", "0.1"])
                let figures = report.section("figures")?.rows.first { $0[0].text.hasPrefix("Karaganda") }?.map(\.text)
                #expect(figures == ["Karaganda regional commission on anti-corruption issues", "2", "1", "2", "1", "1", "4"])
                let russian = try await Reports(context).councils(Reports.Request(regionCode: "KZ-35", language: "ru"))
                #expect(russian.section("rating")?.columns.last?.title == "вовлечены волонтёры")

                // Another methodology from the seeds weighs public participation: hearings (4 a year) and volunteers (25).
                let participation = try await Reports(context).councils(Reports.Request(regionCode: "KZ", from: "2026-01-01", to: "2026-06-30",
                                                                                        methodology: "public-participation"))
                #expect(participation.section("rating")?.columns.map(\.key).suffix(4) == ["hearings_held", "volunteers_involved",
                                                                                          "meetings_held", "tasks_on_time"])
                #expect(participation.section("rating")?.rows.first.map { Array($0.map(\.text).dropFirst(3)) }
                        == ["53.9", "50.4", "32.3", "100", "50"])
                do {
                    _ = try await Reports(context).councils(Reports.Request(regionCode: "KZ", methodology: "nonesuch"))
                    Issue.record("an unknown methodology was accepted")
                } catch let failure as ValidationFailure {
                    #expect(failure.errors.first?.field == "methodology")
                    #expect(failure.errors.first?.reason == "'nonesuch' is not one of: public-participation, standard")
                }
            }
        }
    }

    @Test("volunteers: by region, kind, area and status; new and withdrawn in the period; hours; age groups on the period's last day; top organisations")
    func volunteers() async throws {
        try await TestDatabase.withTarget { target in
            try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                func volunteer(_ key: String, birth: String?, joined: String, status: String = "active", kind: String = "individual",
                               areas: String, hours: Double = 0, withdrawnOn: String? = nil, organisation: String? = nil) -> String {
                    """
                    WITH person AS (
                        INSERT INTO people (region_id, full_name, search_key, birth_date)
                        SELECT id, 'Volunteer \(key)', 'volunteer \(key)', \(birth.map { "'\($0)'" } ?? "NULL") FROM regions WHERE code = 'UZ-AN'
                        RETURNING id, region_id)
                    INSERT INTO volunteers (person_id, region_id, kind, organisation_id, areas, status, joined_on, hours, updated_at)
                    SELECT id, region_id, '\(kind)', \(organisation.map { "(SELECT id FROM organisations WHERE name = '\($0)')" } ?? "NULL"),
                           '{\(areas)}', '\(status)', '\(joined)', \(hours),
                           \(withdrawnOn.map { "'\($0) 12:00'::timestamp AT TIME ZONE 'Asia/Tashkent'" } ?? "now()")
                    FROM person
                    """
                }
                let organisation = try await database.withConnection { connection in
                    try await connection.query("SELECT name FROM organisations WHERE region_id = (SELECT id FROM regions WHERE code = 'UZ-AN') LIMIT 1",
                                               logger: TestDatabase.logger).collect().first?.decode(String.self)
                }
                try await Self.exec(database, [
                    volunteer("V1", birth: "2009-05-01", joined: "2026-02-01", areas: "awareness", hours: 4.5),
                    volunteer("V2", birth: "2000-07-01", joined: "2026-03-15", kind: "student", areas: "awareness,legal_aid", hours: 2),
                    volunteer("V3", birth: "1960-06-30", joined: "2025-05-01", status: "withdrawn", areas: "budget_control",
                              withdrawnOn: "2026-04-02"),
                    volunteer("V4", birth: nil, joined: "2026-07-01", areas: "awareness"),
                    volunteer("V5", birth: "1990-01-01", joined: "2025-01-01", kind: organisation == nil ? "individual" : "corporate",
                              areas: "public_monitoring", organisation: organisation),
                ])
                let report = try await Reports(context).volunteers(Reports.Request(regionCode: "UZ-AN", from: "2026-01-01", to: "2026-06-30"))
                // V4 joined after the period: not counted. Seeds have one more volunteer in Andijan (joined today, after the period).
                let andijan = try #require(report.section("volunteer_regions")?.rows.first?.map(\.text))
                #expect(andijan == ["Andijan Region", "4", "2", "1", "3", "6.5"], "\(andijan)")
                let breakdown = report.section("breakdown")?.rows.map { $0.map(\.text) } ?? []
                #expect(breakdown.contains(["Andijan Region", "Student", "Legal aid", "Active", "1"]))
                #expect(breakdown.contains(["Andijan Region", "Individual", "Awareness", "Active", "1"]))
                #expect(report.section("months")?.rows.map { $0.map(\.text) }
                        == [["2026-01", "0"], ["2026-02", "1"], ["2026-03", "1"], ["2026-04", "0"], ["2026-05", "0"], ["2026-06", "0"]])
                let ages = Dictionary(uniqueKeysWithValues: (report.section("ages")?.rows ?? []).map { ($0[0].text, $0[1].text) })
                // On 2026-06-30: V1 is 17, V2 25, V3 66 (born 1960-06-30), V5 36.
                #expect(ages == ["under 18": "1", "25–34": "1", "35–44": "1", "60+": "1"], "\(ages)")
                if let organisation {
                    #expect(report.section("organisations")?.rows.first?.map(\.text) == [organisation, "1"])
                }
            }
        }
    }

    @Test("reports read ADAL_REPORTS_DATABASE_URL (a replica) in read-only transactions, without temporary tables: the replica's figures, scoped as the caller is")
    func reportsFromReplica() async throws {
        try await TestDatabase.withTarget { primary in
            try await TestDatabase.withTarget { replica in
                // The stand-in replica holds the events; the primary does not, so the figures say where they were read.
                try await Database.with(replica, logger: TestDatabase.logger) { database in
                    _ = try await Seeding(AdalContext(database: database)).load(try Seeding.read(directory: TestDatabase.seedsDirectory),
                                                                                actor: "seed")
                    try await Self.azerbaijaniEvents(database)
                }
                let reader = DatabaseTarget(endpoint: replica.endpoint, username: AdalDatabase.apiRole, password: nil,
                                            database: replica.database, tls: replica.tls)
                let cli = CLI(databaseURL: primary.url(includingPassword: true), home: NSTemporaryDirectory() + "adal-\(UUID().uuidString)",
                              environment: ["ADAL_REPORTS_DATABASE_URL": reader.url(includingPassword: true)])
                #expect(try await cli.run("db", "seed").status == 0)
                let report = try await cli.run("reports", "action-plan", "--region", "AZ", "--from", "2026-02-01", "--to", "2026-04-30",
                                               "--format", "json")
                #expect(report.status == 0, "\(report.stderr)")
                let document = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any]
                let regions = (document?["sections"] as? [[String: Any]])?.first { $0["key"] as? String == "regions" }?["rows"] as? [[Any]]
                #expect(regions?.count == 2, "every region of the replica, for the CLI: \(String(describing: regions))")

                // A regional admin's request: the replica's pool scoped as the request is.
                let yardimli = try await Database.with(replica, logger: TestDatabase.logger) { database in
                    try await database.withConnection { connection in
                        try await connection.query("SELECT id FROM regions WHERE code = 'AZ-YAR'", logger: TestDatabase.logger).collect()[0]
                            .decode(Int64.self)
                    }
                }
                // The request's session, as the replica holds it (a real replica has the primary's accounts).
                let session = try await TestDatabase.sessionEntry(region: "AZ-YAR", on: replica, primary)
                try await Database.with(primary, logger: TestDatabase.logger) { main in
                    try await Database.with(reader, logger: TestDatabase.logger) { replicaPool in
                        let context = AdalContext(database: main, reportsDatabase: replicaPool)
                            .scoped(to: RegionScope(allRegions: false, regionIDs: [yardimli], regionCodes: ["AZ-YAR"]), entering: session)
                        let own = try await Reports(context).actionPlan(Reports.Request(from: "2026-02-01", to: "2026-04-30"))
                        #expect(own.section("regions")?.rows.map { $0[0].text } == ["Yardimli District"])
                        #expect(Self.row(own.section("items"), where: 1, is: "6.2")?[3] == "2")
                        let volunteers = try await Reports(context).volunteers(Reports.Request(from: "2026-01-01", to: "2026-06-30"))
                        #expect(volunteers.section("volunteer_regions")?.rows.allSatisfy { $0[0].text == "Yardimli District" } == true)

                        // Each report, whose sections the replica answers from one shared statement, has the
                        // rows, in the order, that the same report read with temporary tables has.
                        try await Database.with(replica, logger: TestDatabase.logger) { direct in
                            let directContext = AdalContext(database: direct)
                                .scoped(to: RegionScope(allRegions: false, regionIDs: [yardimli], regionCodes: ["AZ-YAR"]))
                            let request = Reports.Request(from: "2026-01-01", to: "2026-06-30")
                            for name in Reports.names {
                                let fromReplica = try await Reports(context).run(name, request)
                                let read = try await Reports(directContext).run(name, request)
                                #expect(fromReplica.sections.map(\.rows) == read.sections.map(\.rows), "\(name)")
                                #expect(read.sections.contains { !$0.rows.isEmpty }, "\(name) has rows to compare")
                            }
                        }
                    }
                }
            }
        }
    }

    @Test("a local date is bound as PostgreSQL's own date: it reads back the same on either side of 2000 and of a leap day")
    func datesBoundAsDates() async throws {
        try await TestDatabase.withTarget { target in
            try await Database.with(target, logger: TestDatabase.logger) { database in
                let dates = ["1960-06-30", "1999-12-31", "2000-01-01", "2000-02-29", "2026-03-01", "2100-12-31"].map { CivilDate($0)! }
                let read = try await database.withConnection { connection in
                    var read: [String] = []
                    for date in dates {
                        read.append(try await connection.query("SELECT \(date)::text", logger: TestDatabase.logger).collect()[0]
                            .decode(String.self))
                    }
                    return read
                }
                #expect(read == dates.map(\.description))
            }
        }
    }

    /// Runs headless Chromium (Debian's) on a page; returns its exit status and standard output.
    static func chromium(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await offload {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                 "--no-first-run", "--hide-scrollbars"] + arguments
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
    }

    @Test("the HTML report, written by the CLI, renders in headless Chromium with its bar and line charts; a screenshot is taken")
    func htmlInChromium() async throws {
        let folder = NSTemporaryDirectory() + "adal-report-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try await TestDatabase.withTarget { target in
            try await Database.with(target, logger: TestDatabase.logger) { database in
                _ = try await Seeding(AdalContext(database: database)).load(try Seeding.read(directory: TestDatabase.seedsDirectory),
                                                                            actor: "seed")
                try await Self.azerbaijaniEvents(database)
            }
            let cli = CLI(databaseURL: target.url(includingPassword: true), home: folder + "/home")
            let written = try await cli.run("reports", "action-plan", "--region", "AZ", "--from", "2026-02-01", "--to", "2026-04-30",
                                            "--lang", "ru", "--format", "html", "--out", folder + "/report.html")
            #expect(written.status == 0, "\(written.stderr)")
        }
        let page = "file://\(folder)/report.html"
        let dom = try await Self.chromium(["--dump-dom", page])
        #expect(dom.status == 0)
        #expect(dom.output.contains("Пункты плана"), "the page did not render")
        let charts = dom.output.components(separatedBy: "<svg").count - 1
        func marks(_ element: String) -> Int {
            dom.output.components(separatedBy: "<\(element) ").dropFirst().filter { piece in
                let tag = piece.prefix { $0 != ">" }
                return tag.contains("data-value=") && !tag.contains("data-value=\"0.0\"")
            }.count
        }
        let (bars, points) = (marks("rect"), marks("circle"))
        // Bars for plan items and regions, a line per month for events and held.
        #expect(charts == 3 && bars >= 4 && points >= 4, "\(charts) charts, \(bars) bars and \(points) points with data")
        let shot = try await Self.chromium(["--window-size=1280,1800", "--screenshot=\(folder)/report.png", page])
        #expect(shot.status == 0)
        let png = try Data(contentsOf: URL(fileURLWithPath: folder + "/report.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 20_000, "\(png.count) bytes")
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test("adal dev generate: a small synthetic world with valid national IDs in each country, events linked to plan items; refused once people have made records")
    func syntheticWorld() async throws {
        try await TestDatabase.withTarget { target in
            let cli = CLI(databaseURL: target.url(includingPassword: true), home: NSTemporaryDirectory() + "adal-\(UUID().uuidString)")
            #expect(try await cli.run("db", "seed").status == 0)
            let generated = try await cli.run("dev", "generate", "--people", "400", "--events", "40", "--participations", "800")
            #expect(generated.status == 0, "\(generated.stderr)")
            #expect(generated.stdout.contains("people 400, events 40") && generated.stdout.contains("participations 800"),
                    "\(generated.stdout)")
            try await Database.with(target, logger: TestDatabase.logger) { database in
                let rows = try await database.withConnection { connection in
                    try await connection.query("""
                        SELECT national_id_kind, national_id, birth_date::text FROM people WHERE full_name NOT LIKE 'Demo%' AND national_id IS NOT NULL
                          AND created_at > now() - interval '4 years' AND id NOT IN (SELECT person_id FROM volunteers WHERE joined_on = current_date)
                        """, logger: TestDatabase.logger).collect()
                }
                var kinds = Set<String>()
                for row in rows {
                    let (kind, value, birth) = try row.decode((String, String, String).self)
                    let parsed = try NationalID.parse(value, kind: NationalIDKind(rawValue: kind)!)
                    if let date = parsed.birthDate { #expect(date.description == birth, "\(value) says \(date), the record \(birth)") }
                    kinds.insert(kind)
                }
                #expect(rows.count >= 400 && kinds == ["kz_iin", "uz_pinfl", "az_fin"])
                let linked = try await database.withConnection { connection in
                    try await connection.query("SELECT count(*)::int FROM event_plan_items x JOIN events e ON e.id = x.event_id WHERE e.title LIKE 'Synthetic%'",
                                               logger: TestDatabase.logger).collect()[0].decode(Int.self)
                }
                #expect(linked > 0)
            }
            // Once someone has made a record, generating needs --force.
            #expect(try await cli.run("users", "add", "--email", "a@example.kz", "--name", "A", "--role", "admin", "--all-regions").status == 0)
            let refused = try await cli.run("dev", "generate", "--people", "10", "--events", "1", "--participations", "5")
            #expect(refused.status == 1 && refused.stderr.contains("force"), "\(refused.stderr)")
        }
    }
}
