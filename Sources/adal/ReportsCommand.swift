import AdalCore
import AdalDomain
import AdalReports
import AdalStore
import ArgumentParser
import Foundation

struct ReportsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reports",
        abstract: "Reports from the records, for a region's subtree and a period: \(Reports.names.joined(separator: ", ")).",
        discussion: "Periods are local dates in each record's region; the default is from the first of January to today (in the region's zone).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json, html
    }

    @OptionGroup var common: CommonOptions
    @Argument(help: "The report: \(Reports.names.joined(separator: ", ")).") var name: String
    @Option(help: "The region (its subtree); all regions when not given.") var region: String?
    @Option(help: "First day, yyyy-MM-dd.") var from: String?
    @Option(help: "Last day, yyyy-MM-dd.") var to: String?
    @Option(help: "Labels in kk, ru, uz, az or en.") var lang: String = "en"
    @Option(help: "With councils: the rating methodology, one of those in rating_criteria (seeds/60-council-rating.json).")
    var methodology = "standard"
    @Option(help: "table, csv, json or html.") var format: Format = .table
    @Option(help: "With csv: the section to write (default: the first).") var section: String?
    @Flag(help: "With csv: a byte-order mark and ';' for spreadsheet programs.") var excel = false
    @Option(help: "Write to this file instead of standard output.") var out: String?
    @Option(help: "Time the report: run it this many times after a warm-up, print the median and PostgreSQL's own time (EXPLAIN ANALYZE).")
    var timing: Int?

    func run() async throws {
        let request = Reports.Request(regionCode: region, from: from, to: to, language: lang, methodology: methodology)
        let name = self.name
        if let timing {
            let line = try await common.withContext { context in
                _ = try await Reports(context).run(name, request)
                var times: [Double] = []
                for _ in 0..<max(1, timing) {
                    let started = ContinuousClock.now
                    _ = try await Reports(context).run(name, request)
                    let elapsed = ContinuousClock.now - started
                    times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
                }
                let explain = ExplainTotal()
                _ = try await Reports(context, explain: explain).run(name, request)
                let median = times.sorted()[times.count / 2]
                return String(format: "%@: median of %d %.1f ms (min %.1f, max %.1f); PostgreSQL's own time (EXPLAIN ANALYZE) %.1f ms",
                              name, times.count, median, times.min()!, times.max()!, explain.take())
            }
            print(line)
            return
        }
        let document = try await common.withContext { context in try await Reports(context).run(name, request) }
        let text: String
        switch format {
        case .table: text = ReportRenderer.text(document)
        case .json: text = try ReportRenderer.json(document) + "\n"
        case .html: text = ReportRenderer.html(document)
        case .csv:
            let key = section ?? document.sections[0].key
            guard let chosen = document.section(key) else {
                throw ValidationFailure([FieldError("section", "'\(key)' is not one of: \(document.sections.map(\.key).joined(separator: ", "))")])
            }
            text = ReportRenderer.csv(chosen, excel: excel)
        }
        if let out {
            try Data(text.utf8).write(to: URL(fileURLWithPath: out))
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
