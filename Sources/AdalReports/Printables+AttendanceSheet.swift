import AdalDomain

extension Printables {
    /// An attendance sheet for the event in `language`, one row per invited participant with a
    /// column to sign.
    public static func attendanceSheet(_ event: Event, language: Language) -> String {
        let words = words(language)
        let when = event.startsLocal ?? event.heldOn?.description ?? ""
        let rows = event.participants.enumerated().map { index, participant in
            "<tr><td>\(index + 1)</td><td>\(escape(participant.fullName))</td><td>\(escape(participant.organisation ?? participant.position ?? ""))</td>"
                + "<td>\(escape(words.term("participant_role", participant.role.rawValue)))</td><td class=\"sign\"></td></tr>"
        }.joined(separator: "\n")
        return page(title: "\(words["sheet_heading"]): \(event.title)", language: language, style: """
            body { font-family: sans-serif; margin: 1.5cm; }
            table { border-collapse: collapse; width: 100%; }
            th, td { border: 1px solid #000; padding: 6px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
            td.sign { width: 5cm; height: 1cm; }
            @media (max-width: 700px) { body { margin: .5em; } td.sign { width: 25%; } }
            """, body: """
            <p>\(escape(words["sheet_heading"]))</p>
            <h1>\(escape(event.title))</h1>
            <p>\(escape(when)) \(escape(event.timeZone)) · \(escape(event.venue ?? event.link ?? ""))</p>
            <table><thead><tr><th>#</th><th>\(escape(words["sheet_name"]))</th><th>\(escape(words["sheet_organisation"]))</th><th>\(escape(words["sheet_role"]))</th><th>\(escape(words["sheet_signature"]))</th></tr></thead>
            <tbody>
            \(rows)
            </tbody></table>
            """)
    }
}
