@testable import AdalCore
import AdalDomain
import AdalIntake
import AdalStore
import Foundation
import PostgresNIO
import Testing

enum Fixtures {
    static let folder = TestDatabase.packageRoot.appendingPathComponent("Tests/AdalTests/Fixtures").path
    static func path(_ name: String) -> String { folder + "/" + name }
}

func seeded(_ context: AdalContext) async throws {
    _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
}

@Suite("eOtinish import", .timeLimit(.minutes(3)))
struct EOtinishImportTests {
    @Test("a CSV export: good records stored, bad fields listed as problems, unreadable ones rejected with their line")
    func csv() async throws {
        try await TestDatabase.withDatabase { context in
            try await seeded(context)
            let contents = try EOtinishFile.read(path: Fixtures.path("eotinish-utf8-semicolon.csv"))

            let report = try await EOtinishImport(context).run(contents, source: "export.csv", actor: "registrar")

            #expect(report.new == 3)
            #expect(report.rejected == 2)
            #expect(report.rejections.map(\.reason).contains("reg_number is missing"))
            #expect(report.rejections.contains { $0.reason.contains("KZ-99") })
            // Record 1 spans lines 2–3 (a line break inside quotes): the record without a number, on
            // line 5, is the third, as a spreadsheet numbers the rows under the header.
            #expect(report.rejections.first { $0.reason == "reg_number is missing" }?.record == 3)

            let all = try await Applications(context).list(.init(), regionCode: nil)
            let dana = try #require(all.first { $0.externalRef == "ЖТ-2026-00101" })
            #expect(dana.problems.isEmpty)
            #expect(dana.nationalIDValid)
            #expect(dana.phone == "+77015551001")
            #expect(dana.appealType == .application)
            #expect(dana.motivation?.contains("\n") == true)
            #expect(dana.regionCode == "KZ-35")
            let ilya = try #require(all.first { $0.externalRef == "ЖТ-2026-00102" })
            #expect(Set(ilya.problems.map(\.field)) == ["applicant_iin", "applicant_email"])
            #expect(ilya.nationalID == "950402400129")
            #expect(ilya.regionCode == "KZ-35")  // found by its Russian name
            let arman = try #require(all.first { $0.externalRef == "ЖТ-2026-00105" })
            #expect(Set(arman.problems.map(\.field)) == ["registered_at", "recipient"])
            #expect(try await count("audit_entries WHERE action = 'application.receive'", in: context) == 3)
            #expect(try await count("application_history WHERE kind = 'received'", in: context) == 3)
        }
    }

    /// `count` records of Karaganda as CSV, record `number` changed by `change`.
    static func export(_ count: Int, changing number: Int, _ change: (inout [String]) -> Void) -> Data {
        var lines = ["reg_number;registered_at;region;applicant_last_name;applicant_first_name;text"]
        for index in 1...count {
            var fields = ["REC-\(index)", "2026-11-02T10:15:00+05:00", "KZ-35", "Сейітов", "Арман", "Бос уақытым бар"]
            if index == number { change(&fields) }
            lines.append(fields.joined(separator: ";"))
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    @Test("one record that cannot be stored is rejected by its number, the others stored: a 12,000-character reg_number, a NUL, a stray byte; a value no check foresaw is found record by record", arguments: [
        ("reg_number", 1_500), ("nul", 2_999), ("utf8", 1),
    ])
    func oneBadRecord(kind: String, number: Int) async throws {
        try await TestDatabase.withDatabase { context in
            try await seeded(context)
            var data = Self.export(3_000, changing: number) { fields in
                switch kind {
                case "reg_number": fields[0] = String(repeating: "Ж", count: 12_000)
                case "nul": fields[5] = "бос\u{0}уақыт"
                default: fields[5] = "BROKEN"
                }
            }
            if kind == "utf8", let at = data.firstRange(of: Data("BROKEN".utf8)) { data.replaceSubrange(at, with: [0x42, 0xFF, 0xFE, 0x4E]) }
            let contents = try EOtinishFile.read(data, name: "export.csv")
            let report = try await EOtinishImport(context).run(contents, source: "export.csv", actor: "registrar")
            #expect(report.new == 2_999, "\(report.rejections)")
            #expect(report.rejections.map(\.record) == [number])
            let reason = report.rejections.first?.reason ?? ""
            switch kind {
            case "reg_number": #expect(reason == "reg_number has 12000 characters; at most 100")
            case "nul": #expect(reason == "text holds a NUL character, which cannot be stored")
            default: #expect(reason == "is not valid UTF-8")
            }
            #expect(try await count("applications", in: context) == 2_999)
            #expect(try await count("import_runs WHERE state = 'finished' AND rejected_count = 1", in: context) == 1)
        }
    }

    @Test("a batch a value breaks that no check foresaw is stored record by record: only that record is rejected, also when it is a batch of its own")
    func batchRetriedRecordByRecord() async throws {
        try await TestDatabase.withDatabase { context in
            try await seeded(context)
            // A rule of this database alone: the checks cannot know it, the batch's statement fails on it.
            try await context.database.withConnection { connection in
                _ = try await connection.query(
                    "ALTER TABLE applications ADD CONSTRAINT test_no_forbidden CHECK (external_ref NOT IN ('REC-250', 'REC-401'))",
                    logger: TestDatabase.logger).collect()
            }
            // Record 401 is a batch of its own, the last.
            let contents = try EOtinishFile.read(Self.export(401, changing: 0) { _ in }, name: "export.csv")
            let report = try await EOtinishImport(context).run(contents, source: "export.csv", actor: "registrar", batchSize: 200)
            #expect(report.new == 399)
            #expect(report.rejections.map(\.record) == [250, 401])
            #expect(report.rejections.allSatisfy { $0.reason.hasPrefix("could not be stored: ") }, "\(report.rejections)")
            #expect(try await count("applications", in: context) == 399)
        }
    }

    @Test("JSON, JSON Lines and a Windows-1251 CSV read the same records")
    func formats() async throws {
        let json = try EOtinishFile.read(path: Fixtures.path("eotinish.json"))
        let lines = try EOtinishFile.read(path: Fixtures.path("eotinish.jsonl"))
        let csv = try EOtinishFile.read(path: Fixtures.path("eotinish-utf8-semicolon.csv"))
        let cp1251 = try EOtinishFile.read(path: Fixtures.path("eotinish-cp1251.csv"), charset: .windows1251)
        #expect(json.records.count == 5)
        #expect(lines.records.count == 5)
        #expect(lines.rejections.map(\.record) == [6])
        #expect(csv.records.count == 5)
        for name in ["reg_number", "applicant_last_name", "text", "region"] {
            #expect(json.records.map { $0.value(name) } == csv.records.map { $0.value(name) }, "\(name)")
            #expect(lines.records.map { $0.value(name) } == csv.records.map { $0.value(name) }, "\(name)")
        }
        #expect(cp1251.records.first?.value("applicant_first_name") == "Илья")
        #expect(cp1251.records.first?.value("text") == "Готов консультировать, \"pro bono\".")
        #expect(throws: FieldError.self) { try EOtinishFile.read(path: Fixtures.path("eotinish-cp1251.csv")) }
    }

    @Test("importing the same file three times, and twice at once, stores each record once")
    func idempotent() async throws {
        try await TestDatabase.withDatabase { context in
            try await seeded(context)
            let contents = try EOtinishFile.read(path: Fixtures.path("eotinish.json"))
            for _ in 0..<3 {
                _ = try await EOtinishImport(context).run(contents, source: "eotinish.json", actor: "a")
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<2 {
                    group.addTask { _ = try await EOtinishImport(context).run(contents, source: "eotinish.json", actor: "b", batchSize: 1) }
                }
                try await group.waitForAll()
            }
            #expect(try await count("applications", in: context) == 3)
            #expect(try await count("audit_entries WHERE action = 'application.receive'", in: context) == 3)
            #expect(try await count("import_runs WHERE finished_at IS NOT NULL", in: context) == 5)
        }
    }

    @Test("the due date skips weekends, holidays and counts a transferred working day; --overdue follows it")
    func deadlines() async throws {
        try await TestDatabase.withDatabase { context in
            try await seeded(context)
            // Received Monday 2026-11-02 in Karaganda. A holiday on Thursday 11-05, a working Saturday on 11-14.
            try await context.database.withConnection { connection in
                _ = try await context.calendars.insertIfAbsent(country: .kz, day: CivilDate("2026-11-05")!, kind: "holiday",
                                                              name: "test holiday", on: connection)
                _ = try await context.calendars.insertIfAbsent(country: .kz, day: CivilDate("2026-11-14")!, kind: "working",
                                                              name: "test transferred working day", on: connection)
            }
            let contents = try EOtinishFile.read(path: Fixtures.path("eotinish-utf8-semicolon.csv"))
            _ = try await EOtinishImport(context).run(contents, source: "export.csv", actor: "a")
            let dana = try #require(try await Applications(context).list(.init(), regionCode: nil).first { $0.externalRef == "ЖТ-2026-00101" })
            // 15 working days after 11-02: 3,4,6,9,10,11,12,13,14(sat, worked),16,17,18,19,20,23.
            #expect(dana.dueOn == CivilDate("2026-11-23"))

            let onDueDay = try await Applications(context).list(.init(overdueOn: CivilDate("2026-11-23")), regionCode: nil)
            #expect(!onDueDay.contains { $0.externalRef == "ЖТ-2026-00101" })
            let dayAfter = try await Applications(context).list(.init(overdueOn: CivilDate("2026-11-24")), regionCode: nil)
            #expect(dayAfter.contains { $0.externalRef == "ЖТ-2026-00101" })
        }
    }
}

@Suite("Application review", .timeLimit(.minutes(3)))
struct ApplicationReviewTests {
    func officeForm(iin: String = "880101400017") -> Applications.OfficeForm {
        Applications.OfficeForm(lastName: "Қалымбет", firstName: "Мөлдір", nationalID: iin, phone: "8 701 555 11 22",
                                areas: ["awareness"], motivation: "Қоғамдық мониторинг", regionCode: "KZ-43", officeCode: "KZY")
    }

    @Test("screen, request info, screen again, accept: the volunteer is created and every step is in history and audit")
    func acceptFlow() async throws {
        try await TestDatabase.withDatabase { context in
            try await seeded(context)
            let applications = Applications(context)
            let received = try await applications.add(officeForm(), actor: "registrar")
            #expect(received.status == .received)
            let id = received.id.uuidString

            _ = try await StaffAccounts(context, bcryptCost: 4).add(
                email: "reviewer@kzy.example.kz", name: "Reviewer", role: .registrar, officeCode: "KZY", regionCode: nil,
                allRegions: false, actor: "test")
            _ = try await applications.assign(id, to: "reviewer@kzy.example.kz", actor: "head")
            _ = try await applications.act(.screen, on: id, note: nil, actor: "reviewer@kzy")
            _ = try await applications.act(.requestInfo, on: id, note: "Please send your CV", actor: "reviewer@kzy")
            _ = try await applications.act(.screen, on: id, note: "CV received", actor: "reviewer@kzy")
            let accepted = try await applications.act(.accept, on: id, note: nil,
                                                      acceptance: .init(kind: .individual, areas: [.publicMonitoring]),
                                                      actor: "reviewer@kzy")

            #expect(accepted.status == .accepted)
            let volunteerID = try #require(accepted.volunteerID)
            let volunteer = try await Volunteers(context).show(id: volunteerID.uuidString)
            #expect(volunteer.fullName == "Қалымбет Мөлдір")
            #expect(volunteer.areas == [.publicMonitoring])
            #expect(accepted.history.map(\.kind) == ["received", "assignment", "transition", "transition", "transition", "transition"])
            #expect(accepted.history.last?.toStatus == "accepted")
            #expect(try await count("audit_entries WHERE entity = 'application' AND entity_id = '\(id.lowercased())'", in: context) == 6)
        }
    }

    @Test("a transition that is not allowed names the states that allow it and changes nothing")
    func refusedTransitions() async throws {
        try await TestDatabase.withDatabase { context in
            try await seeded(context)
            let applications = Applications(context)
            let id = try await applications.add(officeForm(), actor: "registrar").id.uuidString

            await #expect {
                try await applications.act(.accept, on: id, note: nil, actor: "r")
            } throws: { error in
                "\(error)".contains("allowed from: screening")
            }
            await #expect(throws: FieldError.self) { try await applications.act(.reject, on: id, note: "no", actor: "r") }
            _ = try await applications.act(.screen, on: id, note: nil, actor: "r")
            await #expect(throws: ValidationFailure.self) { try await applications.act(.reject, on: id, note: nil, actor: "r") }
            let rejected = try await applications.act(.reject, on: id, note: "Not in the programme's region", actor: "r")
            #expect(rejected.status == .rejected)
            await #expect(throws: FieldError.self) { try await applications.act(.withdraw, on: id, note: "late", actor: "r") }
            #expect(try await applications.show(id).history.map(\.toStatus) == ["received", "screening", "rejected"])
        }
    }

    @Test("the deadline is extended once, by working days, with a reason")
    func extend() async throws {
        try await TestDatabase.withDatabase { context in
            try await seeded(context)
            let applications = Applications(context)
            let created = try await applications.add(officeForm(), actor: "registrar", now: ISO8601DateFormatter().date(from: "2026-11-02T05:00:00Z")!)
            let id = created.id.uuidString
            #expect(created.dueOn == CivilDate("2026-11-23"))
            await #expect(throws: ValidationFailure.self) { try await applications.extend(id, days: 16, reason: "x", actor: "r") }
            await #expect(throws: ValidationFailure.self) { try await applications.extend(id, days: 5, reason: nil, actor: "r") }
            let extended = try await applications.extend(id, days: 5, reason: "Waiting for the police check", actor: "r")
            #expect(extended.dueOn == CivilDate("2026-11-30"))
            await #expect(throws: ValidationFailure.self) { try await applications.extend(id, days: 1, reason: "again", actor: "r") }
        }
    }

    @Test("office intake refuses bad fields; duplicates by national ID and by name with birth date are shown")
    func duplicatesAndRefusals() async throws {
        try await TestDatabase.withDatabase { context in
            try await seeded(context)
            let applications = Applications(context)
            await #expect {
                try await applications.add(officeForm(iin: "880101400018"), actor: "r")
            } throws: { ($0 as? ValidationFailure)?.errors.first?.field == "national_id" }
            #expect(try await count("applications", in: context) == 0)

            // A demo volunteer from seeds has this IIN.
            let again = try await applications.add(officeForm(iin: "910314401230"), actor: "r")
            let first = try await applications.add(officeForm(), actor: "r")
            let second = try await applications.add(officeForm(), actor: "r")
            let shown = try await applications.show(second.id.uuidString)
            #expect(shown.duplicates.contains { $0.kind == "application" && $0.id == first.id.uuidString.lowercased() && $0.matchedBy == "national_id" })
            let volunteerMatch = try await applications.show(again.id.uuidString).duplicates
            #expect(volunteerMatch.contains { $0.kind == "volunteer" && $0.matchedBy == "national_id" })
        }
    }
}
