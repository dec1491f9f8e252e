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
                // The last header line's CR is its line end, not part of its value ("base64\r" is no encoding).
                let end = index > 0 && bytes[index - 1] == 13 ? index - 1 : index
                if index + 1 < bytes.count && bytes[index + 1] == 10 { return (Array(bytes[..<end]), Array(bytes[(index + 2)...])) }
                if index + 2 < bytes.count && bytes[index + 1] == 13 && bytes[index + 2] == 10 {
                    return (Array(bytes[..<end]), Array(bytes[(index + 3)...]))
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
