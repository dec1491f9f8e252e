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
    /// Parts that arrived cut short, each kept as what arrived (`attachment a.pdf: the message ends before it does`).
    public let problems: [FieldError]
    /// Why the message is not read at all (nested deeper than `maximumDepth`, more than `maximumParts` parts), or nil.
    public let refusal: String?

    /// Multipart nesting a message may have; real mail has three or four levels.
    public static let maximumDepth = 32
    /// Parts a message may have in all.
    public static let maximumParts = 1_000

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
        let mailbox = MailboxAddress.parse(value)
        return (mailbox.name, mailbox.address)
    }

    public var to: [String] {
        guard let value = header("To") else { return [] }
        let bracketed = Self.angleAddresses(value)
        if !bracketed.isEmpty { return bracketed }
        return value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// `Date:` as RFC 5322 writes it (`Mon, 2 Nov 2026 10:15:00 +0500`).
    public var date: Date? { Self.date(header("Date")) }

    /// `Date:` of the message in `data`, reading its headers only.
    public static func date(of data: Data) -> Date? {
        let headers = parseHeaders(splitHeaders([UInt8](data.prefix(64 * 1024))).0)
        return date(headers.first { $0.name.caseInsensitiveCompare("Date") == .orderedSame }?.value)
    }

    static func date(_ value: String?) -> Date? {
        guard let value else { return nil }
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
        var walk = Walk()
        walk.visit(headers: headers, body: body, depth: 0, cut: false)
        self.text = walk.text ?? walk.html.map(HTMLText.plain) ?? ""
        self.attachments = walk.attachments
        self.problems = walk.problems
        self.refusal = walk.refusal
    }

    // MARK: Structure

    /// What a walk through the parts has found so far. It stops at the first refusal, so a message
    /// nested thousands deep costs no more than one nested `maximumDepth` deep: each level's parts
    /// are split once, in one pass over its bytes.
    struct Walk {
        var text: String?
        var html: String?
        var attachments: [Attachment] = []
        var problems: [FieldError] = []
        var refusal: String?
        var parts = 0
        static let endsEarly = "the message ends before it does"

        mutating func visit(headers: [(name: String, value: String)], body: [UInt8], depth: Int, cut: Bool) {
            guard refusal == nil else { return }
            parts += 1
            guard parts <= MIMEMessage.maximumParts else {
                refusal = "has more than \(MIMEMessage.maximumParts) parts"
                return
            }
            let contentType = HeaderValue(headers.first { $0.name.lowercased() == "content-type" }?.value ?? "text/plain")
            let disposition = HeaderValue(headers.first { $0.name.lowercased() == "content-disposition" }?.value ?? "")
            let encoding = headers.first { $0.name.lowercased() == "content-transfer-encoding" }?.value
                .trimmingCharacters(in: .whitespaces).lowercased() ?? "7bit"
            let type = contentType.value.lowercased()
            if type.hasPrefix("multipart/"), let boundary = contentType.parameters["boundary"] {
                guard depth < MIMEMessage.maximumDepth else {
                    refusal = "has multipart parts nested deeper than \(MIMEMessage.maximumDepth) levels"
                    return
                }
                let (split, closed) = splitMultipart(body, boundary: boundary)
                for (index, part) in split.enumerated() {
                    let (partHeaders, partBody) = splitHeaders(part)
                    // The last part of a multipart that never closes is cut short, and so is all it holds.
                    visit(headers: parseHeaders(partHeaders), body: partBody, depth: depth + 1,
                          cut: cut || (!closed && index == split.count - 1))
                }
                return
            }
            let (decoded, complete) = decodeTransfer(body, encoding: encoding)
            let fileName = disposition.parameters["filename"] ?? contentType.parameters["name"]
            let isAttachment = disposition.value.lowercased() == "attachment" || fileName != nil
                || !(type.hasPrefix("text/") || type.isEmpty)
            let shortened = cut || !complete
            if isAttachment {
                let name = fileName ?? "attachment"
                attachments.append(Attachment(fileName: name, contentType: type.isEmpty ? "application/octet-stream" : type,
                                              content: Data(decoded)))
                if shortened { problems.append(FieldError("attachment \(name)", Self.endsEarly)) }
            } else if type == "text/html" {
                if html == nil {
                    html = decodeCharset(decoded, charset: contentType.parameters["charset"])
                    if shortened { problems.append(FieldError("text", Self.endsEarly)) }
                }
            } else if text == nil {
                text = decodeCharset(decoded, charset: contentType.parameters["charset"])
                if shortened { problems.append(FieldError("text", Self.endsEarly)) }
            }
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

    /// The parts between `boundary`'s delimiters, and whether the closing delimiter came.
    static func splitMultipart(_ body: [UInt8], boundary: String) -> (parts: [[UInt8]], closed: Bool) {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [[UInt8]] = []
        var lineStart = 0
        var partStart: Int?
        var index = 0
        while index <= body.count {
            if index == body.count || body[index] == 10 {
                // Only a line that begins with the delimiter is looked at further (no copy of each line).
                let line = body[lineStart..<(index > lineStart && body[index - 1] == 13 ? index - 1 : index)]
                if line.count >= delimiter.count, line.starts(with: delimiter) {
                    let rest = line.dropFirst(delimiter.count)
                    if let start = partStart {
                        var end = lineStart
                        if end > start, body[end - 1] == 10 { end -= 1 }
                        if end > start, body[end - 1] == 13 { end -= 1 }
                        parts.append(Array(body[start..<max(start, end)]))
                    }
                    if rest.starts(with: Array("--".utf8)) { return (parts, true) }
                    partStart = index + 1
                }
                lineStart = index + 1
            }
            index += 1
        }
        if let start = partStart, start < body.count { parts.append(Array(body[start...])) }
        return (parts, false)
    }

    // MARK: Decoding

    /// The part's bytes decoded, and whether they were whole (base64 that stops mid-quantum was cut:
    /// what decodes of it is kept).
    static func decodeTransfer(_ body: [UInt8], encoding: String) -> (bytes: [UInt8], complete: Bool) {
        switch encoding {
        case "base64":
            let compact = body.filter { !($0 == 10 || $0 == 13 || $0 == 32 || $0 == 9) }
            let whole = compact.count - compact.count % 4
            let decoded = Data(base64Encoded: Data(compact[..<whole]), options: .ignoreUnknownCharacters).map { [UInt8]($0) }
            return (decoded ?? body, decoded != nil && whole == compact.count)
        case "quoted-printable":
            return (QuotedPrintable.decode(body, underscoreIsSpace: false), true)
        default:
            return (body, true)
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
