import AdalDomain
import ArgumentParser
import Foundation

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// Rows as the CLI prints them, whatever the format.
struct Table {
    var columns: [String]
    var rows: [[String]]

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .csv:
            return ([columns] + rows).map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        case .table, .json:
            let widths = columns.indices.map { column in
                ([columns] + rows).map { $0[column].count }.max() ?? 0
            }
            func line(_ cells: [String]) -> String {
                zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }
                    .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
            }
            return ([line(columns), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line))
                .joined(separator: "\n") + "\n"
        }
    }

    static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

enum Output {
    /// Writes a document to `path`, or to standard output when none is given.
    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw ValidationFailure([FieldError("out", "cannot write \(path): \(error.localizedDescription)")])
        }
    }

    /// Prints records as JSON, or as a table or CSV through `table`.
    static func print<T: Encodable>(_ value: T, format: OutputFormat, table: () -> Table) {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            let data = (try? encoder.encode(value)) ?? Data("null".utf8)
            Swift.print(String(decoding: data, as: UTF8.self))
        case .table, .csv:
            Swift.print(table().render(format), terminator: "")
        }
    }

    /// When an event starts in its region's time, or the day it was held when only that is known.
    static func when(_ event: Event) -> String {
        if let start = event.startsAt { return LocalTime.format(start, zone: event.timeZone) }
        return event.heldOn?.description ?? "—"
    }
}
