import AdalDomain
@testable import AdalJobs
import Foundation
import Testing

@Suite("Reminder templates")
struct ReminderTemplateTests {
    static let eventStrings: [String: String] = [
        "title": "Сыбайлас жемқорлыққа қарсы кеңес <№3>", "zone": "Asia/Qyzylorda", "office": "Қарағанды & Co",
        "starts": "2026-12-02 10:00", "link": "https://meet.example.kz/kar?a=1&b=2", "reason": "зал жабық",
    ]
    static var eventValues: [String: Any] { eventStrings }
    static let names = ["Қалымбетова Айгерім", "Əliyev Rəşad", "O'Brien \"Jr\" <x&y>", "Ли", "Nürlan — ұлы"]

    static func withOverrides(_ files: [String: String], _ body: (ReminderTemplates) throws -> Void) async throws {
        let directory = NSTemporaryDirectory() + "adal-templates-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (name, text) in files {
            try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        }
        try body(try await ReminderTemplates(overrides: directory))
    }

    @Test("a text rendered once for many recipients, each name put in, reads as each one's own rendering: every event kind and language, names with HTML's special characters")
    func sharedTextMatchesOwnRendering() async throws {
        let templates = try await ReminderTemplates()
        for kind in [ReminderTemplates.Kind.eventReminder, .eventCancellation] {
            for language in Language.allCases {
                let slots = try #require(templates.renderForRecipients(kind, language: language, Self.eventValues))
                for name in Self.names {
                    var values = Self.eventValues
                    values["name"] = name
                    let own = templates.render(kind, language: language, values)
                    #expect(slots.text(for: name) == own, "\(kind) \(language) \(name)")
                    #expect(own.plain.contains(name), "\(kind) \(language): the greeting names the recipient")
                }
            }
        }
    }

    @Test("an office's template that transforms the name is rendered for each recipient; a section on the name is shared")
    func transformedNameIsNotShared() async throws {
        try await Self.withOverrides([
            "event_reminder.kk.mustache": "{{title}}\n\nҚұрметті {{uppercased(name)}},\n{{office}}\n",
            "event_reminder.ru.mustache": "{{title}}\n\n{{#name}}Уважаемый(ая) {{name}},{{/name}}{{^name}}Здравствуйте,{{/name}}\n",
            "event_reminder.az.mustache": "{{title}} — {{capitalized(name)}}\n\nSalam\n",
            "event_reminder.en.mustache": "{{title}}\n\nDear {{lowercased(name)}}, {{reversed(name)}}\n",
        ]) { templates in
            for language in [Language.kk, .az, .en] {
                #expect(templates.renderForRecipients(.eventReminder, language: language, Self.eventValues) == nil, "\(language)")
            }
            let slots = try #require(templates.renderForRecipients(.eventReminder, language: .ru, Self.eventValues))
            var values = Self.eventValues
            values["name"] = "Иванова Мария"
            #expect(slots.text(for: "Иванова Мария") == templates.render(.eventReminder, language: .ru, values))
            #expect(slots.text(for: "Иванова Мария")?.plain == "Уважаемый(ая) Иванова Мария,")
        }
    }

    @Test("a name that could change the text around it (empty, a space at either end, a dash first, a control character) is rendered on its own")
    func unusualNamesAreRenderedAlone() async throws {
        let slots = try #require(try await ReminderTemplates().renderForRecipients(.eventReminder, language: .kk, Self.eventValues))
        for name in ["", " Айгерім", "Айгерім\u{00A0}", "- Айгерім", "Айгерім\nБерік", "Ай\rгерім", "Ай\u{E000}xA\u{E001}"] {
            #expect(slots.text(for: name) == nil, "\(name.debugDescription)")
        }
        #expect(slots.text(for: "Айгерім-Берік") != nil)
    }

    @Test("a template saved with CRLF line ends gives a subject and lines without carriage returns")
    func crlfTemplate() async throws {
        try await Self.withOverrides(["event_reminder.kk.mustache": "Еске салу: {{title}}\r\n\r\nҚұрметті {{name}},\r\n- {{office}}\r\n"]) { templates in
            var values = Self.eventValues
            values["name"] = "Айгерім"
            let text = templates.render(.eventReminder, language: .kk, values)
            #expect(text.subject == "Еске салу: Сыбайлас жемқорлыққа қарсы кеңес <№3>")
            #expect(text.plain == "Құрметті Айгерім,\n- Қарағанды & Co")
            #expect(text.html.hasSuffix("<p>Құрметті Айгерім,</p><ul><li>Қарағанды &amp; Co</li></ul></body></html>"), "\(text.html)")
        }
    }
}
