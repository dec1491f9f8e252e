@testable import AdalCore
import AdalDomain
import AdalStore
import Foundation
import Testing

/// Issue 25's week, as new offices in Shymkent, Almaty and Karaganda live it with the CLI.
@Suite("A week's work in new offices, with the CLI", .timeLimit(.minutes(5)))
struct WeekWalkTests {
    /// A valid IIN for a man born on `yymmdd` in the 1900s: the serial, then the check digit that fits.
    static func iin(_ yymmdd: String, serial: String) -> String {
        (0...9).map { yymmdd + "3" + serial + String($0) }.first { (try? NationalID.parse($0, kind: .kzIIN)) != nil }!
    }

    func json(_ result: CLI.Result) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    @Test("Shymkent registers and finds a volunteer by short ID and Latin search; an Almaty appeal at 01:30 is listed that day; full office names route appeals; plans stay in their country")
    func week() async throws {
        try await TestDatabase.withTarget(migrated: false) { target in
            let home = FileManager.default.temporaryDirectory.appendingPathComponent("adal-week-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: home) }
            let cli = CLI(databaseURL: target.url(includingPassword: true), home: home, environment: ["ADAL_BCRYPT_COST": "4"])
            #expect(try await cli.run("db", "migrate").status == 0)
            #expect(try await cli.run("db", "seed").status == 0)
            #expect(try await cli.run("users", "bootstrap").status == 0)

            // Monday: Shymkent's registrar (a city the seeds used not to know) registers a volunteer.
            let added = try await cli.run("users", "add", "--email", "registrar@shy.example.kz", "--name", "Тіркеуші",
                                          "--role", "registrar", "--office", "SHY")
            #expect(added.status == 0, "\(added.stderr)")
            let iin = Self.iin("900512", serial: "0000")
            let registered = try await cli.run("volunteers", "add", "--last-name", "Серікбаев", "--first-name", "Ерлан",
                                               "--national-id", iin, "--country", "KZ", "--region", "KZ-79", "--office", "SHY",
                                               "--areas", "awareness", "--consent", "v1", "--as", "staff:registrar@shy.example.kz",
                                               "--format", "json")
            #expect(registered.status == 0, "\(registered.stderr)")
            let volunteerID = try #require((try json(registered) as? [String: Any])?["id"] as? String).lowercased()
            let short = String(volunteerID.suffix(8))
            let listed = try await cli.run("volunteers", "list", "--region", "KZ-79")
            #expect(listed.stdout.contains(short) && !listed.stdout.contains(volunteerID), "lists print the short ID:\n\(listed.stdout)")
            let shown = try await cli.run("volunteers", "show", short)
            #expect(shown.status == 0 && shown.stdout.contains("Серікбаев Ерлан"), "\(shown.stderr)")
            let byLatin = try await cli.run("volunteers", "list", "--search", "Serikbaev", "--format", "json")
            #expect(((try json(byLatin) as? [[String: Any]]) ?? []).contains { ($0["id"] as? String)?.lowercased() == volunteerID }, "\(byLatin.stdout)")
            let byNationalID = try await cli.run("volunteers", "show", iin)
            #expect(byNationalID.stdout.contains("Серікбаев Ерлан"), "\(byNationalID.stderr)")
            let unknown = try await cli.run("volunteers", "show", "00000000")
            #expect(unknown.status == 1 && unknown.stderr.contains("no volunteer is '00000000'"), "\(unknown.stderr)")

            // Tuesday: he is suspended over HTTP no longer — with the CLI, with a reason, audited — and reinstated.
            let suspended = try await cli.run("volunteers", "suspend", short, "--reason", "did not come twice", "--format", "json")
            #expect((try json(suspended) as? [String: Any])?["status"] as? String == "suspended", "\(suspended.stderr)")
            let noReason = try await cli.run("volunteers", "reinstate", short, "--reason", " ")
            #expect(noReason.status == 1 && noReason.stderr.contains("reason"))
            #expect(try await cli.run("volunteers", "reinstate", short, "--reason", "explained").status == 0)

            // Wednesday: an eOtinish export written to offices by their full names, in Kazakh and Russian.
            let export = home + "/export.csv"
            try """
                reg_number;registered_at;appeal_type;applicant_iin;applicant_last_name;applicant_first_name;applicant_middle_name;applicant_phone;applicant_email;applicant_address;organisation;region;recipient;subject;text;attachments
                ЖТ-2026-90001;2026-11-03T01:30:00+05:00;өтініш;\(Self.iin("880101", serial: "0011"));Әлімова;Сәуле;;;saule@example.kz;;;KZ-75;ҚР Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігінің Алматы қаласы бойынша департаменті;Еріктілер;Қосылғым келеді.;
                ЖТ-2026-90002;2026-11-03T10:00:00+05:00;заявление;\(Self.iin("870202", serial: "0022"));Петров;Иван;;;ivan@example.kz;;;KZ-35;«Управление превенции  Департамента Агентства по противодействию коррупции по Карагандинской области»;Волонтёрство;Хочу помочь.;
                ЖТ-2026-90003;2026-11-03T11:00:00+05:00;заявление;\(Self.iin("860303", serial: "0033"));Ахметов;Нурлан;;;nurlan@example.kz;;;KZ-79;департамент агентства республики казахстан по противодействию коррупции (антикоррупционной службы) по городу шымкент;Волонтёрство;Хочу помочь.;
                """.write(toFile: export, atomically: true, encoding: .utf8)
            let imported = try await cli.run("applications", "import", "eotinish", export, "--format", "json")
            #expect(imported.status == 0, "\(imported.stderr)")
            let applications = try #require(try json(try await cli.run("applications", "list", "--format", "json")) as? [[String: Any]])
            let byRef = Dictionary(uniqueKeysWithValues: applications.map { ($0["externalRef"] as? String ?? "", $0) })
            for (ref, office) in [("ЖТ-2026-90001", "ALA"), ("ЖТ-2026-90002", "KAR"), ("ЖТ-2026-90003", "SHY")] {
                #expect(byRef[ref]?["officeCode"] as? String == office, "\(ref): \(byRef[ref] ?? [:])")
                #expect((byRef[ref]?["problems"] as? [Any])?.isEmpty == true, "\(ref): \(byRef[ref]?["problems"] ?? "")")
            }
            // The Almaty appeal came at 01:30 on 3 November, Almaty time: that is its day in the list.
            let almaty = try await cli.run("applications", "list", "--region", "KZ-75")
            #expect(almaty.stdout.contains("2026-11-03 01:30"), "\(almaty.stdout)")
            let bySearch = try await cli.run("applications", "list", "--search", "Alimova")
            #expect(bySearch.stdout.contains("Әлімова") && !bySearch.stdout.contains("Петров"), "\(bySearch.stdout)")
            let byReference = try await cli.run("applications", "list", "--search", "жт-2026-90002", "--format", "json")
            #expect((try json(byReference) as? [[String: Any]])?.map { $0["externalRef"] as? String } == ["ЖТ-2026-90002"])
            let firstPage = try #require(try json(try await cli.run("applications", "list", "--limit", "2", "--format", "json")) as? [[String: Any]])
            let lastOfPage = try #require(firstPage.last?["id"] as? String).lowercased()
            let nextPage = try #require(try json(try await cli.run("applications", "list", "--limit", "2", "--after",
                                                                   String(lastOfPage.suffix(8)), "--format", "json")) as? [[String: Any]])
            #expect(Set(firstPage.compactMap { $0["id"] as? String }).isDisjoint(with: nextPage.compactMap { $0["id"] as? String }))
            #expect(firstPage.count + nextPage.count == applications.count)

            // Thursday: a Kazakh event carries a Kazakh programme's item and is refused an Azerbaijani plan's.
            let plans = try await cli.run("plans", "list", "--country", "KZ")
            #expect(plans.stdout.contains("KZ-35-ACV") && !plans.stdout.contains("AZ-NAP-2022-2026"), "\(plans.stdout)")
            let linked = try await cli.run("events", "add", "--kind", "seminar", "--title", "Еріктілер семинары", "--venue", "Шымкент",
                                           "--region", "KZ-79", "--starts", "2026-12-10T10:00", "--plan-item", "KZ-35-ACV 1",
                                           "--format", "json")
            #expect(linked.status == 0, "\(linked.stderr)")
            #expect((try json(linked) as? [String: Any])?["planItems"] as? [String] == ["KZ-35-ACV 1"], "\(linked.stdout)")
            let foreign = try await cli.run("events", "add", "--kind", "seminar", "--title", "Семинар", "--venue", "Шымкент",
                                            "--region", "KZ-79", "--starts", "2026-12-11T10:00", "--plan-item", "AZ-NAP-2022-2026 6.2")
            #expect(foreign.status == 1 && foreign.stderr.contains("plan_items[0]"), "\(foreign.stderr)")

            let event = try #require((try json(linked) as? [String: Any])?["id"] as? String).lowercased()
            let found = try await cli.run("events", "list", "--search", "Еріктілер")
            #expect(found.stdout.contains(String(event.suffix(8))), "\(found.stdout)")
            let firstEvents = try #require(try json(try await cli.run("events", "list", "--limit", "3", "--format", "json")) as? [[String: Any]])
            let moreEvents = try #require(try json(try await cli.run("events", "list", "--limit", "100", "--after",
                                                                     String((firstEvents.last?["id"] as? String ?? "").suffix(8)),
                                                                     "--format", "json")) as? [[String: Any]])
            let allEvents = try #require(try json(try await cli.run("events", "list", "--format", "json")) as? [[String: Any]])
            #expect((firstEvents + moreEvents).compactMap { $0["id"] as? String } == allEvents.compactMap { $0["id"] as? String })

            // Friday: a speaker invited by name answers by name; the admin's accounts list, role and last-admin guard.
            #expect(try await cli.run("events", "invite", String(event.suffix(8)), "--name", "Жұмабаев Айдос", "--position", "заңгер").status == 0)
            let answered = try await cli.run("events", "respond", event, "--person", "Жумабаев Айдос", "--response", "registered")
            #expect(answered.status == 0, "\(answered.stderr)")
            let shownEvent = try await cli.run("events", "show", String(event.suffix(8)))
            #expect(shownEvent.stdout.contains("Жұмабаев Айдос"), "\(shownEvent.stdout)")
            let users = try await cli.run("users", "list", "--search", "shy")
            #expect(users.stdout.contains("registrar@shy.example.kz") && users.stdout.contains("registrar"), "\(users.stdout)")
            let role = try await cli.run("users", "role", "registrar@shy.example.kz", "coordinator", "--format", "json")
            #expect((try json(role) as? [String: Any])?["role"] as? String == "coordinator", "\(role.stderr)")
            #expect((try json(role) as? [String: Any])?["officeCode"] as? String == "SHY", "the scope stays: \(role.stdout)")
            #expect(try await cli.run("users", "disable", "registrar@shy.example.kz").status == 0)
            #expect(try await cli.run("users", "enable", "registrar@shy.example.kz").status == 0)
            let lastAdmin = try await cli.run("users", "disable", "admin@adal.local")
            #expect(lastAdmin.status == 1 && lastAdmin.stderr.contains("last active admin"), "\(lastAdmin.stderr)")
        }
    }
}
