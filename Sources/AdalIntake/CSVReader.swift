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
    /// Works on UTF-8 bytes: every byte that matters here (quote, delimiter, CR, LF) is ASCII.
    public func rows(_ text: String) -> [Result<Row, Failure>] {
        var text = text
        return text.withUTF8 { buffer in
            var start = 0
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
            return rows(buffer, from: start)
        }
    }

    private func rows(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> [Result<Row, Failure>] {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        let separator = delimiter.asciiValue ?? UInt8(ascii: ",")
        var result: [Result<Row, Failure>] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var line = 1, rowLine = 1
        var rowStart = start
        var index = start
        func endRow(at end: Int) {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            if !(fields.count == 1 && fields[0].isEmpty) {
                let raw = String(decoding: UnsafeBufferPointer(rebasing: bytes[rowStart..<end]), as: UTF8.self)
                result.append(.success(Row(line: rowLine, fields: fields, raw: raw)))
            }
            fields.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == quote {
                    if index + 1 < bytes.count && bytes[index + 1] == quote {
                        field.append(quote)
                        index += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    if byte == lf { line += 1 }
                    field.append(byte)
                }
            } else if byte == quote && field.isEmpty {
                inQuotes = true
            } else if byte == separator {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            } else if byte == cr || byte == lf {
                endRow(at: index)
                if byte == cr && index + 1 < bytes.count && bytes[index + 1] == lf { index += 1 }
                line += 1
                rowLine = line
                rowStart = index + 1
            } else {
                field.append(byte)
            }
            index += 1
        }
        if inQuotes {
            result.append(.failure(Failure(line: rowLine, reason: "a quoted field is not closed")))
        } else if !field.isEmpty || !fields.isEmpty {
            endRow(at: bytes.count)
        }
        return result
    }
}
