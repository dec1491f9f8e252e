import AdalDomain
import AdalText

/// Titles of reports, sections and columns, and the words for the stored codes a report shows
/// (channels, kinds, areas, statuses, age groups), from the same catalogs as the web console:
/// `report_label_KEY` for a title or column, the console's own `PREFIX_CODE` for a code.
public enum ReportLabels {
    /// Every title and column key a report uses (the catalog test holds each catalog to them).
    public static let keys = [
        "applications", "action-plan", "volunteers", "councils",
        "received", "decisions", "open", "offices", "items", "kinds", "regions", "events", "volunteer_regions", "breakdown",
        "ages", "organisations", "rating", "criteria", "figures", "months", "quarters", "years",
        "channel", "count", "decided", "accepted", "rejected", "withdrawn", "accepted_share", "median_days", "p90_days",
        "open_count", "overdue", "office", "on_time", "on_time_share", "plan", "item", "item_title", "events_count", "held",
        "cancelled", "hearings", "attended", "media", "volunteers_involved", "kind", "region", "date", "place", "title",
        "status", "plan_items", "volunteers_count", "new", "active", "hours", "area", "age_group", "organisation", "council",
        "rank", "total", "criterion", "weight", "target", "actual", "score", "held_meetings", "quorate", "tasks_due",
        "tasks_on_time", "month", "quarter", "year", "joined",
        "all_regions", "period", "shown_of", "note_no_meetings", "note_date_unknown", "date_unknown", "no_meetings",
    ]

    public static func text(_ key: String, _ language: Language) -> String {
        Catalogs.standard[language]["report_label_" + key]
    }

    public static func format(_ key: String, _ values: [String: String], _ language: Language) -> String {
        Catalogs.standard[language].format("report_label_" + key, values)
    }

    /// The rows with the codes in each column of `columns` put in words, by the catalog prefix given
    /// for the column (`channel`, `event_kind`, …); a code the catalog has no word for stays as it is.
    public static func words(_ rows: [[ReportCell]], columns: [Int: String], _ language: Language) -> [[ReportCell]] {
        let catalog = Catalogs.standard[language]
        return rows.map { row in
            var row = row
            for (column, prefix) in columns where row.indices.contains(column) {
                if case let .text(code) = row[column] { row[column] = .text(catalog.term(prefix, code)) }
            }
            return row
        }
    }

    public static func columns(_ keys: [String], _ language: Language) -> [ReportDocument.Column] {
        keys.map { ReportDocument.Column(key: $0, title: text($0, language)) }
    }
}
