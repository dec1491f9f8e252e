import AdalDomain

/// Reads CSV as spreadsheet programs and eOtinish write it (RFC 4180): `,` or `;` (guessed from the
/// header line), fields in double quotes may hold delimiters, doubled quotes and line breaks; a UTF-8
/// byte-order mark is skipped; CRLF or LF.
import AdalDomain

public struct CSVReader: Sendable {
    public struct Row: Sendable {
        /// The line the row starts on (1-based), for messages.
        public let line: Int
        public let fields: [String]
        /// The row's text as it stood in the file.
        public let raw: String
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let line: Int
        public let reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    public let delimiter: Character

    public init(delimiter: Character) {
        self.delimiter = delimiter
    }

    /// `;` when the header line has more of them than commas (outside quotes), else `,`.
    public static func guessDelimiter(_ text: Substring) -> Character {
        let header = text.prefix { $0 != "\n" && $0 != "\r\n" }
        var inQuotes = false, commas = 0, semicolons = 0
        for character in header {
            if character == "\"" { inQuotes.toggle() }
            else if !inQuotes && character == "," { commas += 1 }
            else if !inQuotes && character == ";" { semicolons += 1 }
        }
        return semicolons > commas ? ";" : ","
    }

    /// Splits `text` into rows; a row with an unclosed quote at the end of the text is a failure.
    public func rows(_ text: String) -> [Result<Row, Failure>] {
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        var result: [Result<Row, Failure>] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1, rowLine = 1
        var rowStart = body.startIndex
        var index = body.startIndex
        func endRow(at end: Substring.Index) {
            fields.append(field)
            let raw = String(body[rowStart..<end])
            if !(fields.count == 1 && fields[0].isEmpty) {
                result.append(.success(Row(line: rowLine, fields: fields, raw: raw)))
            }
            fields = []
            field = ""
        }
        while index < body.endIndex {
            let character = body[index]
            if inQuotes {
                if character == "\"" {
                    let next = body.index(after: index)
                    if next < body.endIndex && body[next] == "\"" {
                        field.append("\"")
                        index = body.index(after: next)
                        continue
                    }
                    inQuotes = false
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
            } else if character == "\"" && field.isEmpty {
                inQuotes = true
            } else if character == delimiter {
                fields.append(field)
                field = ""
            } else if character == "\n" || character == "\r\n" || character == "\r" {
                endRow(at: index)
                line += 1
                rowLine = line
                rowStart = body.index(after: index)
            } else {
                field.append(character)
            }
            index = body.index(after: index)
        }
        if inQuotes {
            result.append(.failure(Failure(line: rowLine, reason: "a quoted field is not closed")))
        } else if !field.isEmpty || !fields.isEmpty {
            endRow(at: body.endIndex)
        }
        return result
    }
}
