import Foundation

/// Fast readers for the two time forms exports use; formatters are too slow for 100,000 records.
public enum Timestamp {
    /// `yyyy-MM-ddTHH:mm:ss.SSSZ` in UTC without a formatter: a log line per request must not create one.
    public static func utcMillis(_ instant: Date) -> String { WallClock.utcMillis(instant) }

    /// `yyyy-MM-ddTHH:mm[:ss[.fff…]](Z|±HH:MM|±HHMM)`.
    public static func iso8601(_ text: String) -> Date? {
        let s = Array(text.utf8)
        guard s.count >= 17, s[4] == UInt8(ascii: "-"), s[7] == UInt8(ascii: "-"),
              s[10] == UInt8(ascii: "T") || s[10] == UInt8(ascii: " "), s[13] == UInt8(ascii: ":"),
              let year = number(s, 0, 4), let month = number(s, 5, 2), let day = number(s, 8, 2),
              let hour = number(s, 11, 2), let minute = number(s, 14, 2),
              let date = CivilDate(year: year, month: month, day: day), hour < 24, minute < 60 else { return nil }
        var index = 16
        var seconds = 0.0
        if index < s.count, s[index] == UInt8(ascii: ":") {
            guard let whole = number(s, index + 1, 2), whole < 60 else { return nil }
            seconds = Double(whole)
            index += 3
            if index < s.count, s[index] == UInt8(ascii: ".") {
                var scale = 0.1
                index += 1
                while index < s.count, let digit = number(s, index, 1) {
                    seconds += Double(digit) * scale
                    scale /= 10
                    index += 1
                }
            }
        }
        guard index < s.count else { return nil }  // an offset is required
        var offset = 0
        if s[index] == UInt8(ascii: "Z") {
            index += 1
        } else if s[index] == UInt8(ascii: "+") || s[index] == UInt8(ascii: "-") {
            let sign = s[index] == UInt8(ascii: "-") ? -1 : 1
            guard let hours = number(s, index + 1, 2) else { return nil }
            var minutes = 0
            if index + 3 < s.count {
                let start = s[index + 3] == UInt8(ascii: ":") ? index + 4 : index + 3
                guard let m = number(s, start, 2) else { return nil }
                minutes = m
                index = start + 2
            } else {
                index += 3
            }
            offset = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard index == s.count else { return nil }
        let local = Double(date.dayNumber * 86_400 + hour * 3600 + minute * 60) + seconds
        return Date(timeIntervalSince1970: local - Double(offset))
    }

    /// `dd.MM.yyyy HH:mm` as a wall-clock time in `zone`.
    public static func dottedLocal(_ text: String, zone: TimeZone) -> Date? {
        let s = Array(text.utf8)
        guard s.count == 16, s[2] == UInt8(ascii: "."), s[5] == UInt8(ascii: "."), s[10] == UInt8(ascii: " "),
              s[13] == UInt8(ascii: ":"), let day = number(s, 0, 2), let month = number(s, 3, 2),
              let year = number(s, 6, 4), let hour = number(s, 11, 2), let minute = number(s, 14, 2),
              let date = CivilDate(year: year, month: month, day: day), hour < 24, minute < 60 else { return nil }
        let wall = Double(date.dayNumber * 86_400 + hour * 3600 + minute * 60)
        // The zone's offset at that moment; asked twice in case the first guess crosses a change of offset.
        let guess = wall - Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall)))
        return Date(timeIntervalSince1970: wall - Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: guess))))
    }

    private static func number(_ s: [UInt8], _ start: Int, _ length: Int) -> Int? {
        guard start >= 0, start + length <= s.count else { return nil }
        var value = 0
        for byte in s[start..<start + length] {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }
}

extension CivilDate {
    /// The civil date of `instant` in `zone`.
    public init(_ instant: Date, zone: TimeZone) {
        let local = Int((instant.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: instant))).rounded(.down))
        self.init(dayNumber: local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
    }
}
