import AdalDomain
import Foundation

/// Reads an eOtinish export: a JSON array, JSON Lines, or CSV with a header line.
public enum EOtinishFile {
    public enum Format: String, Sendable {
        case json, jsonLines = "jsonl", csv
    }

    /// What a file held: records to import, and the ones that could not be read at all.
    public struct Contents: Sendable {
        public var records: [EOtinishRecord] = []
        public var rejections: [(record: Int, reason: String)] = []
    }

    /// The charset an export names (`--encoding` on the command line, `charset=` in an upload's
    /// Content-Type): nil for UTF-8 or none given, a refusal naming `field` for one Adal cannot read.
    public static func charset(label: String?, field: String = "encoding") throws -> SingleByteCharset? {
        guard let label = label?.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")),
              !label.isEmpty, !["utf-8", "utf8"].contains(label.lowercased()) else { return nil }
        guard let charset = SingleByteCharset(label: label) else {
            throw FieldError(field, "'\(label)' is not utf-8, windows-1251 or koi8-r")
        }
        return charset
    }

    /// The text of an export's bytes; `charset` nil means UTF-8 (with or without a byte-order mark).
    public static func decode(_ data: Data, charset: SingleByteCharset?) throws -> String {
        if let charset { return charset.decode(data) }
        guard let utf8 = String(data: data, encoding: .utf8) else {
            throw FieldError("file", "is not UTF-8; name its charset (windows-1251 or koi8-r): --encoding, or charset= in the upload's Content-Type")
        }
        return utf8
    }

    /// Reads an export's bytes; `name` (the file's) and then the text tell its format unless `format` is given.
    ///
    /// A UTF-8 file with a few records that are not UTF-8 (a stray byte) keeps the others: those are
    /// rejected on their own. One where many are not is another charset, and is refused whole.
    public static func read(_ data: Data, name: String, format: Format? = nil, charset: SingleByteCharset? = nil) throws -> Contents {
        do {
            let text = try decode(data, charset: charset)
            return parse(text, format: format ?? self.format(of: name, text: text))
        } catch let refusal as FieldError where charset == nil {
            let text = String(decoding: data, as: UTF8.self)
            var contents = parse(text, format: format ?? self.format(of: name, text: text))
            let (broken, whole) = contents.records.reduce(into: ([EOtinishRecord](), [EOtinishRecord]())) { split, record in
                if record.raw.unicodeScalars.contains("\u{FFFD}") { split.0.append(record) } else { split.1.append(record) }
            }
            guard !broken.isEmpty, broken.count * 10 <= contents.records.count else { throw refusal }
            contents.records = whole
            contents.rejections += broken.map { ($0.number, "is not valid UTF-8") }
            contents.rejections.sort { $0.record < $1.record }
            return contents
        }
    }

    public static func format(of path: String, text: String) -> Format {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return .jsonLines }
        let first = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }.first
        if first == "[" { return .json }
        if first == "{" { return .jsonLines }
        return .csv
    }

    public static func parse(_ text: String, format: Format) -> Contents {
        switch format {
        case .csv: return parseCSV(text)
        case .json: return parseJSONArray(text)
        case .jsonLines: return parseJSONLines(text)
        }
    }

    static func parseCSV(_ text: String) -> Contents {
        var contents = Contents()
        let body = text.first == "\u{FEFF}" ? Substring(text).dropFirst() : Substring(text)
        let reader = CSVReader(delimiter: CSVReader.guessDelimiter(body))
        var header: [String]?
        // Records are numbered as a spreadsheet's rows under the header are, whatever lines they span.
        var number = 0
        for row in reader.rows(text) {
            switch row {
            case let .failure(failure):
                if header != nil { number += 1 }
                contents.rejections.append((max(number, 1), "\(failure.reason) (line \(failure.line))"))
            case let .success(row):
                guard let names = header else {
                    header = row.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                    continue
                }
                number += 1
                guard row.fields.count == names.count else {
                    contents.rejections.append((number, "has \(row.fields.count) fields, the header has \(names.count) (line \(row.line))"))
                    continue
                }
                let fields = Dictionary(zip(names, row.fields), uniquingKeysWith: { first, _ in first })
                contents.records.append(EOtinishRecord(number: number, fields: fields, raw: row.raw))
            }
        }
        return contents
    }

    static func parseJSONArray(_ text: String) -> Contents {
        var contents = Contents()
        guard let array = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any] else {
            contents.rejections.append((1, "the file is not a JSON array"))
            return contents
        }
        for (index, element) in array.enumerated() {
            append(element, number: index + 1, to: &contents)
        }
        return contents
    }

    static func parseJSONLines(_ text: String) -> Contents {
        var contents = Contents()
        var number = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            number += 1
            guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) else {
                contents.rejections.append((number, "is not valid JSON (line \(index + 1))"))
                continue
            }
            append(object, number: number, to: &contents)
        }
        return contents
    }

    static func append(_ element: Any, number: Int, to contents: inout Contents) {
        guard let object = element as? [String: Any] else {
            contents.rejections.append((number, "is not a JSON object"))
            return
        }
        var fields: [String: String] = [:]
        for (key, value) in object {
            switch value {
            case let text as String: fields[key.lowercased()] = text
            case let number as NSNumber: fields[key.lowercased()] = number.stringValue
            case is NSNull: break
            case let list as [Any]: fields[key.lowercased()] = list.map { "\($0)" }.joined(separator: "; ")
            default: fields[key.lowercased()] = "\(value)"
            }
        }
        let raw = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
            .map { String(decoding: $0, as: UTF8.self) } ?? ""
        contents.records.append(EOtinishRecord(number: number, fields: fields, raw: raw))
    }
}
