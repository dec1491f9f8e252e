import AdalDomain

// Application deadlines for reviewers and office heads, and the welcome an accepted applicant
// gets. Values: name, applicant, reference, received, due, reviewer, office, office_email, office_phone.
extension ReminderTemplates {
    static let applicationDue: [Language: String] = [
        .kk: """
            Өтініштің жауап беру мерзімі жақындады: {{applicant}}, {{due}}

            Құрметті {{name}},

            Сізге тапсырылған өтінішке жауап беру мерзімі 3 жұмыс күнінен кейін бітеді:

            Өтініш беруші: {{applicant}}
            Нөмірі: {{reference}}
            Түскен күні: {{received}}
            Жауап беру мерзімі: {{due}}

            {{office}}
            """,
        .ru: """
            Срок ответа на заявление: {{applicant}}, {{due}}

            Уважаемый(ая) {{name}},

            Срок ответа на порученное вам заявление истекает через 3 рабочих дня:

            Заявитель: {{applicant}}
            Номер: {{reference}}
            Поступило: {{received}}
            Срок ответа: {{due}}

            {{office}}
            """,
        .uz: """
            Arizaga javob muddati yaqin: {{applicant}}, {{due}}

            Hurmatli {{name}},

            Sizga topshirilgan arizaga javob berish muddati 3 ish kunidan keyin tugaydi:

            Ariza beruvchi: {{applicant}}
            Raqami: {{reference}}
            Kelib tushgan: {{received}}
            Javob muddati: {{due}}

            {{office}}
            """,
        .az: """
            Müraciətə cavab müddəti yaxınlaşır: {{applicant}}, {{due}}

            Hörmətli {{name}},

            Sizə həvalə olunmuş müraciətə cavab müddəti 3 iş günü sonra bitir:

            Müraciət edən: {{applicant}}
            Nömrə: {{reference}}
            Daxil olub: {{received}}
            Cavab müddəti: {{due}}

            {{office}}
            """,
        .en: """
            Application due for an answer: {{applicant}}, {{due}}

            Dear {{name}},

            The application assigned to you must be answered within 3 working days:

            Applicant: {{applicant}}
            Reference: {{reference}}
            Received: {{received}}
            Answer due: {{due}}

            {{office}}
            """,
    ]

    static let applicationOverdue: [Language: String] = [
        .kk: """
            Өтінішке жауап мерзімі өтті: {{applicant}}, {{due}}

            Құрметті {{name}},

            Мына өтінішке жауап беру мерзімі өтіп кетті:

            Өтініш беруші: {{applicant}}
            Нөмірі: {{reference}}
            Жауап беру мерзімі: {{due}}
            Қарайтын қызметкер: {{reviewer}}

            {{office}}
            """,
        .ru: """
            Просрочен ответ на заявление: {{applicant}}, {{due}}

            Уважаемый(ая) {{name}},

            Срок ответа на заявление истёк:

            Заявитель: {{applicant}}
            Номер: {{reference}}
            Срок ответа: {{due}}
            Рассматривает: {{reviewer}}

            {{office}}
            """,
        .uz: """
            Arizaga javob muddati oʻtdi: {{applicant}}, {{due}}

            Hurmatli {{name}},

            Quyidagi arizaga javob berish muddati oʻtib ketdi:

            Ariza beruvchi: {{applicant}}
            Raqami: {{reference}}
            Javob muddati: {{due}}
            Koʻrib chiquvchi: {{reviewer}}

            {{office}}
            """,
        .az: """
            Müraciətə cavab müddəti keçib: {{applicant}}, {{due}}

            Hörmətli {{name}},

            Bu müraciətə cavab müddəti keçib:

            Müraciət edən: {{applicant}}
            Nömrə: {{reference}}
            Cavab müddəti: {{due}}
            Baxan əməkdaş: {{reviewer}}

            {{office}}
            """,
        .en: """
            Application overdue: {{applicant}}, {{due}}

            Dear {{name}},

            The answer to this application is overdue:

            Applicant: {{applicant}}
            Reference: {{reference}}
            Answer due: {{due}}
            Reviewer: {{reviewer}}

            {{office}}
            """,
    ]

    static let applicationWelcome: [Language: String] = [
        .kk: """
            Қош келдіңіз, {{name}}!

            Құрметті {{name}},

            Сіздің еріктілер қатарына қабылдану туралы өтінішіңіз мақұлданды. Сыбайлас жемқорлықтың алдын алуға қосқан үлесіңіз үшін рахмет.

            Жақын арада біз сізге алғашқы іс-шаралар туралы хабарлаймыз.
            {{#office_email}}
            Электрондық пошта: {{office_email}}
            {{/office_email}}
            {{#office_phone}}
            Телефон: {{office_phone}}
            {{/office_phone}}

            Құрметпен,
            {{office}}
            """,
        .ru: """
            Добро пожаловать, {{name}}!

            Уважаемый(ая) {{name}},

            Ваше заявление о вступлении в ряды волонтёров одобрено. Спасибо, что помогаете предупреждать коррупцию.

            В ближайшее время мы сообщим вам о первых мероприятиях.
            {{#office_email}}
            Электронная почта: {{office_email}}
            {{/office_email}}
            {{#office_phone}}
            Телефон: {{office_phone}}
            {{/office_phone}}

            С уважением,
            {{office}}
            """,
        .uz: """
            Xush kelibsiz, {{name}}!

            Hurmatli {{name}},

            Koʻngillilar safiga qoʻshilish haqidagi arizangiz maʼqullandi. Korrupsiyaning oldini olishga qoʻshgan hissangiz uchun rahmat.

            Yaqin orada sizga birinchi tadbirlar haqida xabar beramiz.
            {{#office_email}}
            Elektron pochta: {{office_email}}
            {{/office_email}}
            {{#office_phone}}
            Telefon: {{office_phone}}
            {{/office_phone}}

            Hurmat bilan,
            {{office}}
            """,
        .az: """
            Xoş gəlmisiniz, {{name}}!

            Hörmətli {{name}},

            Könüllülər sırasına qoşulmaq üçün müraciətiniz qəbul edildi. Korrupsiyanın qarşısının alınmasına verdiyiniz töhfəyə görə təşəkkür edirik.

            Tezliklə sizə ilk tədbirlər barədə məlumat verəcəyik.
            {{#office_email}}
            E-poçt: {{office_email}}
            {{/office_email}}
            {{#office_phone}}
            Telefon: {{office_phone}}
            {{/office_phone}}

            Hörmətlə,
            {{office}}
            """,
        .en: """
            Welcome, {{name}}!

            Dear {{name}},

            Your application to become a volunteer has been accepted. Thank you for helping to prevent corruption.

            We will let you know about your first events soon.
            {{#office_email}}
            E-mail: {{office_email}}
            {{/office_email}}
            {{#office_phone}}
            Phone: {{office_phone}}
            {{/office_phone}}

            Kind regards,
            {{office}}
            """,
    ]
}
