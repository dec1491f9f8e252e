import Foundation

/// An instant as a wall-clock time at a fixed offset, computed with integer arithmetic: Foundation's
/// DateFormatter costs more to create than a whole reminder does to render.
struct WallClock {
    let date: CivilDate
    let hour: Int
    let minute: Int
    let second: Int

    init(_ instant: Date, offsetSeconds: Int) {
        let local = Int(instant.timeIntervalSince1970.rounded(.down)) + offsetSeconds
        let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let seconds = local - day * 86_400
        date = CivilDate(dayNumber: day)
        hour = seconds / 3600
        minute = seconds % 3600 / 60
        second = seconds % 60
    }

    init(_ instant: Date, zone: TimeZone) { self.init(instant, offsetSeconds: zone.secondsFromGMT(for: instant)) }

    static func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// `yyyyMMddTHHmmss`, as iCalendar writes times.
    var compact: String {
        Self.pad(date.year, 4) + Self.pad(date.month) + Self.pad(date.day) + "T" + Self.pad(hour) + Self.pad(minute) + Self.pad(second)
    }

    /// `yyyy-MM-ddTHH:mm:ss.SSSZ` in UTC, as logs write times.
    static func utcMillis(_ instant: Date) -> String {
        // To the nearest millisecond, as Foundation's ISO 8601 formatter writes it.
        let total = Int((instant.timeIntervalSince1970 * 1000).rounded())
        let seconds = total >= 0 ? total / 1000 : (total - 999) / 1000
        let clock = WallClock(Date(timeIntervalSince1970: Double(seconds)), offsetSeconds: 0)
        return pad(clock.date.year, 4) + "-" + pad(clock.date.month) + "-" + pad(clock.date.day) + "T" + pad(clock.hour) + ":"
            + pad(clock.minute) + ":" + pad(clock.second) + "." + pad(total - seconds * 1000, 3) + "Z"
    }

    /// `yyyy-MM-dd HH:mm`.
    var minutes: String {
        Self.pad(date.year, 4) + "-" + Self.pad(date.month) + "-" + Self.pad(date.day) + " " + Self.pad(hour) + ":" + Self.pad(minute)
    }
}
