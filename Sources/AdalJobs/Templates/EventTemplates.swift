import AdalDomain

// Event reminders and cancellation notices. The first line is the subject; the rest, after a
// blank line, the body. Values: name, title, starts, zone, venue, link, office, reason.
extension ReminderTemplates {
    static let eventReminder: [Language: String] = [
        .kk: """
            Еске салу: {{title}}{{#starts}}, {{starts}}{{/starts}}

            Құрметті {{name}},

            Сізді мына іс-шараға күтеміз:

            {{title}}
            {{#starts}}
            Уақыты: {{starts}} ({{zone}})
            {{/starts}}
            {{#venue}}
            Өтетін орны: {{venue}}
            {{/venue}}
            {{#link}}
            Сілтеме: {{link}}
            {{/link}}

            Құрметпен,
            {{office}}
            """,
        .ru: """
            Напоминание: {{title}}{{#starts}}, {{starts}}{{/starts}}

            Уважаемый(ая) {{name}},

            Ждём вас на мероприятии:

            {{title}}
            {{#starts}}
            Когда: {{starts}} ({{zone}})
            {{/starts}}
            {{#venue}}
            Где: {{venue}}
            {{/venue}}
            {{#link}}
            Ссылка: {{link}}
            {{/link}}

            С уважением,
            {{office}}
            """,
        .uz: """
            Eslatma: {{title}}{{#starts}}, {{starts}}{{/starts}}

            Hurmatli {{name}},

            Sizni quyidagi tadbirda kutamiz:

            {{title}}
            {{#starts}}
            Vaqti: {{starts}} ({{zone}})
            {{/starts}}
            {{#venue}}
            Joyi: {{venue}}
            {{/venue}}
            {{#link}}
            Havola: {{link}}
            {{/link}}

            Hurmat bilan,
            {{office}}
            """,
        .az: """
            Xatırlatma: {{title}}{{#starts}}, {{starts}}{{/starts}}

            Hörmətli {{name}},

            Sizi bu tədbirdə gözləyirik:

            {{title}}
            {{#starts}}
            Vaxt: {{starts}} ({{zone}})
            {{/starts}}
            {{#venue}}
            Yer: {{venue}}
            {{/venue}}
            {{#link}}
            Keçid: {{link}}
            {{/link}}

            Hörmətlə,
            {{office}}
            """,
        .en: """
            Reminder: {{title}}{{#starts}}, {{starts}}{{/starts}}

            Dear {{name}},

            We look forward to seeing you at:

            {{title}}
            {{#starts}}
            When: {{starts}} ({{zone}})
            {{/starts}}
            {{#venue}}
            Where: {{venue}}
            {{/venue}}
            {{#link}}
            Link: {{link}}
            {{/link}}

            Kind regards,
            {{office}}
            """,
    ]

    static let eventCancellation: [Language: String] = [
        .kk: """
            Іс-шара болмайды: {{title}}{{#starts}}, {{starts}}{{/starts}}

            Құрметті {{name}},

            Өкінішке орай, мына іс-шара өтпейді:

            {{title}}
            {{#starts}}
            Уақыты: {{starts}} ({{zone}})
            {{/starts}}
            {{#reason}}
            Себебі: {{reason}}
            {{/reason}}

            Құрметпен,
            {{office}}
            """,
        .ru: """
            Мероприятие отменено: {{title}}{{#starts}}, {{starts}}{{/starts}}

            Уважаемый(ая) {{name}},

            К сожалению, мероприятие не состоится:

            {{title}}
            {{#starts}}
            Когда: {{starts}} ({{zone}})
            {{/starts}}
            {{#reason}}
            Причина: {{reason}}
            {{/reason}}

            С уважением,
            {{office}}
            """,
        .uz: """
            Tadbir bekor qilindi: {{title}}{{#starts}}, {{starts}}{{/starts}}

            Hurmatli {{name}},

            Afsuski, quyidagi tadbir boʻlmaydi:

            {{title}}
            {{#starts}}
            Vaqti: {{starts}} ({{zone}})
            {{/starts}}
            {{#reason}}
            Sababi: {{reason}}
            {{/reason}}

            Hurmat bilan,
            {{office}}
            """,
        .az: """
            Tədbir ləğv edildi: {{title}}{{#starts}}, {{starts}}{{/starts}}

            Hörmətli {{name}},

            Təəssüf ki, bu tədbir keçirilməyəcək:

            {{title}}
            {{#starts}}
            Vaxt: {{starts}} ({{zone}})
            {{/starts}}
            {{#reason}}
            Səbəb: {{reason}}
            {{/reason}}

            Hörmətlə,
            {{office}}
            """,
        .en: """
            Event cancelled: {{title}}{{#starts}}, {{starts}}{{/starts}}

            Dear {{name}},

            We are sorry: this event will not take place:

            {{title}}
            {{#starts}}
            When: {{starts}} ({{zone}})
            {{/starts}}
            {{#reason}}
            Reason: {{reason}}
            {{/reason}}

            Kind regards,
            {{office}}
            """,
    ]
}
