import Foundation

/// An e-mail as RFC 5322 and MIME want it: UTF-8 subjects as RFC 2047 encoded words, text and
/// HTML bodies in multipart/alternative (quoted-printable, or base64 when mostly not ASCII),
/// attachments in base64, and a
/// Message-ID fixed by the caller so that a resend of the same occasion can be recognised.
public struct MailMessage: Sendable {
    public struct Attachment: Sendable {
        public let fileName: String
        public let contentType: String
        public let content: [UInt8]

        public init(fileName: String, contentType: String, content: [UInt8]) {
            self.fileName = fileName
            self.contentType = contentType
            self.content = content
        }
    }

    public var from: String
    public var fromName: String?
    public var to: String
    public var toName: String?
    public var subject: String
    public var text: String
    public var html: String?
    public var messageID: String
    public var date: Date
    public var language: String?
    public var attachments: [Attachment]

    public init(from: String, fromName: String? = nil, to: String, toName: String? = nil, subject: String, text: String,
                html: String? = nil, messageID: String, date: Date, language: String? = nil,
                attachments: [Attachment] = []) {
        self.from = from
        self.fromName = fromName
        self.to = to
        self.toName = toName
        self.subject = subject
        self.text = text
        self.html = html
        self.messageID = messageID
        self.date = date
        self.language = language
        self.attachments = attachments
    }

    /// The message as sent after DATA, lines ending in CRLF (dot-stuffing is the transport's).
    public func rendered() -> String {
        // "=_" never occurs in quoted-printable or base64 text, so these cannot clash with content.
        let seed = String(decoding: messageID.utf8.filter { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0 & 0xDF) }.prefix(40),
                          as: UTF8.self)
        let mixed = "=_adal_m_" + seed
        let alternative = "=_adal_a_" + seed
        var headers = [
            "From: " + Self.address(from, name: fromName),
            "To: " + Self.address(to, name: toName),
            "Subject: " + Self.encodedWords(subject, prefixLength: "Subject: ".count),
            "Date: " + Self.rfc5322Date(date),
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
        ]
        if let language { headers.append("Content-Language: \(language)") }
        var body: [String] = []
        let alternativePart: [String]
        let plain = Self.encodedBody(text)
        if let html {
            let page = Self.encodedBody(html)
            alternativePart = [
                "Content-Type: multipart/alternative; boundary=\"\(alternative)\"", "",
                "--\(alternative)", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: \(plain.encoding)", "",
                plain.body, "--\(alternative)", "Content-Type: text/html; charset=utf-8",
                "Content-Transfer-Encoding: \(page.encoding)", "", page.body, "--\(alternative)--",
            ]
        } else {
            alternativePart = ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: \(plain.encoding)", "",
                               plain.body]
        }
        if attachments.isEmpty {
            headers += alternativePart.prefix { !$0.isEmpty }
            body = Array(alternativePart.drop { !$0.isEmpty }.dropFirst())
        } else {
            headers.append("Content-Type: multipart/mixed; boundary=\"\(mixed)\"")
            body.append("--\(mixed)")
            body += alternativePart
            for attachment in attachments {
                let name = Self.encodedWords(attachment.fileName, prefixLength: 40)
                body += ["--\(mixed)", "Content-Type: \(attachment.contentType); name=\"\(name)\"",
                         "Content-Disposition: attachment; filename=\"\(name)\"", "Content-Transfer-Encoding: base64", "",
                         Self.base64Lines(attachment.content)]
            }
            body.append("--\(mixed)--")
        }
        return (headers + [""] + body).joined(separator: "\r\n") + "\r\n"
    }

    static func address(_ email: String, name: String?) -> String {
        guard let name, !name.isEmpty else { return "<\(email)>" }
        let ascii = name.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && !"\"\\".unicodeScalars.contains($0) }
        return (ascii ? "\"\(name)\"" : encodedWords(name, prefixLength: 6)) + " <\(email)>"
    }

    /// RFC 2047 B-encoded words of at most 75 characters, split between characters, never inside one.
    public static func encodedWords(_ text: String, prefixLength: Int = 0) -> String {
        let bytes = text.utf8
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x80 }) && bytes.count + prefixLength <= 76 { return text }
        // One word: no need to walk the characters (most names).
        if bytes.count <= 45 { return "=?utf-8?B?" + Data(bytes).base64EncodedString() + "?=" }
        var words: [[UInt8]] = []
        var chunk: [UInt8] = []
        // "=?utf-8?B?" + base64 + "?=" ≤ 75: at most 45 bytes of text per word.
        for character in text {
            let length = character.utf8.count
            if chunk.count + length > 45 {
                words.append(chunk)
                chunk = []
            }
            chunk += character.utf8
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?utf-8?B?" + Data($0).base64EncodedString() + "?=" }.joined(separator: "\r\n ")
    }

    /// Quoted-printable (RFC 2045 6.7) on the UTF-8 bytes: lines of at most 76 characters with
    /// soft breaks between characters (a character's bytes stay on one line), a space or tab that
    /// ends a line encoded, line ends written CRLF.
    public static func quotedPrintable(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count * 3 + bytes.count / 25)
            var lineLength = 0
            var index = 0
            func endsLine(_ position: Int) -> Bool {
                position == bytes.count || bytes[position] == 0x0A
                    || (bytes[position] == 0x0D && position + 1 < bytes.count && bytes[position + 1] == 0x0A)
            }
            func isLiteral(_ value: UInt8, last: Bool) -> Bool {
                (value >= 33 && value <= 126 && value != 61) || ((value == 32 || value == 9) && !last)
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A {
                    index += 1
                    continue
                }
                if byte == 0x0A {
                    out += [0x0D, 0x0A]
                    lineLength = 0
                    index += 1
                    continue
                }
                var end = index + 1
                if byte >= 0xC0 {
                    while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
                }
                let last = endsLine(end)
                var length = 0
                for position in index..<end { length += isLiteral(bytes[position], last: last) ? 1 : 3 }
                if lineLength + length > 75 {
                    out += [61, 0x0D, 0x0A]
                    lineLength = 0
                }
                for position in index..<end {
                    let value = bytes[position]
                    if isLiteral(value, last: last) {
                        out.append(value)
                    } else {
                        out += [61, Self.hexBytes[Int(value >> 4)], Self.hexBytes[Int(value & 0x0F)]]
                    }
                }
                lineLength += length
                index = end
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    static let hexBytes = Array("0123456789ABCDEF".utf8)

    /// A text body in quoted-printable when that is the shorter, else in base64, as mail programs
    /// choose: quoted-printable writes each byte of a Cyrillic letter as "=D0"-like triplets, so a
    /// Kazakh or Russian text grows threefold, where base64 grows it by a third. Line ends are CRLF
    /// either way (RFC 2045's canonical form).
    public static func encodedBody(_ text: String) -> (encoding: String, body: String) {
        let length = text.utf8.count
        let escaped = text.utf8.reduce(0) { $0 + ($1 >= 0x80 || $1 == 0x3D ? 1 : 0) }
        // Each escaped byte takes three; a soft break every 73 or so. Base64: 4 for 3, CRLF every 76.
        let quoted = length + 2 * escaped + length / 25
        let base64 = (length + 2) / 3 * 4 * 78 / 76
        if quoted <= base64 { return ("quoted-printable", quotedPrintable(text)) }
        var canonical: [UInt8] = []
        canonical.reserveCapacity(text.utf8.count + text.utf8.count / 20)
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x0A && previous != 0x0D { canonical.append(0x0D) }
            canonical.append(byte)
            previous = byte
        }
        return ("base64", base64Lines(canonical))
    }

    static func base64Lines(_ bytes: [UInt8]) -> String {
        let encoded = Array(Data(bytes).base64EncodedData())
        var out: [UInt8] = []
        out.reserveCapacity(encoded.count + encoded.count / 76 * 2)
        for start in stride(from: 0, to: encoded.count, by: 76) {
            if start > 0 { out += [0x0D, 0x0A] }
            out += encoded[start..<min(start + 76, encoded.count)]
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func rfc5322Date(_ date: Date) -> String {
        let clock = WallClock(date, offsetSeconds: 0)
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekday = weekdays[((clock.date.dayNumber % 7) + 7) % 7]
        return "\(weekday), \(WallClock.pad(clock.date.day)) \(months[clock.date.month - 1]) \(clock.date.year) "
            + "\(WallClock.pad(clock.hour)):\(WallClock.pad(clock.minute)):\(WallClock.pad(clock.second)) +0000"
    }
}
