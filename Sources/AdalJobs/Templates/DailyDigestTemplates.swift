import AdalDomain

// The daily digest for each staff member with work waiting. Values: name, day, zone; the lists
// overdue (applications), due_soon, overdue_tasks and failed_reminders, each of lines with text,
// date and detail; their counts (overdue_count, …) and has_overdue, … (a section is written only
// when it has something).
extension ReminderTemplates {
    static let dailyDigest: [Language: String] = [
        .kk: """
            Күнделікті шолу, {{day}}

            Құрметті {{name}},
            {{#has_overdue}}

            Жауап беру мерзімі өткен өтініштер ({{overdue_count}}):
            {{#overdue}}
            - {{text}}, мерзімі {{date}}, {{detail}}
            {{/overdue}}
            {{/has_overdue}}
            {{#has_due_soon}}

            Жауап беру мерзімі жақындаған өтініштер ({{due_soon_count}}):
            {{#due_soon}}
            - {{text}}, мерзімі {{date}}, {{detail}}
            {{/due_soon}}
            {{/has_due_soon}}
            {{#has_overdue_tasks}}

            Мерзімі өткен тапсырмалар ({{overdue_tasks_count}}):
            {{#overdue_tasks}}
            - {{text}}, мерзімі {{date}}, {{detail}}
            {{/overdue_tasks}}
            {{/has_overdue_tasks}}
            {{#has_failed_reminders}}

            Жеткізілмеген хабарламалар ({{failed_reminders_count}}):
            {{#failed_reminders}}
            - {{text}}, {{date}}: {{detail}}
            {{/failed_reminders}}
            {{/has_failed_reminders}}

            Adal ({{zone}})
            """,
        .ru: """
            Ежедневная сводка, {{day}}

            Уважаемый(ая) {{name}},
            {{#has_overdue}}

            Заявления с просроченным ответом ({{overdue_count}}):
            {{#overdue}}
            - {{text}}, срок {{date}}, {{detail}}
            {{/overdue}}
            {{/has_overdue}}
            {{#has_due_soon}}

            Заявления, срок ответа на которые подходит ({{due_soon_count}}):
            {{#due_soon}}
            - {{text}}, срок {{date}}, {{detail}}
            {{/due_soon}}
            {{/has_due_soon}}
            {{#has_overdue_tasks}}

            Просроченные поручения ({{overdue_tasks_count}}):
            {{#overdue_tasks}}
            - {{text}}, срок {{date}}, {{detail}}
            {{/overdue_tasks}}
            {{/has_overdue_tasks}}
            {{#has_failed_reminders}}

            Недоставленные уведомления ({{failed_reminders_count}}):
            {{#failed_reminders}}
            - {{text}}, {{date}}: {{detail}}
            {{/failed_reminders}}
            {{/has_failed_reminders}}

            Adal ({{zone}})
            """,
        .uz: """
            Kunlik sharh, {{day}}

            Hurmatli {{name}},
            {{#has_overdue}}

            Javob muddati oʻtgan arizalar ({{overdue_count}}):
            {{#overdue}}
            - {{text}}, muddati {{date}}, {{detail}}
            {{/overdue}}
            {{/has_overdue}}
            {{#has_due_soon}}

            Javob muddati yaqinlashgan arizalar ({{due_soon_count}}):
            {{#due_soon}}
            - {{text}}, muddati {{date}}, {{detail}}
            {{/due_soon}}
            {{/has_due_soon}}
            {{#has_overdue_tasks}}

            Muddati oʻtgan topshiriqlar ({{overdue_tasks_count}}):
            {{#overdue_tasks}}
            - {{text}}, muddati {{date}}, {{detail}}
            {{/overdue_tasks}}
            {{/has_overdue_tasks}}
            {{#has_failed_reminders}}

            Yetkazilmagan xabarnomalar ({{failed_reminders_count}}):
            {{#failed_reminders}}
            - {{text}}, {{date}}: {{detail}}
            {{/failed_reminders}}
            {{/has_failed_reminders}}

            Adal ({{zone}})
            """,
        .az: """
            Gündəlik icmal, {{day}}

            Hörmətli {{name}},
            {{#has_overdue}}

            Cavab müddəti keçmiş müraciətlər ({{overdue_count}}):
            {{#overdue}}
            - {{text}}, müddət {{date}}, {{detail}}
            {{/overdue}}
            {{/has_overdue}}
            {{#has_due_soon}}

            Cavab müddəti yaxınlaşan müraciətlər ({{due_soon_count}}):
            {{#due_soon}}
            - {{text}}, müddət {{date}}, {{detail}}
            {{/due_soon}}
            {{/has_due_soon}}
            {{#has_overdue_tasks}}

            Müddəti keçmiş tapşırıqlar ({{overdue_tasks_count}}):
            {{#overdue_tasks}}
            - {{text}}, müddət {{date}}, {{detail}}
            {{/overdue_tasks}}
            {{/has_overdue_tasks}}
            {{#has_failed_reminders}}

            Çatdırılmamış bildirişlər ({{failed_reminders_count}}):
            {{#failed_reminders}}
            - {{text}}, {{date}}: {{detail}}
            {{/failed_reminders}}
            {{/has_failed_reminders}}

            Adal ({{zone}})
            """,
        .en: """
            Daily digest, {{day}}

            Dear {{name}},
            {{#has_overdue}}

            Applications past their answer date ({{overdue_count}}):
            {{#overdue}}
            - {{text}}, due {{date}}, {{detail}}
            {{/overdue}}
            {{/has_overdue}}
            {{#has_due_soon}}

            Applications whose answer is due soon ({{due_soon_count}}):
            {{#due_soon}}
            - {{text}}, due {{date}}, {{detail}}
            {{/due_soon}}
            {{/has_due_soon}}
            {{#has_overdue_tasks}}

            Overdue tasks ({{overdue_tasks_count}}):
            {{#overdue_tasks}}
            - {{text}}, due {{date}}, {{detail}}
            {{/overdue_tasks}}
            {{/has_overdue_tasks}}
            {{#has_failed_reminders}}

            Messages that could not be delivered ({{failed_reminders_count}}):
            {{#failed_reminders}}
            - {{text}}, {{date}}: {{detail}}
            {{/failed_reminders}}
            {{/has_failed_reminders}}

            Adal ({{zone}})
            """,
    ]
}
