import AdalCore
import AdalDomain
import AdalStore
import Foundation
import Testing

/// A Karaganda (KZ-35) registrar and coordinator naming another region's or country's office,
/// council or plan item on a write: refused on that field, nothing stored, no number taken.
@Suite("Writes that name another office", .timeLimit(.minutes(4)))
struct CrossOfficeTests {
    static func counts(_ target: DatabaseTarget) async throws -> [Int] {
        try await Database.with(target, maximumConnections: 1, logger: TestDatabase.logger) { database in
            try await database.withConnection { connection in
                let rows = try await connection.query("""
                    SELECT (SELECT count(*) FROM volunteers)::int, (SELECT count(*) FROM applications)::int,
                           (SELECT count(*) FROM events)::int,
                           coalesce((SELECT sum(last_serial) FROM certificate_counters), 0)::int,
                           (SELECT count(*) FROM participants)::int, (SELECT count(*) FROM council_members)::int,
                           (SELECT count(*) FROM tasks)::int, (SELECT count(*) FROM event_volunteers)::int,
                           (SELECT count(*) FROM people)::int
                    """, logger: TestDatabase.logger)
                for try await row in rows {
                    return try row.makeRandomAccess().map { try $0.decode(Int.self) }
                }
                return []
            }
        }
    }

    @Test("offices, councils and plan items of KZ-43, UZ and AZ are refused on their field for KZ-35's staff; KZ-35's own are taken")
    func otherOfficesAreRefused() async throws {
        try await TestDatabase.withTarget { target in
            let passwords = try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                let accounts = StaffAccounts(context, bcryptCost: 4)
                var passwords: [String: String] = [:]
                for role in [StaffRole.registrar, .coordinator] {
                    passwords[role.rawValue] = try await accounts.add(
                        email: "\(role.rawValue)@kar.example.kz", name: role.rawValue, role: role, officeCode: "KAR",
                        regionCode: nil, allRegions: false, actor: "test").password
                }
                return passwords
            }
            let volunteer = try await Database.with(target, logger: TestDatabase.logger) { database in
                try await Volunteers(AdalContext(database: database))
                    .list(regionCode: "KZ-35", status: nil, kind: nil, after: nil, limit: 1).first!.id.uuidString
            }
            let server = try await APIServer(databaseURL: target.url(includingPassword: true))
            defer { server.stop() }
            let registrar = try await server.login("registrar@kar.example.kz", passwords["registrar"]!)
            let coordinator = try await server.login("coordinator@kar.example.kz", passwords["coordinator"]!)
            let before = try await Self.counts(target)

            var accepted: [String] = []
            func refused(_ method: String, _ path: String, token: String, json: String, field: String) async throws {
                let reply = try await server.call(method, path, token: token, json: json, headers: ["If-Match": "*"])
                if reply.status != 422 || !reply.body.contains(#""field":"\#(field)""#) {
                    accepted.append("\(method) \(path) \(json): \(reply.status) \(reply.body.prefix(200))")
                }
            }
            var serial = 0
            for office in ["KZY", "UZ-ACA", "ABS-EX"] {
                serial += 1
                try await refused("POST", "/v1/volunteers", token: registrar, json: APIAccessTests.volunteerBody(500 + serial)
                    .replacingOccurrences(of: #""region": "KZ-35""#, with: #""region": "KZ-35", "office": "\#(office)""#), field: "office")
                try await refused("PATCH", "/v1/volunteers/\(volunteer)", token: registrar, json: #"{"office": "\#(office)"}"#,
                                  field: "office")
                try await refused("POST", "/v1/applications", token: registrar,
                                  json: #"{"last_name": "Заявитель", "first_name": "Бір", "region": "KZ-35", "office": "\#(office)"}"#,
                                  field: "office")
                try await refused("POST", "/v1/events", token: coordinator, json: """
                    {"kind": "seminar", "title": "Семинар", "venue": "Караганда", "region": "KZ-35", "office": "\(office)",
                     "starts": "2026-12-20T10:00"}
                    """, field: "office")
            }
            for council in ["KZY-COMM", "UZ-TK-ACC", "AZ-ABS-PC"] {
                try await refused("POST", "/v1/events", token: coordinator, json: """
                    {"kind": "commission_meeting", "title": "Заседание", "venue": "Караганда", "region": "KZ-35", "office": "KAR",
                     "council": "\(council)", "starts": "2026-12-20T10:00"}
                    """, field: "council")
            }
            try await refused("POST", "/v1/events", token: coordinator, json: """
                {"kind": "seminar", "title": "Семинар", "venue": "Караганда", "region": "KZ-35", "starts": "2026-12-20T10:00",
                 "plan_items": ["AZ-NAP-2022-2026 6.2"]}
                """, field: "plan_items[0]")
            // A link with a line break would write lines of its own into the event's calendar: refused at input.
            try await refused("POST", "/v1/events", token: coordinator, json: """
                {"kind": "seminar", "format": "online", "title": "Онлайн", "region": "KZ-35", "starts": "2026-12-20T10:00",
                 "link": "https://meet.example.kz/room\\r\\nATTENDEE:mailto:all@example.kz"}
                """, field: "link")
            #expect(accepted.isEmpty, "cross-office writes accepted:\n\(accepted.joined(separator: "\n"))")
            #expect(try await Self.counts(target) == before, "a refused write stored something or took a number")

            // Karaganda's own office and council are taken.
            let own = try await server.call("POST", "/v1/events", token: coordinator, json: """
                {"kind": "commission_meeting", "title": "Заседание", "venue": "Караганда", "region": "KZ-35", "office": "KAR",
                 "council": "KAR-COMM", "starts": "2026-12-20T10:00"}
                """)
            #expect(own.status == 201, "\(own.body)")
            let ownEvent = try #require(own.json["id"] as? String)
            let relinked = try await server.call("PATCH", "/v1/events/\(ownEvent)", token: coordinator,
                                                 json: #"{"link": "https://meet.example.kz/a\r\nX-EVIL:1"}"#)
            #expect(relinked.status == 422 && relinked.body.contains(#""field":"link""#), "\(relinked.body)")
            let ownVolunteer = try await server.call("PATCH", "/v1/volunteers/\(volunteer)", token: registrar,
                                                     json: #"{"office": "KAR"}"#, headers: ["If-Match": "*"])
            #expect(ownVolunteer.status == 200, "\(ownVolunteer.body)")
        }
    }

    @Test("a reviewer of another region, a disabled one, an auditor or no account is refused; a national ID kept in KZ-43 answers KZ-35 409 registered_elsewhere, kept for the admins over both")
    func peopleAndNumbersElsewhere() async throws {
        try await TestDatabase.withTarget { target in
            // An IIN kept by Kyzylorda's office (KZ-43), then KZ-35's staff and the reviewers to try.
            let kept = APIAccessTests.volunteerBody(901, region: "KZ-43")
            let iin = try #require(kept.split(separator: "\"").drop { $0 != "national_id" }.dropFirst(2).first.map(String.init))
            let passwords = try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                _ = try await Volunteers(context).register(.init(
                    lastName: "Сыртқы", firstName: "Адам", nationalID: iin, country: "KZ", regionCode: "KZ-43", officeCode: "KZY",
                    kind: "individual", areas: ["awareness"], consentVersion: "v1"), actor: "test")
                let accounts = StaffAccounts(context, bcryptCost: 4)
                var passwords: [String: String] = [:]
                for (email, role, office, region) in [
                    ("registrar@kar.example.kz", StaffRole.registrar, "KAR", nil as String?),
                    ("reviewer@kar.example.kz", .registrar, "KAR", nil), ("gone@kar.example.kz", .registrar, "KAR", nil),
                    ("auditor@kar.example.kz", .auditor, "KAR", nil), ("registrar@kzy.example.kz", .registrar, "KZY", nil),
                    ("admin@kar.example.kz", .admin, nil, "KZ-35"), ("admin@kz.example.kz", .admin, nil, "KZ"),
                ] {
                    passwords[email] = try await accounts.add(email: email, name: email, role: role, officeCode: office,
                                                              regionCode: region, allRegions: false, actor: "test").password
                }
                try await accounts.disable(email: "gone@kar.example.kz", actor: "test")
                return passwords
            }
            let server = try await APIServer(databaseURL: target.url(includingPassword: true))
            defer { server.stop() }
            let registrar = try await server.login("registrar@kar.example.kz", passwords["registrar@kar.example.kz"]!)

            // Reviewers.
            let application = try await server.call("POST", "/v1/applications", token: registrar, json: """
                {"last_name": "Өтініш", "first_name": "Беруші", "region": "KZ-35", "office": "KAR", "national_id": "\(iin)"}
                """)
            let applicationID = try #require(application.json["id"] as? String, "\(application.body)")
            for reviewer in ["registrar@kzy.example.kz", "gone@kar.example.kz", "auditor@kar.example.kz", "nobody@kar.example.kz"] {
                let reply = try await server.call("POST", "/v1/applications/\(applicationID)/assign", token: registrar,
                                                  json: #"{"reviewer": "\#(reviewer)"}"#)
                #expect(reply.status == 422 && reply.body.contains(#""field":"reviewer""#), "\(reviewer): \(reply.status) \(reply.body)")
            }
            let assigned = try await server.call("POST", "/v1/applications/\(applicationID)/assign", token: registrar,
                                                 json: #"{"reviewer": " Reviewer@KAR.example.kz "}"#)
            #expect(assigned.status == 200, "\(assigned.body)")
            #expect(assigned.json["reviewer"] as? String == "reviewer@kar.example.kz")

            // A national ID kept elsewhere: one answer, nothing about the other record, nothing stored.
            let before = try await Self.counts(target)
            let registered = try await server.call("POST", "/v1/volunteers", token: registrar, json: kept
                .replacingOccurrences(of: #""region": "KZ-43""#, with: #""region": "KZ-35""#))
            #expect(registered.status == 409, "\(registered.body) \(server.errors.suffix(1500))")
            #expect(registered.body.contains("registered_elsewhere"))
            for secret in ["KZ-43", "KZY", "Сыртқы", "volunteer "] { #expect(!registered.body.contains(secret), "\(registered.body)") }
            for action in ["screen", "accept"] {
                _ = try await server.call("POST", "/v1/applications/\(applicationID)/\(action)", token: registrar,
                                          json: action == "accept" ? #"{"areas": ["awareness"]}"# : "{}")
            }
            let application2 = try await server.call("GET", "/v1/applications/\(applicationID)", token: registrar)
            #expect(application2.json["status"] as? String == "screening", "the accept was refused: \(application2.body)")
            #expect(try await Self.counts(target) == before, "a refused registration stored something")

            // Kept for the admins whose regions cover both sides, and audited in KZ-35.
            let kzAdmin = try await server.login("admin@kz.example.kz", passwords["admin@kz.example.kz"]!)
            let karAdmin = try await server.login("admin@kar.example.kz", passwords["admin@kar.example.kz"]!)
            let conflicts = try await server.call("GET", "/v1/conflicts", token: kzAdmin)
            #expect(conflicts.status == 200)
            #expect(conflicts.items.count == 2, "\(conflicts.body)")
            #expect(Set(conflicts.items.compactMap { $0["source"] as? String }) == ["volunteer", "application"])
            #expect(conflicts.items.allSatisfy { $0["region"] as? String == "KZ-35" && $0["other_region"] as? String == "KZ-43"
                && $0["other_office"] as? String == "KZY" })
            #expect(try await server.call("GET", "/v1/conflicts", token: karAdmin).items.isEmpty)
            #expect(try await server.call("GET", "/v1/conflicts", token: registrar).status == 403)
            let audited = try await server.call("GET", "/v1/audit?action=volunteer.registered_elsewhere", token: karAdmin)
            #expect(audited.items.count == 2, "\(audited.body)")
        }
    }

    @Test("people, volunteers and regions of KZ-43 and UZ named on every other write route are refused on their field for KZ-35's registrar and coordinator, and by the CLI record against record")
    func otherRegionsRecordsAreRefused() async throws {
        try await TestDatabase.withTarget { target in
            struct Others: Sendable { let volunteer: String; let person: String; let uzPerson: String; let passwords: [String: String] }
            let others = try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                let volunteer = try await Volunteers(context).list(regionCode: "KZ-43", status: nil, kind: nil, after: nil, limit: 1).first!
                let uzMember = try await Meetings(context).addPerson(NewPersonForm(name: "Oʻrinov Jasur"), regionCode: "UZ",
                                                                     actor: "test")
                var passwords: [String: String] = [:]
                for role in [StaffRole.registrar, .coordinator] {
                    passwords[role.rawValue] = try await StaffAccounts(context, bcryptCost: 4).add(
                        email: "\(role.rawValue)@kar.example.kz", name: role.rawValue, role: role, officeCode: "KAR", regionCode: nil,
                        allRegions: false, actor: "test").password
                }
                return Others(volunteer: volunteer.id.uuidString, person: volunteer.personID.uuidString,
                              uzPerson: uzMember.uuidString, passwords: passwords)
            }
            let server = try await APIServer(databaseURL: target.url(includingPassword: true))
            defer { server.stop() }
            let registrar = try await server.login("registrar@kar.example.kz", others.passwords["registrar"]!)
            let coordinator = try await server.login("coordinator@kar.example.kz", others.passwords["coordinator"]!)
            // An event of KZ-35's own, begun an hour ago (so it can be held).
            let start = ISO8601DateFormatter.string(from: Date().addingTimeInterval(-3600), timeZone: TimeZone(identifier: "Asia/Almaty")!,
                                                    formatOptions: [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate])
                .prefix(16)
            let created = try await server.call("POST", "/v1/events", token: coordinator, json: """
                {"kind": "seminar", "title": "Семинар", "venue": "Қарағанды", "region": "KZ-35", "office": "KAR", "starts": "\(start)"}
                """)
            let event = try #require(created.json["id"] as? String, "\(created.body)")
            let before = try await Self.counts(target)

            var accepted: [String] = []
            func refused(_ method: String, _ path: String, _ json: String, field: String) async throws {
                let token = path.hasPrefix("/v1/volunteers") || path.hasPrefix("/v1/applications") ? registrar : coordinator
                let reply = try await server.call(method, path, token: token, json: json)
                if reply.status != 422 || !reply.body.contains(#""field":"\#(field)""#) {
                    accepted.append("\(method) \(path) \(json): \(reply.status) \(reply.body.prefix(300))")
                }
            }
            for region in ["KZ-43", "UZ"] {
                // A PINFL for Uzbekistan, so that only the region is wrong.
                let pinfl = (0..<100).lazy.map { String(format: "301019900%05d", $0) }
                    .first { (try? NationalID.parse($0, kind: .uzPINFL)) != nil }!
                let body = region == "UZ" ? APIAccessTests.volunteerBody(777, region: region)
                    .replacing(#/"national_id": "[0-9]+"/#, with: #""national_id": "\#(pinfl)""#)
                    : APIAccessTests.volunteerBody(777, region: region)
                try await refused("POST", "/v1/volunteers", body, field: "region")
                try await refused("POST", "/v1/applications", #"{"last_name": "А", "first_name": "Б", "region": "\#(region)"}"#,
                                  field: "region")
                try await refused("POST", "/v1/events", """
                    {"kind": "seminar", "title": "Семинар", "venue": "Қызылорда", "region": "\(region)", "starts": "2026-12-20T10:00"}
                    """, field: "region")
            }
            for person in [others.person, others.uzPerson] {
                try await refused("POST", "/v1/events/\(event)/participants", #"{"person": "\#(person)"}"#, field: "person")
                try await refused("POST", "/v1/councils/KAR-COMM/members", #"{"person": "\#(person)"}"#, field: "person")
                try await refused("POST", "/v1/events/\(event)/responses", #"{"person": "\#(person)", "response": "registered"}"#,
                                  field: "person")
            }
            try await refused("POST", "/v1/events/\(event)/volunteers", #"{"volunteer": "\#(others.volunteer)", "role": "helper"}"#,
                              field: "volunteer")
            #expect(accepted.isEmpty, "writes naming another region's records accepted:\n\(accepted.joined(separator: "\n"))")

            // A task from KZ-35's own decision, for a person kept in KZ-43.
            let held = try await server.call("POST", "/v1/events/\(event)/hold", token: coordinator, json: "{}")
            #expect(held.status == 200, "\(held.body)")
            let decision = try await server.call("POST", "/v1/events/\(event)/decisions", token: coordinator, json: #"{"text": "Шешім"}"#)
            let decisionID = try #require(decision.json["id"] as? String, "\(decision.body)")
            let task = try await server.call("POST", "/v1/decisions/\(decisionID)/tasks", token: coordinator,
                                             json: #"{"title": "Тапсырма", "person": "\#(others.person)", "due": "2027-01-15"}"#)
            #expect(task.status == 422 && task.body.contains(#""field":"person""#), "\(task.body)")
            #expect(try await Self.counts(target) == before, "a refused write stored something")

            // The CLI (every region, no staff identity) checks record against record.
            let cli = CLI(databaseURL: target.url(includingPassword: true), home: NSTemporaryDirectory() + "adal-\(UUID().uuidString)")
            let office = try await cli.run("events", "add", "--kind", "seminar", "--title", "Семинар", "--region", "KZ-35",
                                           "--office", "KZY", "--venue", "Қарағанды", "--starts", "2026-12-20T10:00")
            #expect(office.status == 1 && office.stderr.contains("office"), "\(office.stderr)")
            let member = try await cli.run("councils", "add-member", "KAR-COMM", "--person", others.uzPerson)
            #expect(member.status == 1 && member.stderr.contains("person"), "\(member.stderr)")
            let volunteer = try await cli.run("volunteers", "add", "--last-name", "Тестов", "--first-name", "Тест",
                                              "--national-id", "900101300017", "--country", "KZ", "--region", "KZ-35",
                                              "--office", "UZ-ACA", "--areas", "awareness", "--consent", "v1")
            #expect(volunteer.status == 1 && volunteer.stderr.contains("office"), "\(volunteer.stderr)")
        }
    }
}

