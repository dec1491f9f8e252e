import AdalDomain

/// Titles of reports, sections and columns in the languages reports are written in (kk, ru, en).
enum ReportLabels {
    static let table: [String: (en: String, ru: String, kk: String)] = [
        "applications": ("Applications to volunteer", "Заявления в волонтёры", "Еріктілікке өтініштер"),
        "action-plan": ("Action plan execution", "Исполнение плана мероприятий", "Іс-шаралар жоспарының орындалуы"),
        "received": ("Received by channel", "Поступило по каналам", "Арналар бойынша түскені"),
        "decisions": ("Decided in the period", "Рассмотрено за период", "Кезеңде қаралғаны"),
        "open": ("Open now", "На рассмотрении сейчас", "Қазір қаралуда"),
        "offices": ("On time, by office", "В срок, по офисам", "Кеңселер бойынша мерзімінде"),
        "items": ("Plan items", "Пункты плана", "Жоспар тармақтары"),
        "kinds": ("Events by kind", "Мероприятия по видам", "Іс-шаралар түрлері бойынша"),
        "regions": ("By region", "По регионам", "Өңірлер бойынша"),
        "events": ("Events", "Мероприятия", "Іс-шаралар"),
        "channel": ("channel", "канал", "арна"),
        "count": ("received", "поступило", "түсті"),
        "decided": ("decided", "рассмотрено", "қаралды"),
        "accepted": ("accepted", "принято", "қабылданды"),
        "rejected": ("rejected", "отклонено", "қабылданбады"),
        "withdrawn": ("withdrawn", "отозвано", "кері алынды"),
        "accepted_share": ("accepted, % of answered", "принято, % от отвеченных", "қабылданғаны, %"),
        "median_days": ("working days, median", "рабочих дней, медиана", "жұмыс күні, медиана"),
        "p90_days": ("working days, 90th percentile", "рабочих дней, 90-й процентиль", "жұмыс күні, 90-процентиль"),
        "open_count": ("open", "на рассмотрении", "қаралуда"),
        "overdue": ("overdue", "просрочено", "мерзімі өтті"),
        "office": ("office", "офис", "кеңсе"),
        "on_time": ("on time", "в срок", "мерзімінде"),
        "on_time_share": ("on time, %", "в срок, %", "мерзімінде, %"),
        "plan": ("plan", "план", "жоспар"),
        "item": ("item", "пункт", "тармақ"),
        "item_title": ("title", "наименование", "атауы"),
        "events_count": ("events", "мероприятий", "іс-шара"),
        "held": ("held", "проведено", "өткізілді"),
        "cancelled": ("cancelled", "отменено", "болмады"),
        "hearings": ("hearings held", "слушаний проведено", "тыңдау өткізілді"),
        "attended": ("participants", "участников", "қатысушы"),
        "media": ("media present", "СМИ", "БАҚ"),
        "volunteers_involved": ("volunteers involved", "волонтёров", "ерікті"),
        "kind": ("kind", "вид", "түрі"),
        "region": ("region", "регион", "өңір"),
        "date": ("date", "дата", "күні"),
        "place": ("place", "место", "орны"),
        "title": ("title", "название", "атауы"),
        "status": ("status", "статус", "күйі"),
        "plan_items": ("plan items", "пункты плана", "жоспар тармақтары"),
        "volunteers": ("Volunteers", "Волонтёры", "Еріктілер"),
        "councils": ("Council rating", "Рейтинг советов", "Кеңестер рейтингі"),
        "volunteer_regions": ("By region", "По регионам", "Өңірлер бойынша"),
        "breakdown": ("By kind, area and status", "По видам, направлениям и статусам", "Түрі, бағыты және күйі бойынша"),
        "ages": ("Age groups", "Возрастные группы", "Жас топтары"),
        "organisations": ("Organisations with the most volunteers", "Организации с наибольшим числом волонтёров",
                          "Еріктілері көп ұйымдар"),
        "volunteers_count": ("volunteers", "волонтёров", "ерікті"),
        "new": ("new", "новых", "жаңа"),
        "active": ("active", "активных", "белсенді"),
        "hours": ("hours", "часов", "сағат"),
        "area": ("area", "направление", "бағыты"),
        "age_group": ("age", "возраст", "жасы"),
        "organisation": ("organisation", "организация", "ұйым"),
        "rating": ("Rating", "Рейтинг", "Рейтинг"),
        "criteria": ("Criteria", "Критерии", "Өлшемдер"),
        "council": ("council", "совет", "кеңес"),
        "rank": ("rank", "место", "орны"),
        "total": ("score", "балл", "балл"),
        "criterion": ("criterion", "критерий", "өлшем"),
        "weight": ("weight", "вес", "салмағы"),
        "target": ("target", "цель", "мақсат"),
        "actual": ("actual", "факт", "нақты"),
        "score": ("score", "балл", "балл"),
        "figures": ("Figures", "Показатели", "Көрсеткіштер"),
        "held_meetings": ("meetings held", "заседаний", "отырыс"),
        "quorate": ("with quorum", "с кворумом", "кворуммен"),
        "tasks_due": ("tasks due", "поручений к сроку", "мерзімі келген тапсырма"),
        "tasks_on_time": ("done on time", "исполнено в срок", "мерзімінде орындалды"),
    ]

    static func text(_ key: String, _ language: Language) -> String {
        guard let entry = table[key] else { return key }
        switch language {
        case .ru: return entry.ru
        case .kk: return entry.kk
        default: return entry.en
        }
    }

    static func columns(_ keys: [String], _ language: Language) -> [ReportDocument.Column] {
        keys.map { ReportDocument.Column(key: $0, title: text($0, language)) }
    }
}
