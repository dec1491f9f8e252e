import AdalDomain
import Foundation
import Synchronization

/// Dates and times as a language writes them, in the time zone of the record's region.
struct DateText: Sendable {
    let language: Language

    private var locale: Locale {
        switch language {
        case .kk: return Locale(identifier: "kk_KZ")
        case .ru: return Locale(identifier: "ru_RU")
        case .uz: return Locale(identifier: "uz_Latn_UZ")
        case .az: return Locale(identifier: "az_Latn_AZ")
        case .en: return Locale(identifier: "en_GB")
        }
    }

    /// A moment, with its time, as seen in `timeZone` (an IANA name; UTC when unknown).
    func moment(_ date: Date, timeZone: String?) -> String {
        format(date, timeZone, date: .medium, time: .short)
    }

    /// Formatters are costly to make (a list of 50 rows made 50): each kind is made once and kept,
    /// and used under a lock, as one formatter is not safe to use from two threads at once.
    private static let formatters = Mutex<[String: DateFormatter]>([:])

    private func format(_ moment: Date, _ timeZone: String?, date: DateFormatter.Style, time: DateFormatter.Style) -> String {
        let zone = timeZone ?? "UTC"
        let key = "\(language.rawValue)|\(zone)|\(date.rawValue)|\(time.rawValue)"
        return Self.formatters.withLock { formatters in
            let formatter: DateFormatter
            if let kept = formatters[key] {
                formatter = kept
            } else {
                formatter = DateFormatter()
                formatter.locale = locale
                formatter.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!
                formatter.dateStyle = date
                formatter.timeStyle = time
                formatters[key] = formatter
            }
            return formatter.string(from: moment)
        }
    }

    /// A moment's time of day only, as seen in `timeZone`.
    func time(_ date: Date, timeZone: String?) -> String {
        format(date, timeZone, date: .none, time: .short)
    }

    /// A month and its year ("December 2026"), as a calendar's heading.
    func monthTitle(_ date: Date, timeZone: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = locale
        formatter.timeZone = TimeZone(identifier: timeZone)
        formatter.setLocalizedDateFormatFromTemplate("LLLLyyyy")
        return formatter.string(from: date)
    }

    /// The days of the week from Monday, shortened as the language writes them.
    func weekdayNames() -> [String] {
        let formatter = DateFormatter()
        formatter.locale = locale
        let names = formatter.shortStandaloneWeekdaySymbols ?? formatter.shortWeekdaySymbols ?? []
        guard names.count == 7 else { return names }
        return Array(names[1...]) + [names[0]]
    }

    /// A calendar day (a due date, a birth date): the same day wherever it is read.
    func day(_ date: CivilDate) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let noon = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: 12)) else {
            return date.description
        }
        return format(noon, "UTC", date: .medium, time: .none)
    }

    /// Today's date where a record is kept (`zone` an IANA name; UTC when unknown).
    static func today(in zone: String?, now: Date = Date()) -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
