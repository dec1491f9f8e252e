import AdalDomain

// Council task reminders. Values: name, title, decision, due, office.
extension ReminderTemplates {
    static let taskDue: [Language: String] = [
        .kk: """
            Тапсырма мерзімі жақындады: {{title}}, {{due}}

            Құрметті {{name}},

            Сізге жүктелген тапсырманың мерзімі жақындап қалды:

            {{title}}
            Орындау мерзімі: {{due}}
            Шешім: {{decision}}

            Құрметпен,
            {{office}}
            """,
        .ru: """
            Срок поручения: {{title}}, {{due}}

            Уважаемый(ая) {{name}},

            Приближается срок исполнения поручения:

            {{title}}
            Срок: {{due}}
            Решение: {{decision}}

            С уважением,
            {{office}}
            """,
        .uz: """
            Topshiriq muddati yaqin: {{title}}, {{due}}

            Hurmatli {{name}},

            Sizga yuklatilgan topshiriq muddati yaqinlashmoqda:

            {{title}}
            Muddat: {{due}}
            Qaror: {{decision}}

            Hurmat bilan,
            {{office}}
            """,
        .az: """
            Tapşırığın müddəti yaxınlaşır: {{title}}, {{due}}

            Hörmətli {{name}},

            Sizə həvalə olunmuş tapşırığın müddəti yaxınlaşır:

            {{title}}
            Müddət: {{due}}
            Qərar: {{decision}}

            Hörmətlə,
            {{office}}
            """,
        .en: """
            Task due soon: {{title}}, {{due}}

            Dear {{name}},

            A task given to you is due soon:

            {{title}}
            Due: {{due}}
            Decision: {{decision}}

            Kind regards,
            {{office}}
            """,
    ]

    static let taskOverdue: [Language: String] = [
        .kk: """
            Тапсырма мерзімі өтті: {{title}}, {{due}}

            Құрметті {{name}},

            Сізге жүктелген тапсырманың мерзімі өтіп кетті:

            {{title}}
            Орындау мерзімі: {{due}}
            Шешім: {{decision}}

            Құрметпен,
            {{office}}
            """,
        .ru: """
            Поручение просрочено: {{title}}, {{due}}

            Уважаемый(ая) {{name}},

            Срок исполнения поручения истёк:

            {{title}}
            Срок: {{due}}
            Решение: {{decision}}

            С уважением,
            {{office}}
            """,
        .uz: """
            Topshiriq muddati oʻtdi: {{title}}, {{due}}

            Hurmatli {{name}},

            Sizga yuklatilgan topshiriq muddati oʻtib ketdi:

            {{title}}
            Muddat: {{due}}
            Qaror: {{decision}}

            Hurmat bilan,
            {{office}}
            """,
        .az: """
            Tapşırığın müddəti keçib: {{title}}, {{due}}

            Hörmətli {{name}},

            Sizə həvalə olunmuş tapşırığın müddəti keçib:

            {{title}}
            Müddət: {{due}}
            Qərar: {{decision}}

            Hörmətlə,
            {{office}}
            """,
        .en: """
            Task overdue: {{title}}, {{due}}

            Dear {{name}},

            A task given to you is overdue:

            {{title}}
            Due: {{due}}
            Decision: {{decision}}

            Kind regards,
            {{office}}
            """,
    ]
}
