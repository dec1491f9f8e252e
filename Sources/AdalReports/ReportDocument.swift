import AdalDomain
import Foundation

/// A report as it is handed to a renderer: what was asked (region, period, language) and its
/// sections, each a table that may be drawn as a chart.
public struct ReportDocument: Codable, Sendable {
    public let name: String
    public let title: String
    public let region: String?
    public let from: String
    public let to: String
    public let language: String
    public let generatedAt: Date
    public var sections: [Section]
    /// How to read the report (what the methodology does with a council that did not meet, where an
    /// event of unknown date is counted), in its language.
    public var notes: [String] = []

    public init(name: String, title: String, region: String?, from: String, to: String, language: String,
                generatedAt: Date, sections: [Section]) {
        (self.name, self.title, self.region, self.from, self.to) = (name, title, region, from, to)
        (self.language, self.generatedAt, self.sections) = (language, generatedAt, sections)
    }

    public struct Column: Codable, Sendable {
        public let key: String
        public let title: String

        public init(key: String, title: String) {
            self.key = key
            self.title = title
        }
    }

    /// How a section is drawn: bars (one per row, labelled by column `label`, as long as the first
    /// of `values`), or lines (one per column of `values`, a point per row, the rows in order).
    public struct Chart: Codable, Sendable {
        public enum Kind: String, Codable, Sendable { case bar, line }

        public let kind: Kind
        public let label: Int
        public let values: [Int]

        public static func bar(label: Int, value: Int) -> Chart { Chart(kind: .bar, label: label, values: [value]) }
        public static func line(label: Int, values: [Int]) -> Chart { Chart(kind: .line, label: label, values: values) }
    }

    public struct Section: Codable, Sendable {
        public let key: String
        public let title: String
        public let columns: [Column]
        public let rows: [[ReportCell]]
        public let chart: Chart?

        public init(key: String, title: String, columns: [Column], rows: [[ReportCell]], chart: Chart?) {
            (self.key, self.title, self.columns, self.rows, self.chart) = (key, title, columns, rows, chart)
        }
    }

    public func section(_ key: String) -> Section? { sections.first { $0.key == key } }
}
