import AdalDomain

// An invitation, sent when someone is invited, and an update, sent when the event is moved or
// changed (or postponed until further notice: `postponed` set, no time). The first line is the
// subject. Values: name, title, starts, zone, venue, link, office, reason, postponed.
extension ReminderTemplates {
    static let eventInvitation: [Language: String] = [
        .kk: """
            Шақыру: {{title}}{{#starts}}, {{starts}}{{/starts}}

            Құрметті {{name}},

            Сізді мына іс-шараға шақырамыз:

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

            Күнтізбеге қосу үшін тіркелген файлды ашыңыз.

            Құрметпен,
            {{office}}
            """,
        .ru: """
            Приглашение: {{title}}{{#starts}}, {{starts}}{{/starts}}

            Уважаемый(ая) {{name}},

            Приглашаем вас на мероприятие:

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

            Чтобы добавить его в календарь, откройте приложенный файл.

            С уважением,
            {{office}}
            """,
        .uz: """
            Taklifnoma: {{title}}{{#starts}}, {{starts}}{{/starts}}

            Hurmatli {{name}},

            Sizni quyidagi tadbirga taklif qilamiz:

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

            Taqvimga qoʻshish uchun ilova qilingan faylni oching.

            Hurmat bilan,
            {{office}}
            """,
        .az: """
            Dəvət: {{title}}{{#starts}}, {{starts}}{{/starts}}

            Hörmətli {{name}},

            Sizi bu tədbirə dəvət edirik:

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

            Təqvimə əlavə etmək üçün əlavə olunmuş faylı açın.

            Hörmətlə,
            {{office}}
            """,
        .en: """
            Invitation: {{title}}{{#starts}}, {{starts}}{{/starts}}

            Dear {{name}},

            You are invited to:

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

            Open the attached file to add it to your calendar.

            Kind regards,
            {{office}}
            """,
    ]

    /// The greeting above a meeting's minutes (the minutes themselves are `Minutes.text`).
    static let eventMinutes: [Language: String] = [
        .kk: "Отырыс хаттамасы\n\nҚұрметті {{name}},\n\nОтырыстың хаттамасын жібереміз; басып шығаруға арналған нұсқасы тіркелген.",
        .ru: "Протокол заседания\n\nУважаемый(ая) {{name}},\n\nНаправляем протокол заседания; версия для печати приложена.",
        .uz: "Yigʻilish bayonnomasi\n\nHurmatli {{name}},\n\nYigʻilish bayonnomasini yuboramiz; chop etish uchun nusxasi ilova qilingan.",
        .az: "İclasın protokolu\n\nHörmətli {{name}},\n\nİclasın protokolunu göndəririk; çap üçün nüsxəsi əlavə olunub.",
        .en: "Minutes of the meeting\n\nDear {{name}},\n\nPlease find the minutes of the meeting below; a version to print is attached.",
    ]

    static let eventUpdate: [Language: String] = [
        .kk: """
            {{#postponed}}Кейінге қалдырылды{{/postponed}}{{^postponed}}Өзгеріс{{/postponed}}: {{title}}{{#starts}}, {{starts}}{{/starts}}

            Құрметті {{name}},

            {{#postponed}}Іс-шара қосымша хабарланғанға дейін кейінге қалдырылды: {{/postponed}}{{^postponed}}Іс-шараның уақыты немесе мәліметтері өзгерді: {{/postponed}}{{title}}
            {{#starts}}
            Жаңа уақыты: {{starts}} ({{zone}})
            {{/starts}}
            {{#venue}}
            Өтетін орны: {{venue}}
            {{/venue}}
            {{#link}}
            Сілтеме: {{link}}
            {{/link}}
            {{#reason}}
            Себебі: {{reason}}
            {{/reason}}

            Құрметпен,
            {{office}}
            """,
        .ru: """
            {{#postponed}}Перенесено{{/postponed}}{{^postponed}}Изменение{{/postponed}}: {{title}}{{#starts}}, {{starts}}{{/starts}}

            Уважаемый(ая) {{name}},

            {{#postponed}}Мероприятие отложено до особого уведомления: {{/postponed}}{{^postponed}}Время или детали мероприятия изменились: {{/postponed}}{{title}}
            {{#starts}}
            Новое время: {{starts}} ({{zone}})
            {{/starts}}
            {{#venue}}
            Где: {{venue}}
            {{/venue}}
            {{#link}}
            Ссылка: {{link}}
            {{/link}}
            {{#reason}}
            Причина: {{reason}}
            {{/reason}}

            С уважением,
            {{office}}
            """,
        .uz: """
            {{#postponed}}Qoldirildi{{/postponed}}{{^postponed}}Oʻzgarish{{/postponed}}: {{title}}{{#starts}}, {{starts}}{{/starts}}

            Hurmatli {{name}},

            {{#postponed}}Tadbir qoʻshimcha xabar berilgunga qadar qoldirildi: {{/postponed}}{{^postponed}}Tadbir vaqti yoki tafsilotlari oʻzgardi: {{/postponed}}{{title}}
            {{#starts}}
            Yangi vaqti: {{starts}} ({{zone}})
            {{/starts}}
            {{#venue}}
            Joyi: {{venue}}
            {{/venue}}
            {{#link}}
            Havola: {{link}}
            {{/link}}
            {{#reason}}
            Sababi: {{reason}}
            {{/reason}}

            Hurmat bilan,
            {{office}}
            """,
        .az: """
            {{#postponed}}Təxirə salındı{{/postponed}}{{^postponed}}Dəyişiklik{{/postponed}}: {{title}}{{#starts}}, {{starts}}{{/starts}}

            Hörmətli {{name}},

            {{#postponed}}Tədbir əlavə bildirişə qədər təxirə salındı: {{/postponed}}{{^postponed}}Tədbirin vaxtı və ya təfərrüatları dəyişdi: {{/postponed}}{{title}}
            {{#starts}}
            Yeni vaxt: {{starts}} ({{zone}})
            {{/starts}}
            {{#venue}}
            Yer: {{venue}}
            {{/venue}}
            {{#link}}
            Keçid: {{link}}
            {{/link}}
            {{#reason}}
            Səbəb: {{reason}}
            {{/reason}}

            Hörmətlə,
            {{office}}
            """,
        .en: """
            {{#postponed}}Postponed{{/postponed}}{{^postponed}}Changed{{/postponed}}: {{title}}{{#starts}}, {{starts}}{{/starts}}

            Dear {{name}},

            {{#postponed}}The event is postponed until further notice: {{/postponed}}{{^postponed}}The event's time or details have changed: {{/postponed}}{{title}}
            {{#starts}}
            New time: {{starts}} ({{zone}})
            {{/starts}}
            {{#venue}}
            Where: {{venue}}
            {{/venue}}
            {{#link}}
            Link: {{link}}
            {{/link}}
            {{#reason}}
            Reason: {{reason}}
            {{/reason}}

            Kind regards,
            {{office}}
            """,
    ]
}
