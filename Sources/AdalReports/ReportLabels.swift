import AdalDomain

/// Titles of reports, sections and columns, and the words for the stored codes a report shows
/// (channels, kinds, areas, statuses, age groups), in the languages reports are written in (kk, ru, en).
public enum ReportLabels {
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
        "months": ("By month", "По месяцам", "Айлар бойынша"),
        "month": ("month", "месяц", "ай"),
        "joined": ("joined", "вступило", "қосылды"),
    ]

    /// The words for codes as the database stores them, in the columns that hold them.
    static let values: [String: (en: String, ru: String, kk: String)] = [
        "eotinish": ("eOtinish", "еОтиниш", "еОтініш"),
        "email": ("e-mail", "электронная почта", "электрондық пошта"),
        "office": ("at the office", "в офисе", "кеңседе"),
        "web": ("web form", "веб-форма", "веб-форма"),
        "individual": ("individual", "индивидуальный", "жеке"),
        "student": ("student", "студент", "студент"),
        "corporate": ("corporate", "корпоративный", "корпоративтік"),
        "pro_bono": ("pro bono", "pro bono", "pro bono"),
        "ngo": ("NGO", "НПО", "ҮЕҰ"),
        "budget_control": ("budget control", "контроль бюджета", "бюджетті бақылау"),
        "anti_corruption_education": ("anti-corruption education", "антикоррупционное просвещение",
                                      "сыбайлас жемқорлыққа қарсы ағарту"),
        "legal_aid": ("legal aid", "правовая помощь", "құқықтық көмек"),
        "public_monitoring": ("public monitoring", "общественный мониторинг", "қоғамдық мониторинг"),
        "awareness": ("awareness", "информирование", "ақпараттандыру"),
        "active": ("active", "активен", "белсенді"),
        "paused": ("paused", "приостановлен", "тоқтатылған"),
        "withdrawn": ("withdrawn", "выбыл", "шықты"),
        "suspended": ("suspended", "отстранён", "шеттетілген"),
        "public_hearing": ("public hearing", "публичные слушания", "қоғамдық тыңдау"),
        "council_meeting": ("council meeting", "заседание совета", "кеңес отырысы"),
        "commission_meeting": ("commission meeting", "заседание комиссии", "комиссия отырысы"),
        "seminar": ("seminar", "семинар", "семинар"),
        "round_table": ("round table", "круглый стол", "дөңгелек үстел"),
        "videoconference": ("videoconference", "видеоконференция", "бейнеконференция"),
        "awareness_meeting": ("awareness meeting", "разъяснительная встреча", "түсіндіру кездесуі"),
        "training": ("training", "обучение", "оқыту"),
        "planned": ("planned", "запланировано", "жоспарланған"),
        "held": ("held", "проведено", "өткізілді"),
        "cancelled": ("cancelled", "отменено", "болмады"),
        "postponed": ("postponed", "перенесено", "шегерілді"),
        "under_18": ("under 18", "до 18", "18-ге дейін"),
        "18_24": ("18–24", "18–24", "18–24"),
        "25_34": ("25–34", "25–34", "25–34"),
        "35_44": ("35–44", "35–44", "35–44"),
        "45_59": ("45–59", "45–59", "45–59"),
        "60_plus": ("60+", "60+", "60+"),
        "unknown": ("unknown", "не указан", "белгісіз"),
    ]

    /// The rows with the codes in `columns` put in words (a code without words stays as it is).
    public static func words(_ rows: [[ReportCell]], columns: [Int], _ language: Language) -> [[ReportCell]] {
        rows.map { row in
            var row = row
            for column in columns where row.indices.contains(column) {
                if case let .text(code) = row[column], let entry = values[code] { row[column] = .text(pick(entry, language)) }
            }
            return row
        }
    }

    public static func text(_ key: String, _ language: Language) -> String {
        guard let entry = table[key] else { return key }
        return pick(entry, language)
    }

    static func pick(_ entry: (en: String, ru: String, kk: String), _ language: Language) -> String {
        switch language {
        case .ru: return entry.ru
        case .kk: return entry.kk
        default: return entry.en
        }
    }

    public static func columns(_ keys: [String], _ language: Language) -> [ReportDocument.Column] {
        keys.map { ReportDocument.Column(key: $0, title: text($0, language)) }
    }
}
