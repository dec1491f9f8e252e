import AdalDomain
import AdalIntake
@testable import AdalJobs
import NIOCore
import Foundation
import Testing

@Suite("MIME details")
struct MIMETests {
    /// A message whose body nests `depth` multiparts, the innermost holding one line of text.
    static func nested(_ depth: Int) -> Data {
        var body = "Content-Type: text/plain\n\ninside\n"
        for level in (0..<depth).reversed() {
            body = "Content-Type: multipart/mixed; boundary=\"b\(level)x\"\n\n--b\(level)x\n\(body)--b\(level)x--\n"
        }
        return Data(("From: a@example.kz\nSubject: deep\n" + body).utf8)
    }

    @Test("multipart nesting: 32 levels are read; 33, or 5,000, are refused with their reason, reading no deeper; over 1,000 parts are refused")
    func nestingAndPartLimits() {
        let read = MIMEMessage(Self.nested(32))
        #expect(read.refusal == nil)
        #expect(read.text == "inside\n" || read.text == "inside")
        #expect(MIMEMessage(Self.nested(33)).refusal == "has multipart parts nested deeper than 32 levels")
        let fiveThousand = Self.nested(5_000)
        let started = ContinuousClock.now
        let deep = MailedMessage.read(fiveThousand)
        print("a 5,000-deep multipart refused after \(ContinuousClock.now - started)")
        guard case let .failure(refusal) = deep else { Issue.record("a 5,000-deep message was read"); return }
        #expect(refusal.reason == "has multipart parts nested deeper than 32 levels")

        let parts = (1...1_001).map { "--p\nContent-Type: text/plain\n\npart \($0)\n" }.joined()
        let wide = MIMEMessage(Data("From: a@example.kz\nContent-Type: multipart/mixed; boundary=p\n\n\(parts)--p--\n".utf8))
        #expect(wide.refusal == "has more than 1000 parts")
    }

    @Test("encoded words in several charsets, split across words, and numeric HTML entities")
    func headersAndEntities() {
        let raw = """
            From: =?koi8-r?B?8NLJ18XU?= <a@example.kz>
            Subject: =?windows-1251?Q?=C7=E0=FF=E2=EA=E0?= =?utf-8?B?INC+0YIg0LLQvtC70L7QvdGC0LXRgNCw?=
            Message-ID: <m1@example.kz>
            Content-Type: text/html; charset=utf-8

            <p>&#1178;&#x430;&#1083;&#1099;&#1084;&#1073;&#1077;&#1090; &amp; co</p>
            """
        let message = MIMEMessage(Data(raw.utf8))
        #expect(message.from.name == "Привет")
        #expect(message.subject == "Заявка от волонтера")
        #expect(message.messageID == "m1@example.kz")
        #expect(message.text == "Қалымбет & co")
    }

    @Test("a message with CRLF line ends: the last header of the message and of each part has no CR in its value, so a base64 part is decoded")
    func crlfHeaders() {
        let raw = [
            "From: =?utf-8?B?0JDQudCz0LXRgNGW0Lw=?= <a@example.kz>", "Subject: =?utf-8?B?0J7RgtGC0ZbQvQ==?=",
            "Content-Type: multipart/alternative; boundary=\"b1\"", "", "--b1", "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64", "", Data("Сәлеметсіз бе! Ерікті болғым келеді.".utf8).base64EncodedString(),
            "--b1", "Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: base64", "",
            Data("<p>Сәлеметсіз бе!</p>".utf8).base64EncodedString(), "--b1--", "",
        ].joined(separator: "\r\n")
        let message = MIMEMessage(Data(raw.utf8))
        #expect(message.subject == "Оттін")
        #expect(message.text.trimmingCharacters(in: .whitespacesAndNewlines) == "Сәлеметсіз бе! Ерікті болғым келеді.")
        let single = MIMEMessage(Data("Subject: Hi\r\nContent-Transfer-Encoding: base64\r\n\r\n0J/RgNC40LLQtdGC\r\n".utf8))
        #expect(single.header("Content-Transfer-Encoding") == "base64")
        #expect(single.text.trimmingCharacters(in: .whitespacesAndNewlines) == "Привет")
    }

    @Test("quoted-printable as Python's quopri reads it: long Kazakh lines, trailing spaces and tabs, '=' and CRLF, lines of at most 76")
    func quotedPrintableRoundTrip() throws {
        let text = String(repeating: "Сыбайлас жемқорлыққа қарсы іс-шара ", count: 12) + "\n"
            + "a = b, trailing space \nand tab\t\r\n.dot line\nƏliyev Rəşad — “quotes” 😀" + String(repeating: "x", count: 90)
        let encoded = MailMessage.quotedPrintable(text)
        #expect(encoded.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import quopri, sys; sys.stdout.buffer.write(quopri.decodestring(sys.stdin.buffer.read()))"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(encoded.utf8))
        try input.fileHandleForWriting.close()
        let decoded = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(decoded == text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n"))
    }
}

extension MIMETests {
    @Test("a body mostly in Cyrillic goes in base64 with CRLF line ends, a mostly Latin one in quoted-printable: whichever is shorter")
    func bodyEncodingChoice() throws {
        let kazakh = "Құрметті Қатысушы 1,\n\nСіздің іс-шараңыз ертең басталады.\nҚарағанды облысы"
        let kazakhBody = MailMessage.encodedBody(kazakh)
        #expect(kazakhBody.encoding == "base64")
        let decoded = try #require(Data(base64Encoded: kazakhBody.body.replacingOccurrences(of: "\r\n", with: "")))
        #expect(String(decoding: decoded, as: UTF8.self) == kazakh.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(kazakhBody.body.utf8.count < MailMessage.quotedPrintable(kazakh).utf8.count)
        #expect(kazakhBody.body.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 76 })

        let english = "Dear Əliyev Rəşad,\nThe public hearing starts tomorrow at 10:00: https://meet.example.az/x\nKaraganda office"
        let englishBody = MailMessage.encodedBody(english)
        #expect(englishBody.encoding == "quoted-printable")
        #expect(englishBody.body == MailMessage.quotedPrintable(english))
        #expect(englishBody.body.utf8.count < Data(english.utf8).base64EncodedString().utf8.count)
    }

    @Test("a subject and a name as encoded words: ASCII kept as written, one word up to 45 bytes, longer ones split between characters, words of at most 75")
    func encodedWordsRoundTrip() throws {
        let texts = ["Reminder: council meeting", "Ли", String(repeating: "Ә", count: 22) + "a", String(repeating: "Ә", count: 23),
                     "Еске салу: Сыбайлас жемқорлыққа қарсы онлайн-кездесу, 2026-12-02 10:00", "Əliyev Rəşad",
                     "Ñandú 👩‍👩‍👧 e\u{301}" + String(repeating: "ё", count: 30)]
        for text in texts {
            let encoded = MailMessage.encodedWords(text, prefixLength: "Subject: ".count)
            if text.utf8.allSatisfy({ $0 < 0x80 }) {
                #expect(encoded == text)
                continue
            }
            let words = encoded.components(separatedBy: "\r\n ")
            if text.utf8.count <= 45 { #expect(words.count == 1, "\(text)") }
            #expect(words.allSatisfy { $0.hasPrefix("=?utf-8?B?") && $0.hasSuffix("?=") && $0.utf8.count <= 75 }, "\(encoded)")
            // Each word holds whole characters: decoded alone, every one is valid UTF-8.
            let pieces = words.map { word in
                Data(base64Encoded: String(word.dropFirst("=?utf-8?B?".count).dropLast(2))).flatMap { String(data: $0, encoding: .utf8) }
            }
            #expect(pieces.allSatisfy { $0 != nil }, "\(encoded)")
            #expect(pieces.compactMap { $0 }.joined() == text)
            let message = MIMEMessage(Data("Subject: \(encoded)\r\n\r\nbody\r\n".utf8))
            #expect(message.subject == text)
        }
    }
}

@Suite("SMTP DATA block")
struct SMTPDataBlockTests {
    private func block(_ text: String) -> String {
        var buffer = SMTPSession.dataBlock(text)
        return buffer.readString(length: buffer.readableBytes) ?? ""
    }

    @Test("a line that begins with a dot gets a second one (RFC 5321 4.5.2), the first line and the last too; the block ends with CRLF.CRLF")
    func dotStuffing() {
        #expect(block("a\r\nb\r\n") == "a\r\nb\r\n.\r\n")
        #expect(block("a\r\nb") == "a\r\nb\r\n.\r\n")
        #expect(block(".first\r\nmiddle.\r\n.\r\n..two\r\nend .\r\n.last")
                == "..first\r\nmiddle.\r\n..\r\n...two\r\nend .\r\n..last\r\n.\r\n")
        #expect(block("Қазақша .\r\n.Əliyev — ✓\r\n") == "Қазақша .\r\n..Əliyev — ✓\r\n.\r\n")
        #expect(block("") == "\r\n.\r\n")
    }
}
