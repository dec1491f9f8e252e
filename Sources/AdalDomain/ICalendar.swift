import Foundation

/// An event as an RFC 5545 calendar: an invitation (`METHOD:REQUEST`) or, once cancelled, a
/// cancellation (`METHOD:CANCEL`). Times are given in the region's zone with its VTIMEZONE, so a
/// calendar shows the local time and computes the same instant.
public struct ICalendar: Sendable {
    public var uid: String
    public var sequence: Int
    public var title: String
    public var description: String?
    public var location: String?
    public var url: String?
    public var startsAt: Date
    public var endsAt: Date?
    public var timeZone: String
    public var cancelled: Bool
    public var organizerName: String?
    public var organizerEmail: String?
    public var stamp: Date

    public init(uid: String, sequence: Int, title: String, description: String?, location: String?, url: String?,
                startsAt: Date, endsAt: Date?, timeZone: String, cancelled: Bool, organizerName: String?,
                organizerEmail: String?, stamp: Date) {
        self.uid = uid
        self.sequence = sequence
        self.title = title
        self.description = description
        self.location = location
        self.url = url
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.timeZone = timeZone
        self.cancelled = cancelled
        self.organizerName = organizerName
        self.organizerEmail = organizerEmail
        self.stamp = stamp
    }

    public var text: String {
        let zone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!
        let offset = Self.offset(zone.secondsFromGMT(for: startsAt))
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Adal//Adal 1//EN", "CALSCALE:GREGORIAN",
            "METHOD:" + (cancelled ? "CANCEL" : "REQUEST"),
            // The zone's offset at the event; none of the three countries changes clocks any more.
            "BEGIN:VTIMEZONE", "TZID:\(timeZone)", "BEGIN:STANDARD", "DTSTART:19700101T000000",
            "TZOFFSETFROM:\(offset)", "TZOFFSETTO:\(offset)", "END:STANDARD", "END:VTIMEZONE",
            "BEGIN:VEVENT", "UID:\(uid)", "DTSTAMP:\(Self.utc(stamp))", "SEQUENCE:\(sequence)",
            "DTSTART;TZID=\(timeZone):\(Self.local(startsAt, zone))",
        ]
        if let endsAt { lines.append("DTEND;TZID=\(timeZone):\(Self.local(endsAt, zone))") }
        lines.append("SUMMARY:" + Self.escape(title))
        if let description { lines.append("DESCRIPTION:" + Self.escape(description)) }
        if let location { lines.append("LOCATION:" + Self.escape(location)) }
        // A URI and a quoted parameter have no escapes: control characters (a line break would start a
        // property of its own) and, in the parameter, double quotes are left out.
        if let url { lines.append("URL:" + Self.withoutControls(url)) }
        if let organizerEmail {
            let name = organizerName.map { ";CN=\"\(Self.withoutControls($0).replacingOccurrences(of: "\"", with: "'"))\"" } ?? ""
            lines.append("ORGANIZER\(name):mailto:\(Self.withoutControls(organizerEmail))")
        }
        lines.append("STATUS:" + (cancelled ? "CANCELLED" : "CONFIRMED"))
        lines += ["END:VEVENT", "END:VCALENDAR"]
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    static func withoutControls(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.properties.generalCategory != .control }))
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": continue
            // TEXT has no other control characters (RFC 5545 3.3.11) but the tab.
            case _ where character != "\t" && character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }):
                continue
            default: out.append(character)
            }
        }
        return out
    }

    /// Lines longer than 75 octets continue on the next line after a space, never inside a character.
    static func fold(_ line: String) -> String {
        var result = "", count = 0
        for character in line {
            let size = character.utf8.count
            if count + size > 75 {
                result += "\r\n "
                count = 1
            }
            result.append(character)
            count += size
        }
        return result
    }

    static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return sign + String(format: "%02d%02d", minutes / 60, minutes % 60)
    }

    static func local(_ instant: Date, _ zone: TimeZone) -> String { stamp(instant, zone) }

    static func utc(_ instant: Date) -> String { stamp(instant, TimeZone(identifier: "UTC")!) + "Z" }

    private static func stamp(_ instant: Date, _ zone: TimeZone) -> String { WallClock(instant, zone: zone).compact }
}
