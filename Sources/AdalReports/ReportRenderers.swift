import AdalDomain
import Foundation

/// A report written out as CSV (RFC 4180, one section), JSON (the whole document), text tables
/// or one self-contained HTML page with SVG charts.
public enum ReportRenderer {
    /// One section as CSV; `excel` writes what spreadsheet programs in these countries open
    /// directly: a UTF-8 byte-order mark, `;` between fields, decimal commas — and a text that a
    /// spreadsheet would take for a formula (it begins with =, +, -, @, tab or CR; names come from
    /// the public) starts with an apostrophe, so it stays text.
    public static func csv(_ section: ReportDocument.Section, excel: Bool = false) -> String {
        let separator = excel ? ";" : ","
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "\"" || $0 == "\n" || $0 == "\r" || String($0) == separator })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var lines = [section.columns.map { field($0.title) }.joined(separator: separator)]
        for row in section.rows {
            lines.append(row.map { cell -> String in
                var text = cell.text
                if excel, cell.number != nil {
                    text = text.replacingOccurrences(of: ".", with: ",")
                } else if excel, let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
                    text = "'" + text
                }
                return field(text)
            }.joined(separator: separator))
        }
        return (excel ? "\u{FEFF}" : "") + lines.joined(separator: "\r\n") + "\r\n"
    }

    public static func json(_ document: ReportDocument) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    /// Every section as an aligned text table, under its title.
    public static func text(_ document: ReportDocument) -> String {
        var out = "\(document.title) — \(document.region ?? "*"), \(document.from) … \(document.to)\n"
        for section in document.sections {
            out += "\n\(section.title)\n"
            let rows = [section.columns.map(\.title)] + section.rows.map { $0.map(\.text) }
            let widths = section.columns.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
            let numeric = section.columns.indices.map { column in section.rows.contains { $0[safe: column]?.number != nil } }
            for (number, row) in rows.enumerated() {
                out += row.enumerated().map { column, text in
                    let pad = String(repeating: " ", count: widths[column] - text.count)
                    return numeric[column] ? pad + text : text + pad
                }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
                if number == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
            }
            if section.rows.isEmpty { out += "—\n" }
        }
        return out
    }

    /// One page that needs nothing from the network: tables, and an SVG chart (bars or lines) for
    /// each section that has one.
    public static func html(_ document: ReportDocument) -> String {
        let e = Printables.escape
        let body = "<h1>\(e(document.title))</h1><p class=\"meta\">\(e(document.region ?? "*")) · \(e(document.from)) … \(e(document.to))</p>"
            + sections(document)
        return """
            <!DOCTYPE html><html lang="\(e(document.language))"><head><meta charset="utf-8">
            <title>\(e(document.title))</title>
            <style>body{font:14px/1.4 sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}\
            th,td{border:1px solid #ccc;padding:4px 8px;text-align:left}td.n{text-align:right}.meta{color:#666}\
            svg text{font:12px sans-serif}</style></head><body>\(body)</body></html>
            """
    }

    /// The report's sections, each with its chart and table, for a page of its own or inside another.
    public static func sections(_ document: ReportDocument) -> String {
        let e = Printables.escape
        var body = ""
        for section in document.sections {
            body += "<section id=\"\(e(section.key))\"><h2>\(e(section.title))</h2>"
            if let chart = section.chart, !section.rows.isEmpty {
                body += chart.kind == .line ? lineChart(section, chart) : barChart(section, chart)
            }
            body += "<table><thead><tr>" + section.columns.map { "<th>\(e($0.title))</th>" }.joined() + "</tr></thead><tbody>"
            for row in section.rows {
                body += "<tr>" + row.map { cell in
                    cell.number != nil ? "<td class=\"n\">\(e(cell.text))</td>" : "<td>\(e(cell.text))</td>"
                }.joined() + "</tr>"
            }
            if section.rows.isEmpty { body += "<tr><td colspan=\"\(section.columns.count)\">—</td></tr>" }
            body += "</tbody></table></section>"
        }
        return body
    }

    /// Horizontal bars, one per row, scaled to the largest value.
    static func barChart(_ section: ReportDocument.Section, _ chart: ReportDocument.Chart) -> String {
        let e = Printables.escape
        let bars = section.rows.map { (label: $0[safe: chart.label]?.text ?? "", value: $0[safe: chart.values[0]]?.number ?? 0) }
        let largest = max(bars.map(\.value).max() ?? 0, 1)
        let (labelWidth, barWidth, rowHeight) = (220.0, 360.0, 22.0)
        let height = Double(bars.count) * rowHeight + 10
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"\(Int(labelWidth + barWidth + 60))\" "
            + "height=\"\(Int(height))\" role=\"img\" aria-label=\"\(e(section.title))\">"
        for (index, bar) in bars.enumerated() {
            let y = Double(index) * rowHeight + 5
            let width = bar.value / largest * barWidth
            svg += "<text x=\"\(Int(labelWidth - 6))\" y=\"\(Int(y + 15))\" text-anchor=\"end\">\(e(String(bar.label.prefix(32))))</text>"
            svg += "<rect x=\"\(Int(labelWidth))\" y=\"\(Int(y + 3))\" width=\"\(String(format: "%.1f", width))\" height=\"16\" "
                + "fill=\"#3b6ea5\" data-value=\"\(bar.value)\"></rect>"
            svg += "<text x=\"\(Int(labelWidth + width + 4))\" y=\"\(Int(y + 15))\">\(e(ReportCell.decimal(bar.value).text))</text>"
        }
        return svg + "</svg>"
    }

    static let seriesColours = ["#3b6ea5", "#c0504d", "#4f9a52", "#8064a2"]

    /// A line per value column over the rows in order (months), on a scale from zero to the largest
    /// value, each point marked with its value; a legend names the lines by their column titles.
    static func lineChart(_ section: ReportDocument.Section, _ chart: ReportDocument.Chart) -> String {
        let e = Printables.escape
        let labels = section.rows.map { $0[safe: chart.label]?.text ?? "" }
        let series = chart.values.map { column in section.rows.map { $0[safe: column]?.number ?? 0 } }
        let largest = max(series.flatMap { $0 }.max() ?? 0, 1)
        let (left, top, plotWidth, plotHeight) = (50.0, 30.0, max(Double(labels.count - 1), 1) * 56, 180.0)
        let width = left + plotWidth + 40, height = top + plotHeight + 30
        func x(_ index: Int) -> Double { labels.count == 1 ? left + plotWidth / 2 : left + Double(index) * plotWidth / Double(labels.count - 1) }
        func y(_ value: Double) -> Double { top + plotHeight - value / largest * plotHeight }
        func number(_ value: Double) -> String { String(format: "%.1f", value) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart line\" width=\"\(Int(width))\" "
            + "height=\"\(Int(height))\" role=\"img\" aria-label=\"\(e(section.title))\">"
        for step in 0...4 {
            let value = largest * Double(step) / 4
            svg += "<line x1=\"\(Int(left))\" x2=\"\(Int(left + plotWidth))\" y1=\"\(number(y(value)))\" y2=\"\(number(y(value)))\" "
                + "stroke=\"#ddd\"></line>"
            svg += "<text x=\"\(Int(left - 6))\" y=\"\(number(y(value) + 4))\" text-anchor=\"end\">\(e(ReportCell.decimal(value.rounded()).text))</text>"
        }
        for (index, label) in labels.enumerated() {
            svg += "<text x=\"\(number(x(index)))\" y=\"\(Int(top + plotHeight + 18))\" text-anchor=\"middle\">\(e(label))</text>"
        }
        for (line, values) in series.enumerated() {
            let colour = seriesColours[line % seriesColours.count]
            let points = values.enumerated().map { "\(number(x($0.offset))),\(number(y($0.element)))" }.joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(points)\"></polyline>"
            for (index, value) in values.enumerated() {
                svg += "<circle cx=\"\(number(x(index)))\" cy=\"\(number(y(value)))\" r=\"3\" fill=\"\(colour)\" data-value=\"\(value)\">"
                    + "<title>\(e(labels[index])): \(e(ReportCell.decimal(value).text))</title></circle>"
            }
            let title = section.columns[safe: chart.values[line]]?.title ?? ""
            svg += "<rect x=\"\(Int(left + Double(line) * 160))\" y=\"6\" width=\"12\" height=\"12\" fill=\"\(colour)\"></rect>"
                + "<text x=\"\(Int(left + Double(line) * 160 + 16))\" y=\"16\">\(e(title))</text>"
        }
        return svg + "</svg>"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
