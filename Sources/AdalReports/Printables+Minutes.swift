import AdalDomain

extension Minutes {
    /// The minutes as plain text in `language`: the message's subject and body.
    public func text(in language: Language, office: String) -> (subject: String, body: String) {
        let words = Printables.words(language)
        let none = words["minutes_none"]
        var lines = ["\(words["minutes_heading"]): \(event.title)", "\(words["minutes_held"]): \(day)", ""]
        lines.append("\(words["minutes_present"]): " + (present.isEmpty ? none : present.joined(separator: ", ")))
        lines.append("\(words["minutes_absent"]): " + (absent.isEmpty ? none : absent.joined(separator: ", ")))
        lines.append("")
        lines.append("\(words["minutes_decisions"]):")
        if decisions.isEmpty { lines.append("  \(none)") }
        for (index, decision) in decisions.enumerated() {
            lines.append("\(index + 1). \(decision.text)")
            for task in tasks(of: decision) {
                lines.append("   – \(task.title) (\(words["minutes_assignee"]): \(task.assignee); \(words["minutes_due"]): \(task.dueOn))")
            }
        }
        lines += ["", office]
        return ("\(words["minutes_heading"]): \(event.title), \(day)", lines.joined(separator: "\n"))
    }
}

extension Printables {
    /// The minutes as a printable page in `language`.
    public static func minutes(_ minutes: Minutes, office: String, language: Language) -> String {
        let words = words(language)
        let none = escape(words["minutes_none"])
        let list = { (names: [String]) in names.isEmpty ? none : escape(names.joined(separator: ", ")) }
        let decisions = minutes.decisions.enumerated().map { index, decision in
            let tasks = minutes.tasks(of: decision).map {
                "<tr><td>\(escape($0.title))</td><td>\(escape($0.assignee))</td><td>\($0.dueOn)</td></tr>"
            }.joined()
            return "<li><p>\(escape(decision.text))</p>" + (tasks.isEmpty ? "" : """
                <table><thead><tr><th>\(escape(words["minutes_tasks"]))</th><th>\(escape(words["minutes_assignee"]))</th>\
                <th>\(escape(words["minutes_due"]))</th></tr></thead><tbody>\(tasks)</tbody></table>
                """) + "</li>"
        }.joined(separator: "\n")
        return page(title: "\(words["minutes_heading"]): \(minutes.event.title)", language: language, style: """
            body { font-family: serif; margin: 1.5cm; max-width: 21cm; }
            table { border-collapse: collapse; width: 100%; margin: .3cm 0; }
            th, td { border: 1px solid #000; padding: 4px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
            td:last-child { white-space: nowrap; }
            @media (max-width: 700px) { body { margin: .5em; } ol { padding-left: 1.2em; } th, td { padding: 3px 4px; } }
            """, body: """
            <h1>\(escape(words["minutes_heading"]))</h1>
            <h2>\(escape(minutes.event.title))</h2>
            <p>\(escape(words["minutes_held"])): \(minutes.day) · \(escape(minutes.event.venue ?? minutes.event.link ?? "")) · \(escape(office))</p>
            <p><strong>\(escape(words["minutes_present"])):</strong> \(list(minutes.present))</p>
            <p><strong>\(escape(words["minutes_absent"])):</strong> \(list(minutes.absent))</p>
            <h3>\(escape(words["minutes_decisions"]))</h3>
            \(minutes.decisions.isEmpty ? "<p>\(none)</p>" : "<ol>\n\(decisions)\n</ol>")
            """)
    }
}
