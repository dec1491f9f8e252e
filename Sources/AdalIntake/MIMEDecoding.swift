import AdalDomain
import Foundation

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
    /// Quoted-printable (RFC 2045; with `underscoreIsSpace`, the Q encoding of RFC 2047 headers).
    static func decode(_ bytes: [UInt8], underscoreIsSpace: Bool) -> [UInt8] {
        unescape(bytes, marker: UInt8(ascii: "="), softLineBreaks: true, underscoreIsSpace: underscoreIsSpace)
    }

    /// RFC 2231 parameter values: `%D0%B0`.
    static func percentDecode(_ text: String) -> [UInt8] {
        unescape(Array(text.utf8), marker: UInt8(ascii: "%"), softLineBreaks: false, underscoreIsSpace: false)
    }

    /// Turns `marker` + two hex digits into their byte; anything malformed stays as it was.
    private static func unescape(_ bytes: [UInt8], marker: UInt8, softLineBreaks: Bool, underscoreIsSpace: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == marker {
                if softLineBreaks, index + 1 < bytes.count, bytes[index + 1] == 10 { index += 2; continue }
                if softLineBreaks, index + 2 < bytes.count, bytes[index + 1] == 13, bytes[index + 2] == 10 { index += 3; continue }
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
