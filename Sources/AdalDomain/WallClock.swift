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

    /// `yyyy-MM-dd HH:mm`.
    var minutes: String {
        Self.pad(date.year, 4) + "-" + Self.pad(date.month) + "-" + Self.pad(date.day) + " " + Self.pad(hour) + ":" + Self.pad(minute)
    }
}
