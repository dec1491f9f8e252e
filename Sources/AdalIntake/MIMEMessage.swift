import AdalDomain
import Foundation

/// An Internet message (RFC 5322) with its MIME structure (RFC 2045–2047) decoded: headers with
/// encoded words, multipart bodies, base64 and quoted-printable, UTF-8, Windows-1251 and KOI8-R.
public struct MIMEMessage: Sendable {
    public struct Attachment: Sendable, Equatable {
        public let fileName: String
        public let contentType: String
        public let content: Data
    }

    public let headers: [(name: String, value: String)]
    /// The readable text: the plain part, or the HTML part turned into text when there is no plain one.
    public let text: String
    public let attachments: [Attachment]

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public var messageID: String? { header("Message-ID").flatMap { Self.angleAddresses($0).first } }
    public var inReplyTo: [String] { header("In-Reply-To").map(Self.angleAddresses) ?? [] }
    public var references: [String] { header("References").map(Self.angleAddresses) ?? [] }
    public var subject: String? { header("Subject") }

    /// The sender's display name and address from `From`.
    public var from: (name: String?, address: String?) {
        guard let value = header("From") else { return (nil, nil) }
        if let open = value.lastIndex(of: "<"), let close = value.lastIndex(of: ">"), open < close {
            let address = String(value[value.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
            var name = String(value[..<open]).trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
            return (name.isEmpty ? nil : name, address)
        }
        return (nil, value.trimmingCharacters(in: .whitespaces))
    }

    public var to: [String] {
        guard let value = header("To") else { return [] }
        let bracketed = Self.angleAddresses(value)
        if !bracketed.isEmpty { return bracketed }
        return value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// `Date:` as RFC 5322 writes it (`Mon, 2 Nov 2026 10:15:00 +0500`).
    public var date: Date? {
        guard let value = header("Date") else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        for format in ["EEE, d MMM yyyy HH:mm:ss Z", "d MMM yyyy HH:mm:ss Z", "EEE, d MMM yyyy HH:mm Z"] {
            formatter.dateFormat = format
            let cleaned = value.replacingOccurrences(of: #"\s*\([^)]*\)\s*$"#, with: "", options: .regularExpression)
            if let date = formatter.date(from: cleaned.trimmingCharacters(in: .whitespaces)) { return date }
        }
        return nil
    }

    public init(_ data: Data) {
        let bytes = [UInt8](data)
        let (headerBytes, body) = Self.splitHeaders(bytes)
        headers = Self.parseHeaders(headerBytes)
        var text: String?
        var html: String?
        var attachments: [Attachment] = []
        Self.walk(headers: headers, body: body, text: &text, html: &html, attachments: &attachments)
        self.text = text ?? html.map(HTMLText.plain) ?? ""
        self.attachments = attachments
    }

    // MARK: Structure

    static func walk(headers: [(name: String, value: String)], body: [UInt8], text: inout String?, html: inout String?,
                     attachments: inout [Attachment]) {
        let contentType = HeaderValue(headers.first { $0.name.lowercased() == "content-type" }?.value ?? "text/plain")
        let disposition = HeaderValue(headers.first { $0.name.lowercased() == "content-disposition" }?.value ?? "")
        let encoding = headers.first { $0.name.lowercased() == "content-transfer-encoding" }?.value
            .trimmingCharacters(in: .whitespaces).lowercased() ?? "7bit"
        let type = contentType.value.lowercased()
        if type.hasPrefix("multipart/"), let boundary = contentType.parameters["boundary"] {
            for part in splitMultipart(body, boundary: boundary) {
                let (partHeaders, partBody) = splitHeaders(part)
                walk(headers: parseHeaders(partHeaders), body: partBody, text: &text, html: &html, attachments: &attachments)
            }
            return
        }
        let decoded = decodeTransfer(body, encoding: encoding)
        let fileName = disposition.parameters["filename"] ?? contentType.parameters["name"]
        let isAttachment = disposition.value.lowercased() == "attachment" || fileName != nil
            || !(type.hasPrefix("text/") || type.isEmpty)
        if isAttachment {
            attachments.append(Attachment(fileName: fileName ?? "attachment", contentType: type.isEmpty ? "application/octet-stream" : type,
                                          content: Data(decoded)))
        } else if type == "text/html" {
            if html == nil { html = decodeCharset(decoded, charset: contentType.parameters["charset"]) }
        } else if text == nil {
            text = decodeCharset(decoded, charset: contentType.parameters["charset"])
        }
    }

    static func splitHeaders(_ bytes: [UInt8]) -> ([UInt8], [UInt8]) {
        var index = 0
        while index < bytes.count {
            if bytes[index] == 10 {
                if index + 1 < bytes.count && bytes[index + 1] == 10 { return (Array(bytes[..<index]), Array(bytes[(index + 2)...])) }
                if index + 2 < bytes.count && bytes[index + 1] == 13 && bytes[index + 2] == 10 {
                    return (Array(bytes[..<index]), Array(bytes[(index + 3)...]))
                }
            }
            index += 1
        }
        return (bytes, [])
    }

    static func parseHeaders(_ bytes: [UInt8]) -> [(name: String, value: String)] {
        // Header bytes should be ASCII; 8-bit ones are read as UTF-8, as most clients now send.
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        var unfolded: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first == " " || first == "\t", !unfolded.isEmpty {
                unfolded[unfolded.count - 1] += " " + line.trimmingCharacters(in: .whitespaces)
            } else if !line.isEmpty {
                unfolded.append(String(line))
            }
        }
        return unfolded.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            return (name, EncodedWords.decode(value))
        }
    }

    static func splitMultipart(_ body: [UInt8], boundary: String) -> [[UInt8]] {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [[UInt8]] = []
        var lineStart = 0
        var partStart: Int?
        var index = 0
        while index <= body.count {
            if index == body.count || body[index] == 10 {
                var line = Array(body[lineStart..<index])
                if line.last == 13 { line.removeLast() }
                if line.starts(with: delimiter) {
                    let rest = line.dropFirst(delimiter.count)
                    if let start = partStart {
                        var end = lineStart
                        if end > start, body[end - 1] == 10 { end -= 1 }
                        if end > start, body[end - 1] == 13 { end -= 1 }
                        parts.append(Array(body[start..<max(start, end)]))
                    }
                    if rest.starts(with: Array("--".utf8)) { return parts }
                    partStart = index + 1
                }
                lineStart = index + 1
            }
            index += 1
        }
        if let start = partStart, start < body.count { parts.append(Array(body[start...])) }
        return parts
    }

    // MARK: Decoding

    static func decodeTransfer(_ body: [UInt8], encoding: String) -> [UInt8] {
        switch encoding {
        case "base64":
            let compact = body.filter { !($0 == 10 || $0 == 13 || $0 == 32 || $0 == 9) }
            return Data(base64Encoded: Data(compact), options: .ignoreUnknownCharacters).map { [UInt8]($0) } ?? body
        case "quoted-printable":
            return QuotedPrintable.decode(body, underscoreIsSpace: false)
        default:
            return body
        }
    }

    static func decodeCharset(_ bytes: [UInt8], charset: String?) -> String {
        if let charset, let single = SingleByteCharset(label: charset) { return single.decode(bytes) }
        if let charset, ["iso-8859-1", "latin1", "us-ascii"].contains(charset.lowercased()) {
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func angleAddresses(_ value: String) -> [String] {
        var result: [String] = []
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            result.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return result
    }
}

/// A structured header value: `text/plain; charset="utf-8"` → value and parameters (RFC 2231 `*` forms too).
struct HeaderValue {
    let value: String
    let parameters: [String: String]

    init(_ text: String) {
        var pieces: [String] = []
        var current = ""
        var inQuotes = false
        for character in text {
            if character == "\"" { inQuotes.toggle(); current.append(character) }
            else if character == ";" && !inQuotes { pieces.append(current); current = "" }
            else { current.append(character) }
        }
        pieces.append(current)
        value = pieces.first?.trimmingCharacters(in: .whitespaces) ?? ""
        var parameters: [String: String] = [:]
        // RFC 2231 continuations: name*0*=utf-8''%D0%B0…; name*1*=%D0%B5… are joined, then decoded.
        var continued: [String: [(index: Int, encoded: Bool, text: String)]] = [:]
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let name = piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var raw = piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if raw.hasPrefix("\""), raw.hasSuffix("\""), raw.count >= 2 { raw = String(raw.dropFirst().dropLast()) }
            let segments = name.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
            if segments.count == 1 {
                parameters[name] = raw
            } else {
                let encoded = name.hasSuffix("*")
                let index = segments.count >= 2 ? Int(segments[1]) ?? 0 : 0
                continued[segments[0], default: []].append((index, encoded, raw))
            }
        }
        for (name, pieces) in continued {
            var charset: String?
            var bytes: [UInt8] = []
            for piece in pieces.sorted(by: { $0.index < $1.index }) {
                var text = piece.text
                if piece.encoded && piece.index == 0 {
                    let parts = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                    if parts.count == 3 {
                        charset = String(parts[0])
                        text = String(parts[2])
                    }
                }
                bytes += piece.encoded ? QuotedPrintable.percentDecode(text) : Array(text.utf8)
            }
            parameters[name] = MIMEMessage.decodeCharset(bytes, charset: charset)
        }
        self.parameters = parameters
    }
}

/// RFC 2047 encoded words in headers: `=?charset?B?…?=` and `=?charset?Q?…?=`.
enum EncodedWords {
    static func decode(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        let pattern = try! NSRegularExpression(pattern: #"=\?([^?]+)\?([bBqQ])\?([^?]*)\?="#)
        let ns = value as NSString
        var result = ""
        var last = 0
        var previousWasWord = false
        for match in pattern.matches(in: value, range: NSRange(location: 0, length: ns.length)) {
            let between = ns.substring(with: NSRange(location: last, length: match.range.location - last))
            // Whitespace between two encoded words is not part of the text.
            if !(previousWasWord && between.trimmingCharacters(in: .whitespaces).isEmpty) { result += between }
            let charset = ns.substring(with: match.range(at: 1)).split(separator: "*").first.map(String.init) ?? ""
            let mode = ns.substring(with: match.range(at: 2)).lowercased()
            let payload = ns.substring(with: match.range(at: 3))
            let bytes: [UInt8] = mode == "b"
                ? Data(base64Encoded: payload, options: .ignoreUnknownCharacters).map { [UInt8]($0) } ?? []
                : QuotedPrintable.decode(Array(payload.utf8), underscoreIsSpace: true)
            result += MIMEMessage.decodeCharset(bytes, charset: charset)
            last = match.range.location + match.range.length
            previousWasWord = true
        }
        result += ns.substring(from: last)
        return result
    }
}

enum QuotedPrintable {
    static func decode(_ bytes: [UInt8], underscoreIsSpace: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "=") {
                if index + 1 < bytes.count, bytes[index + 1] == 10 { index += 2; continue }  // soft line break
                if index + 2 < bytes.count, bytes[index + 1] == 13, bytes[index + 2] == 10 { index += 3; continue }
                if index + 2 < bytes.count, let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) {
                    out.append(high << 4 | low)
                    index += 3
                    continue
                }
            }
            out.append(underscoreIsSpace && byte == UInt8(ascii: "_") ? 32 : byte)
            index += 1
        }
        return out
    }

    static func percentDecode(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count, let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }

    static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: return byte - 48
        case 65...70: return byte - 55
        case 97...102: return byte - 87
        default: return nil
        }
    }
}

/// HTML turned into readable text: tags dropped, block ends as line breaks, entities decoded.
enum HTMLText {
    /// `&#1179;` and `&#x49B;` → the character they name.
    static func decodeNumericEntities(_ text: String) -> String {
        guard text.contains("&#") else { return text }
        let expression = try! NSRegularExpression(pattern: #"&#([xX][0-9a-fA-F]+|[0-9]+);"#)
        let ns = text as NSString
        var result = ""
        var last = 0
        for match in expression.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            result += ns.substring(with: NSRange(location: last, length: match.range.location - last))
            let digits = ns.substring(with: match.range(at: 1))
            let value = digits.lowercased().hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            result += value.flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? ""
            last = match.range.location + match.range.length
        }
        return result + ns.substring(from: last)
    }

    static func plain(_ html: String) -> String {
        var text = html.replacingOccurrences(of: #"(?is)<(script|style)[^>]*>.*?</\1>"#, with: "", options: .regularExpression)
        text = text.replacingOccurrences(of: #"(?i)<br\s*/?>|</p>|</div>|</li>|</tr>|</h[1-6]>"#, with: "\n", options: .regularExpression)
        text = text.replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
        let entities = ["&nbsp;": " ", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&apos;": "'", "&amp;": "&"]
        for (entity, character) in entities { text = text.replacingOccurrences(of: entity, with: character) }
        text = decodeNumericEntities(text)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.replacingOccurrences(of: #"[ \t]+"#, with: " ", options: .regularExpression).trimmingCharacters(in: .whitespaces) }
        return lines.joined(separator: "\n").replacingOccurrences(of: #"\n{3,}"#, with: "\n\n", options: .regularExpression)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
