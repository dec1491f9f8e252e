import AdalDomain

// The weekly digest for admins. Values: name, zone, from, to, volunteers (name, region),
// due_soon (applicant, due, reviewer), overdue (the same), events (title, starts, region), and
// the counts volunteer_count, due_count, overdue_count, event_count.
extension ReminderTemplates {
    static let weeklyDigest: [Language: String] = [
        .kk: """
            Апталық шолу, {{from}} – {{to}}

            Құрметті {{name}},

            Жаңа еріктілер ({{volunteer_count}}):
            {{#volunteers}}
            - {{name}}, {{region}}
            {{/volunteers}}

            Жауап беру мерзімі осы аптада бітетін өтініштер ({{due_count}}):
            {{#due_soon}}
            - {{applicant}}, {{due}}, {{reviewer}}
            {{/due_soon}}

            Мерзімі өткен өтініштер ({{overdue_count}}):
            {{#overdue}}
            - {{applicant}}, {{due}}, {{reviewer}}
            {{/overdue}}

            Алдағы іс-шаралар ({{event_count}}):
            {{#events}}
            - {{starts}}: {{title}}, {{region}}
            {{/events}}

            Adal ({{zone}})
            """,
        .ru: """
            Недельная сводка, {{from}} – {{to}}

            Уважаемый(ая) {{name}},

            Новые волонтёры ({{volunteer_count}}):
            {{#volunteers}}
            - {{name}}, {{region}}
            {{/volunteers}}

            Заявления со сроком ответа на этой неделе ({{due_count}}):
            {{#due_soon}}
            - {{applicant}}, {{due}}, {{reviewer}}
            {{/due_soon}}

            Просроченные заявления ({{overdue_count}}):
            {{#overdue}}
            - {{applicant}}, {{due}}, {{reviewer}}
            {{/overdue}}

            Предстоящие мероприятия ({{event_count}}):
            {{#events}}
            - {{starts}}: {{title}}, {{region}}
            {{/events}}

            Adal ({{zone}})
            """,
        .uz: """
            Haftalik sharh, {{from}} – {{to}}

            Hurmatli {{name}},

            Yangi koʻngillilar ({{volunteer_count}}):
            {{#volunteers}}
            - {{name}}, {{region}}
            {{/volunteers}}

            Javob muddati shu haftada tugaydigan arizalar ({{due_count}}):
            {{#due_soon}}
            - {{applicant}}, {{due}}, {{reviewer}}
            {{/due_soon}}

            Muddati oʻtgan arizalar ({{overdue_count}}):
            {{#overdue}}
            - {{applicant}}, {{due}}, {{reviewer}}
            {{/overdue}}

            Yaqinlashayotgan tadbirlar ({{event_count}}):
            {{#events}}
            - {{starts}}: {{title}}, {{region}}
            {{/events}}

            Adal ({{zone}})
            """,
        .az: """
            Həftəlik icmal, {{from}} – {{to}}

            Hörmətli {{name}},

            Yeni könüllülər ({{volunteer_count}}):
            {{#volunteers}}
            - {{name}}, {{region}}
            {{/volunteers}}

            Cavab müddəti bu həftə bitən müraciətlər ({{due_count}}):
            {{#due_soon}}
            - {{applicant}}, {{due}}, {{reviewer}}
            {{/due_soon}}

            Müddəti keçmiş müraciətlər ({{overdue_count}}):
            {{#overdue}}
            - {{applicant}}, {{due}}, {{reviewer}}
            {{/overdue}}

            Qarşıdakı tədbirlər ({{event_count}}):
            {{#events}}
            - {{starts}}: {{title}}, {{region}}
            {{/events}}

            Adal ({{zone}})
            """,
        .en: """
            Weekly digest, {{from}} – {{to}}

            Dear {{name}},

            New volunteers ({{volunteer_count}}):
            {{#volunteers}}
            - {{name}}, {{region}}
            {{/volunteers}}

            Applications due for an answer this week ({{due_count}}):
            {{#due_soon}}
            - {{applicant}}, {{due}}, {{reviewer}}
            {{/due_soon}}

            Overdue applications ({{overdue_count}}):
            {{#overdue}}
            - {{applicant}}, {{due}}, {{reviewer}}
            {{/overdue}}

            Upcoming events ({{event_count}}):
            {{#events}}
            - {{starts}}: {{title}}, {{region}}
            {{/events}}

            Adal ({{zone}})
            """,
    ]
}
