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

    /// Every section as an aligned text table, under its title; the notes after the heading.
    public static func text(_ document: ReportDocument) -> String {
        var out = "\(document.title) — \(regionText(document)), \(document.from) … \(document.to)\n"
        for note in document.notes { out += "\(note)\n" }
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

    /// The region asked for, or the words for all regions in the report's language.
    public static func regionText(_ document: ReportDocument) -> String {
        document.region ?? ReportLabels.text("all_regions", Language(rawValue: document.language) ?? .en)
    }

    /// One page that needs nothing from the network: tables, and an SVG chart (bars or lines) for
    /// each section that has one. Charts shrink to a narrower page (a phone's), keeping their
    /// shape (their viewBox); wide tables scroll within their own box.
    public static func html(_ document: ReportDocument) -> String {
        let e = Printables.escape
        let body = "<h1>\(e(document.title))</h1><p class=\"meta\">\(e(regionText(document))) · \(e(document.from)) … \(e(document.to))</p>"
            + document.notes.map { "<p class=\"note\">\(e($0))</p>" }.joined() + sections(document)
        let language = document.language == "uz" ? "uz-Latn" : document.language
        return """
            <!DOCTYPE html><html lang="\(e(language))"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(document.title))</title>
            <style>body{font:14px/1.4 sans-serif;margin:2em;color:#222;max-width:1100px}table{border-collapse:collapse;margin:1em 0}\
            th,td{border:1px solid #ccc;padding:4px 8px;text-align:left}td.n{text-align:right}.meta,.note{color:#555}\
            .table-wrap{overflow-x:auto;max-width:100%}svg.chart{display:block;max-width:100%;height:auto}\
            svg text{font:13px sans-serif}svg.line text{font-size:15px}@media (max-width:600px){body{margin:.75em}}</style></head><body>\(body)</body></html>
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
            body += "<div class=\"table-wrap\"><table><thead><tr>" + section.columns.map { "<th>\(e($0.title))</th>" }.joined()
                + "</tr></thead><tbody>"
            for row in section.rows {
                body += "<tr>" + row.map { cell in
                    cell.number != nil ? "<td class=\"n\">\(e(cell.text))</td>" : "<td>\(e(cell.text))</td>"
                }.joined() + "</tr>"
            }
            if section.rows.isEmpty { body += "<tr><td colspan=\"\(section.columns.count)\">—</td></tr>" }
            body += "</tbody></table></div></section>"
        }
        return body
    }

    /// Horizontal bars, one per row, scaled to the largest value: each row's label above its bar,
    /// in at most two lines broken between words (shortened with … at a word boundary, the whole
    /// label in the bar's title), so the chart is narrow enough to scale onto a phone.
    static func barChart(_ section: ReportDocument.Section, _ chart: ReportDocument.Chart) -> String {
        let e = Printables.escape
        // A value that is words (a council with no meetings) is drawn as no bar, labelled with its words.
        let bars = section.rows.map { row in
            (label: row[safe: chart.label]?.text ?? "", value: row[safe: chart.values[0]]?.number ?? 0,
             shown: row[safe: chart.values[0]].map { $0.number == nil ? $0.text : ReportCell.decimal($0.number!).text } ?? "")
        }
        let largest = max(bars.map(\.value).max() ?? 0, 1)
        let (width, barWidth, lineHeight) = (420.0, 350.0, 16.0)
        var y = 4.0
        var body = ""
        for bar in bars {
            let lines = ChartLabel.lines(bar.label, perLine: 50, maxLines: 2)
            body += "<g><title>\(e(bar.label)): \(e(bar.shown))</title>"
            for line in lines {
                y += lineHeight
                body += "<text x=\"0\" y=\"\(Int(y))\">\(e(line))</text>"
            }
            let length = bar.value / largest * barWidth
            body += "<rect x=\"0\" y=\"\(Int(y + 5))\" width=\"\(String(format: "%.1f", length))\" height=\"14\" fill=\"#3b6ea5\" "
                + "data-value=\"\(bar.value)\"></rect>"
                + "<text x=\"\(Int(length + 6))\" y=\"\(Int(y + 17))\">\(e(bar.shown))</text></g>"
            y += 26
        }
        let height = Int(y + 4)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bar\" width=\"\(Int(width))\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(Int(width)) \(height)\" role=\"img\" aria-label=\"\(e(section.title))\">" + body + "</svg>"
    }

    static let seriesColours = ["#3b6ea5", "#c0504d", "#4f9a52", "#8064a2"]

    /// A line per value column over the rows in order (months, quarters or years), on a scale from
    /// zero with whole-number ticks, each point marked with its value; a legend names the lines by
    /// their column titles. Its width is fixed and it scales to the page.
    static func lineChart(_ section: ReportDocument.Section, _ chart: ReportDocument.Chart) -> String {
        let e = Printables.escape
        let labels = section.rows.map { $0[safe: chart.label]?.text ?? "" }
        let series = chart.values.map { column in section.rows.map { $0[safe: column]?.number ?? 0 } }
        let ticks = ChartScale.ticks(upTo: series.flatMap { $0 }.max() ?? 0)
        let top = Double(ticks.last ?? 1)
        let legendRows = (chart.values.count + 1) / 2
        let (left, plotWidth, plotHeight) = (40.0, 400.0, 200.0)
        let topMargin = 14 + Double(legendRows) * 22
        let width = left + plotWidth + 16, height = topMargin + plotHeight + 30
        func x(_ index: Int) -> Double { labels.count == 1 ? left + plotWidth / 2 : left + Double(index) * plotWidth / Double(labels.count - 1) }
        func y(_ value: Double) -> Double { topMargin + plotHeight - value / top * plotHeight }
        func number(_ value: Double) -> String { String(format: "%.1f", value) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart line\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
            + "viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(e(section.title))\">"
        for tick in ticks {
            let at = y(Double(tick))
            svg += "<line x1=\"\(Int(left))\" x2=\"\(Int(left + plotWidth))\" y1=\"\(number(at))\" y2=\"\(number(at))\" stroke=\"#ddd\"></line>"
            svg += "<text x=\"\(Int(left - 6))\" y=\"\(number(at + 4))\" text-anchor=\"end\">\(tick)</text>"
        }
        // At most eight labels along the bottom: with more points, every second or third is named.
        let every = max(1, Int((Double(labels.count) / 8).rounded(.up)))
        for (index, label) in labels.enumerated() where index % every == 0 {
            svg += "<text x=\"\(number(x(index)))\" y=\"\(Int(topMargin + plotHeight + 20))\" text-anchor=\"middle\">\(e(label))</text>"
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
            let (legendX, legendY) = (left + Double(line % 2) * 210, 6 + Double(line / 2) * 22)
            svg += "<rect x=\"\(Int(legendX))\" y=\"\(Int(legendY))\" width=\"12\" height=\"12\" fill=\"\(colour)\"></rect>"
                + "<text x=\"\(Int(legendX + 16))\" y=\"\(Int(legendY + 11))\">\(e(ChartLabel.shortened(title, to: 22)))</text>"
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
