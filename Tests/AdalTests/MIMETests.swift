import AdalIntake
import Foundation
import Testing

@Suite("MIME details")
struct MIMETests {
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
}
