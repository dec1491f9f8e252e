import AdalDomain
import Foundation
import Testing

@Suite("Working days and export times")
struct CalendarAndTimeTests {
    let calendar = WorkingCalendar(holidays: [CivilDate("2026-11-05")!], transferredWorkingDays: [CivilDate("2026-11-14")!])

    @Test("working days skip weekends and holidays and count a transferred Saturday")
    func workingDays() {
        #expect(CivilDate("2026-11-23")!.isoWeekday == 1)
        #expect(!calendar.isWorkingDay(CivilDate("2026-11-05")!))
        #expect(calendar.isWorkingDay(CivilDate("2026-11-14")!))
        #expect(!calendar.isWorkingDay(CivilDate("2026-11-15")!))
        #expect(calendar.adding(workingDays: 15, to: CivilDate("2026-11-02")!) == CivilDate("2026-11-23"))
        #expect(calendar.adding(workingDays: 1, to: CivilDate("2026-11-04")!) == CivilDate("2026-11-06"))
        #expect(calendar.workingDays(from: CivilDate("2026-11-02")!, to: CivilDate("2026-11-23")!) == 15)
        let plain = WorkingCalendar(holidays: [], transferredWorkingDays: [])
        #expect(plain.adding(workingDays: 15, to: CivilDate("2026-12-25")!) == CivilDate("2027-01-15"))
    }

    @Test("day numbers round-trip across leap years and centuries", arguments: ["1970-01-01", "2000-02-29", "1900-03-01", "2026-11-23", "1969-12-31"])
    func dayNumbers(text: String) {
        let date = CivilDate(text)!
        #expect(CivilDate(dayNumber: date.dayNumber) == date)
        #expect(date.next.dayNumber == date.dayNumber + 1)
    }

    @Test("ISO 8601 with an offset, and dd.MM.yyyy HH:mm in the region's zone")
    func times() throws {
        let utc = try #require(Timestamp.iso8601("2026-11-02T10:15:00+05:00"))
        #expect(utc == Date(timeIntervalSince1970: 1_793_596_500))
        #expect(Timestamp.iso8601("2026-11-02T05:15:00Z") == utc)
        #expect(Timestamp.iso8601("2026-11-02T05:15:00.500Z") == utc.addingTimeInterval(0.5))
        #expect(Timestamp.iso8601("2026-11-02T10:15+0500") == utc)
        #expect(Timestamp.iso8601("2026-11-02T10:15:00") == nil)
        #expect(Timestamp.iso8601("2026-13-02T10:15:00Z") == nil)
        let almaty = TimeZone(identifier: "Asia/Almaty")!
        #expect(Timestamp.dottedLocal("02.11.2026 10:15", zone: almaty) == utc)
        #expect(Timestamp.dottedLocal("31.11.2026 10:15", zone: almaty) == nil)
        let baku = TimeZone(identifier: "Asia/Baku")!
        #expect(Timestamp.dottedLocal("02.11.2026 09:15", zone: baku) == utc)
        #expect(CivilDate(Date(timeIntervalSince1970: 1_793_653_200), zone: almaty) == CivilDate("2026-11-03"))
        #expect(CivilDate(Date(timeIntervalSince1970: 1_793_653_200), zone: TimeZone(identifier: "UTC")!) == CivilDate("2026-11-02"))
    }

    @Test("the workflow allows only its transitions")
    func workflow() throws {
        #expect(try ApplicationWorkflow.apply(.screen, to: .received) == .screening)
        #expect(try ApplicationWorkflow.apply(.requestInfo, to: .screening) == .needsInfo)
        #expect(try ApplicationWorkflow.apply(.screen, to: .needsInfo) == .screening)
        #expect(try ApplicationWorkflow.apply(.accept, to: .screening) == .accepted)
        #expect(try ApplicationWorkflow.apply(.withdraw, to: .needsInfo) == .withdrawn)
        for closed in [ApplicationStatus.accepted, .rejected, .withdrawn] {
            for action in ApplicationAction.allCases {
                #expect(throws: FieldError.self) { try ApplicationWorkflow.apply(action, to: closed) }
            }
        }
        #expect { try ApplicationWorkflow.apply(.accept, to: .received) } throws: { "\($0)".contains("allowed from: screening") }
    }

    @Test("Windows-1251 and KOI8-R decode Cyrillic")
    func charsets() {
        #expect(SingleByteCharset.windows1251.decode([0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2]) == "Привет")
        #expect(SingleByteCharset.koi8r.decode([0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4]) == "Привет")
        #expect(SingleByteCharset(label: "CP1251") == .windows1251)
    }
}
