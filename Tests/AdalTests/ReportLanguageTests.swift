import AdalCore
import AdalDomain
import AdalStore
import AdalText
import Foundation
import PostgresNIO
import Testing

@testable import AdalReports

@Suite("Reports in five languages, with the seeds' own example", .timeLimit(.minutes(5)))
struct ReportLanguageTests {
    /// The English words of the catalogs that the reports and printables use and that another
    /// language writes differently (eOtinish, 18–24 or "Sertifikat" are the same in several).
    static func englishOnly(comparedWith language: Language) -> Set<String> {
        let english = Catalogs.standard[.en].texts, other = Catalogs.standard[language].texts
        let prefixes = ["report_label_", "channel_", "kind_", "area_", "status_", "event_kind_", "event_status_", "age_group_",
                        "certificate_", "sheet_", "minutes_", "participant_role_"]
        return Set(english.filter { key, value in prefixes.contains { key.hasPrefix($0) } && other[key] != value }.values)
    }

    @Test("the action plan for Azerbaijan over 2020–2027 lists 5.6, 6.2 and 6.9 — the Absheron videoconference of unknown date among them — by year; not in a period that does not cover its plan's years")
    func seedsExample() async throws {
        try await TestDatabase.withTarget { target in
            try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                let report = try await Reports(context).actionPlan(.init(regionCode: "AZ", from: "2020-01-01", to: "2027-12-31"))
                let items = report.section("items")?.rows.map { [$0[0].text, $0[1].text, $0[3].text, $0[4].text] } ?? []
                #expect(items.contains(["AZ-OGP-2020-2022", "5.6", "1", "1"]), "\(items)")
                #expect(items.contains(["AZ-NAP-2022-2026", "6.2", "1", "1"]) && items.contains(["AZ-NAP-2022-2026", "6.9", "1", "1"]), "\(items)")
                let absheron = report.section("events")?.rows.first { $0[3].text.contains("Korrupsiyaya birgə yox deyək") }?.map(\.text)
                #expect(absheron?.first == "date not known" && absheron?.last == "AZ-NAP-2022-2026 6.2, AZ-NAP-2022-2026 6.9",
                        "\(String(describing: absheron))")
                #expect(report.notes.contains { $0.contains("date not known") })
                // Eight years by year: a row a year, whole counts.
                #expect(report.section("months") == nil)
                #expect(report.section("years")?.rows.map { $0[0].text } == (2020...2027).map(String.init))
                #expect(report.section("years")?.rows.first { $0[0].text == "2022" }?.map(\.text) == ["2022", "1", "1", "0"])

                // A period that does not cover 2022–2026 whole cannot say the event was in it.
                let year = try await Reports(context).actionPlan(.init(regionCode: "AZ", from: "2024-01-01", to: "2024-12-31"))
                #expect(!(year.section("events")?.rows.contains { $0[3].text.contains("Korrupsiyaya") } ?? true))
                #expect(year.section("items")?.rows.contains { $0[1].text == "6.2" } == false)

                // A Kazakh reader gets the item's own Azerbaijani title (the record has no Kazakh one), not the English.
                let kazakh = try await Reports(context).actionPlan(.init(regionCode: "AZ", from: "2020-01-01", to: "2027-12-31", language: "kk"))
                let title = kazakh.section("items")?.rows.first { $0[1].text == "6.2" }?[2].text ?? ""
                let stored = try await database.withConnection { connection in
                    try await connection.query("""
                        SELECT i.title ->> 'az' FROM plan_items i JOIN action_plans p ON p.id = i.plan_id
                        WHERE p.code = 'AZ-NAP-2022-2026' AND i.number = '6.2'
                        """, logger: TestDatabase.logger).collect()[0].decode(String.self)
                }
                #expect(title == stored, "\(title)")
                #expect(kazakh.section("years")?.title == "Жылдар бойынша")
            }
        }
    }

    @Test("every report, the attendance sheet, the certificate and the minutes in uz and az: no English word left but names, Uzbek with ʻ")
    func noEnglishLeft() async throws {
        try await TestDatabase.withTarget { target in
            try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                let held = try await database.withConnection { connection in
                    try await connection.query("""
                        SELECT e.id::text FROM events e JOIN participants p ON p.event_id = e.id
                        WHERE e.status = 'held' GROUP BY e.id ORDER BY count(*) DESC LIMIT 1
                        """, logger: TestDatabase.logger).collect()[0].decode(String.self)
                }
                let event = try await Directory(context).event(held)
                for language in [Language.uz, .az] {
                    let english = Self.englishOnly(comparedWith: language)
                    #expect(english.count > 100, "\(english.count) English words to look for")
                    var shown: [String] = []
                    for name in Reports.names {
                        let request = Reports.Request(regionCode: name == "action-plan" ? "AZ" : nil, from: "2020-01-01",
                                                      to: "2027-12-31", language: language.rawValue)
                        let document = try await Reports(context).run(name, request)
                        shown += [document.title] + document.notes
                        for section in document.sections {
                            shown += [section.title] + section.columns.map(\.title)
                            // Cells that hold words (codes put in words, "no meetings", "date not known"); names are the records'.
                            shown += section.rows.flatMap { $0 }.compactMap { cell in
                                if case let .text(text) = cell { return text } else { return nil }
                            }
                        }
                        let html = ReportRenderer.html(document)
                        #expect(!html.contains("report_label_"), "\(name) in \(language): a catalog key in place of its words")
                        #expect(html.contains("<html lang=\"\(language == .uz ? "uz-Latn" : "az")\""))
                    }
                    let left = Set(shown).intersection(english)
                    #expect(left.isEmpty, "\(language): English left in the reports: \(left.sorted())")

                    let sheet = Printables.attendanceSheet(event, language: language)
                    let certificate = Printables.certificate(CertificateRecord(number: "ADAL-1", holder: "Aliyeva Leyla", eventTitle: event.title,
                                                                               eventDate: event.heldOn, officeCode: "X"),
                                                             office: "Office", language: language)
                    let minutes = Printables.minutes(Minutes(event: event, decisions: [], tasks: []), office: "Office", language: language)
                    for (name, page) in [("sheet", sheet), ("certificate", certificate), ("minutes", minutes)] {
                        let words = Set(page.replacingOccurrences(of: "<[^>]*>", with: "\n", options: .regularExpression)
                            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                            .flatMap { [$0] + $0.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) } })
                        #expect(words.intersection(english).isEmpty, "\(name) in \(language): \(words.intersection(english).sorted())")
                    }
                    #expect(sheet.contains(Catalogs.standard[language]["sheet_signature"]))
                }
                // Uzbek is written with ʻ (U+02BB), never the quotation mark ‘ (U+2018), in every catalog text.
                #expect(!Catalogs.standard[.uz].texts.values.contains { $0.contains("\u{2018}") })
                #expect(Catalogs.standard[.uz]["report_label_received"] == "Kanallar boʻyicha kelib tushgani")
            }
        }
    }

    @Test("charts: whole-number ticks, labels broken and shortened between words with the whole label in a title, scaled to the page")
    func charts() {
        #expect(ChartScale.ticks(upTo: 2) == [0, 1, 2], "never 2, 2, 1, 1, 0")
        #expect(ChartScale.ticks(upTo: 0) == [0, 1])
        #expect(ChartScale.ticks(upTo: 7) == [0, 2, 4, 6, 8])
        #expect(ChartScale.ticks(upTo: 37) == [0, 10, 20, 30, 40])
        #expect(ChartScale.ticks(upTo: 1234) == [0, 500, 1000, 1500])
        let long = "Korrupsiyaya qarşı mübarizənin gücləndirilməsinə dair 2022–2026-cı illər üçün Milli Fəaliyyət Planı"
        let lines = ChartLabel.lines(long, perLine: 40, maxLines: 2)
        #expect(lines.count == 2 && lines[1].hasSuffix("…"), "\(lines)")
        for line in lines {
            #expect(line.count <= 40)
            let words = line.replacingOccurrences(of: "…", with: "").split(separator: " ").map(String.init)
            #expect(words.allSatisfy { long.split(separator: " ").map(String.init).contains($0) }, "a word cut: \(line)")
        }
        #expect(ChartLabel.lines("Abşeron rayonu", perLine: 40, maxLines: 2) == ["Abşeron rayonu"])

        let section = ReportDocument.Section(key: "items", title: "Items", columns: [.init(key: "item", title: "item"), .init(key: "n", title: "n")],
                                             rows: [[.text(long), .integer(3)], [.text("Short"), .integer(1)]], chart: .bar(label: 0, value: 1))
        let svg = ReportRenderer.barChart(section, section.chart!)
        #expect(svg.contains("<title>\(Printables.escape(long)): 3</title>"))
        #expect(svg.contains("viewBox=") && !svg.contains(" width=\"7"), "the chart scales to the page")
        let rating = ReportDocument.Section(key: "rating", title: "Rating", columns: [.init(key: "council", title: "council"), .init(key: "total", title: "total")],
                                            rows: [[.text("A"), .decimal(75.6)], [.text("B"), .text("no meetings")]], chart: .bar(label: 0, value: 1))
        let ranked = ReportRenderer.barChart(rating, rating.chart!)
        #expect(ranked.contains(">no meetings</text>") && ranked.contains("<title>B: no meetings</title>") && ranked.contains(">75.6</text>"),
                "a council with no meetings is labelled so, not 0")
        let months = ReportDocument.Section(key: "months", title: "Months", columns: [.init(key: "month", title: "month"), .init(key: "n", title: "n")],
                                            rows: [[.text("2026-01"), .integer(2)], [.text("2026-02"), .integer(1)]], chart: .line(label: 0, values: [1]))
        let line = ReportRenderer.lineChart(months, months.chart!)
        let ticks = line.matches(of: /text-anchor="end">(\d+)<\/text>/).map { String($0.output.1) }
        #expect(ticks == ["0", "1", "2"], "\(ticks)")
        #expect(ReportGrain.of(months: 12) == .month && ReportGrain.of(months: 13) == .quarter && ReportGrain.of(months: 96) == .year)
        #expect(ReportGrain.quarter.group([[.text("2025-01"), .integer(1)], [.text("2025-03"), .integer(2)], [.text("2025-04"), .integer(5)]])
                    .map { $0.map(\.text) } == [["2025 I", "3"], ["2025 II", "5"]])
    }
}
