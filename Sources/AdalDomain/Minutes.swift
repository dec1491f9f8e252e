import Foundation

/// What a held meeting decided and who was there: its decisions, the tasks from them with owners
/// and dates, and its attendance — sent to its participants and printed.
public struct Minutes: Codable, Sendable {
    public let event: Event
    public let decisions: [Decision]
    public let tasks: [TaskRecord]

    public init(event: Event, decisions: [Decision], tasks: [TaskRecord]) {
        self.event = event
        self.decisions = decisions
        self.tasks = tasks
    }

    public var present: [String] { event.participants.filter { $0.attendance == .attended }.map(\.fullName) }
    public var absent: [String] { event.participants.filter { $0.attendance != .attended }.map(\.fullName) }

    /// The day it was held, in its region's calendar.
    public var day: String {
        event.heldOn?.description ?? event.startsAt.map { CivilDate($0, zone: TimeZone(identifier: event.timeZone) ?? .gmt).description } ?? ""
    }

    /// The tasks of one decision.
    public func tasks(of decision: Decision) -> [TaskRecord] {
        tasks.filter { $0.decision == decision.text }
    }

    /// The words of the minutes in one language (the message and the printed page share them).
    public struct Words: Sendable {
        public let heading, held, present, absent, decisions, tasks, assignee, due, none: String
    }

    public static let words: [Language: Words] = [
        .kk: .init(heading: "Хаттама", held: "Өткізілген күні", present: "Қатысқандар", absent: "Қатыспағандар",
                   decisions: "Шешімдер", tasks: "Тапсырмалар", assignee: "Орындаушы", due: "Мерзімі", none: "жоқ"),
        .ru: .init(heading: "Протокол", held: "Дата проведения", present: "Присутствовали", absent: "Отсутствовали",
                   decisions: "Решения", tasks: "Поручения", assignee: "Исполнитель", due: "Срок", none: "нет"),
        .uz: .init(heading: "Bayonnoma", held: "Oʻtkazilgan sana", present: "Qatnashganlar", absent: "Qatnashmaganlar",
                   decisions: "Qarorlar", tasks: "Topshiriqlar", assignee: "Ijrochi", due: "Muddati", none: "yoʻq"),
        .az: .init(heading: "Protokol", held: "Keçirilmə tarixi", present: "İştirak edənlər", absent: "İştirak etməyənlər",
                   decisions: "Qərarlar", tasks: "Tapşırıqlar", assignee: "İcraçı", due: "Müddət", none: "yoxdur"),
        .en: .init(heading: "Minutes", held: "Held on", present: "Present", absent: "Absent",
                   decisions: "Decisions", tasks: "Tasks", assignee: "Assignee", due: "Due", none: "none"),
    ]

    /// The minutes as plain text in `language`: the message's body.
    public func text(in language: Language, office: String) -> (subject: String, body: String) {
        let words = Self.words[language]!
        var lines = ["\(words.heading): \(event.title)", "\(words.held): \(day)", ""]
        lines.append("\(words.present): " + (present.isEmpty ? words.none : present.joined(separator: ", ")))
        lines.append("\(words.absent): " + (absent.isEmpty ? words.none : absent.joined(separator: ", ")))
        lines.append("")
        lines.append("\(words.decisions):")
        if decisions.isEmpty { lines.append("  \(words.none)") }
        for (index, decision) in decisions.enumerated() {
            lines.append("\(index + 1). \(decision.text)")
            for task in tasks(of: decision) {
                lines.append("   – \(task.title) (\(words.assignee): \(task.assignee); \(words.due): \(task.dueOn))")
            }
        }
        lines += ["", office]
        return ("\(words.heading): \(event.title), \(day)", lines.joined(separator: "\n"))
    }
}

extension Printables {
    /// The minutes as a printable page in `language`.
    public static func minutes(_ minutes: Minutes, office: String, language: Language) -> String {
        let words = Minutes.words[language]!
        let list = { (names: [String]) in names.isEmpty ? words.none : escape(names.joined(separator: ", ")) }
        let decisions = minutes.decisions.enumerated().map { index, decision in
            let tasks = minutes.tasks(of: decision).map {
                "<tr><td>\(escape($0.title))</td><td>\(escape($0.assignee))</td><td>\($0.dueOn)</td></tr>"
            }.joined()
            return "<li><p>\(escape(decision.text))</p>" + (tasks.isEmpty ? "" : """
                <table><thead><tr><th>\(words.tasks)</th><th>\(words.assignee)</th><th>\(words.due)</th></tr></thead><tbody>\(tasks)</tbody></table>
                """) + "</li>"
        }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8"><title>\(words.heading): \(escape(minutes.event.title))</title>
            <style>
            body { font-family: serif; margin: 1.5cm; max-width: 21cm; }
            table { border-collapse: collapse; width: 100%; margin: .3cm 0; }
            th, td { border: 1px solid #000; padding: 4px 8px; text-align: left; vertical-align: top; }
            </style></head>
            <body>
            <h1>\(words.heading)</h1>
            <h2>\(escape(minutes.event.title))</h2>
            <p>\(words.held): \(minutes.day) · \(escape(minutes.event.venue ?? minutes.event.link ?? "")) · \(escape(office))</p>
            <p><strong>\(words.present):</strong> \(list(minutes.present))</p>
            <p><strong>\(words.absent):</strong> \(list(minutes.absent))</p>
            <h3>\(words.decisions)</h3>
            \(minutes.decisions.isEmpty ? "<p>\(words.none)</p>" : "<ol>\n\(decisions)\n</ol>")
            </body></html>

            """
    }
}
