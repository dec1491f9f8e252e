import AdalDomain
import Foundation

/// A signed attendance sheet typed back in as CSV: a header with `name` (or `person`, an id) and
/// `attended` (yes/no, +/-, 1/0, true/false, attended/absent, да/нет, иә/жоқ, ha/yo'q, bəli/xeyr).
public enum AttendanceSheetReader {
    static let yes: Set<String> = ["yes", "y", "+", "1", "true", "attended", "present", "да", "иә", "ia", "ha", "bəli", "beli", "x", "✓"]
    static let no: Set<String> = ["no", "n", "-", "0", "false", "absent", "нет", "жоқ", "joq", "yo'q", "yoʻq", "xeyr", ""]

    public static func read(_ text: String) throws -> [(who: String, attended: Bool)] {
        let body = text.first == "\u{FEFF}" ? Substring(text).dropFirst() : Substring(text)
        let reader = CSVReader(delimiter: CSVReader.guessDelimiter(body))
        var errors = FieldErrorCollector()
        var header: [String]?
        var rows: [(who: String, attended: Bool)] = []
        for row in reader.rows(String(body)) {
            switch row {
            case let .failure(failure):
                errors.add("line \(failure.line)", failure.reason)
            case let .success(row):
                guard let columns = header else {
                    header = row.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                    continue
                }
                guard let whoColumn = columns.firstIndex(of: "person") ?? columns.firstIndex(of: "name"),
                      let attendedColumn = columns.firstIndex(of: "attended") else {
                    errors.add("header", "needs a name (or person) column and an attended column")
                    try errors.throwIfAny()
                    return []
                }
                let who = whoColumn < row.fields.count ? row.fields[whoColumn].trimmingCharacters(in: .whitespaces) : ""
                let mark = attendedColumn < row.fields.count ? row.fields[attendedColumn].trimmingCharacters(in: .whitespaces).lowercased() : ""
                if who.isEmpty && mark.isEmpty { continue }
                guard !who.isEmpty else {
                    errors.add("line \(row.line)", "names nobody")
                    continue
                }
                if yes.contains(mark) {
                    rows.append((who, true))
                } else if no.contains(mark) {
                    rows.append((who, false))
                } else {
                    errors.add("line \(row.line)", "'\(mark)' is neither yes nor no")
                }
            }
        }
        if header == nil { errors.add("sheet", "is empty") }
        try errors.throwIfAny()
        return rows
    }
}
