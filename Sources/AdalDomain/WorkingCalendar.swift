import Foundation

/// A country's working days: Monday to Friday, minus public holidays, plus weekend days
/// declared working (when a holiday's day off is transferred).
public struct WorkingCalendar: Sendable {
    public let holidays: Set<CivilDate>
    public let transferredWorkingDays: Set<CivilDate>

    public init(holidays: Set<CivilDate>, transferredWorkingDays: Set<CivilDate>) {
        self.holidays = holidays
        self.transferredWorkingDays = transferredWorkingDays
    }

    public func isWorkingDay(_ date: CivilDate) -> Bool {
        if transferredWorkingDays.contains(date) { return true }
        if holidays.contains(date) { return false }
        return !date.isWeekend
    }

    /// The date `days` working days after `start` (the day of receipt does not count).
    public func adding(workingDays days: Int, to start: CivilDate) -> CivilDate {
        var date = start
        var remaining = days
        while remaining > 0 {
            date = date.next
            if isWorkingDay(date) { remaining -= 1 }
        }
        return date
    }

    /// Working days from `start` (exclusive) to `end` (inclusive); 0 when `end` is not after `start`.
    public func workingDays(from start: CivilDate, to end: CivilDate) -> Int {
        var count = 0
        var date = start
        while date < end {
            date = date.next
            if isWorkingDay(date) { count += 1 }
        }
        return count
    }
}

extension CivilDate {
    /// Days since 1970-01-01 (proleptic Gregorian), for weekday and day arithmetic.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` calendar days later (earlier when negative).
    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    public init(dayNumber z: Int) {
        let z = z + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)!
    }

    public var next: CivilDate { CivilDate(dayNumber: dayNumber + 1) }

    /// 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        let weekday = (dayNumber + 3) % 7  // 1970-01-01 was a Thursday
        return (weekday < 0 ? weekday + 7 : weekday) + 1
    }

    public var isWeekend: Bool { isoWeekday >= 6 }

    /// The civil date of `instant` in the IANA zone `zone` (UTC when the zone is unknown).
    public init(_ instant: Date, zone: String) {
        self.init(instant, zone: TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!)
    }
}
