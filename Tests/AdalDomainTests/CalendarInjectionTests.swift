@testable import AdalDomain
import Foundation
import Testing

/// Text a coordinator typed cannot write lines of its own into a calendar: a link with a line
/// break is refused at input, and what reaches the `.ics` anyway has no control characters.
@Suite("Calendars and line breaks")
struct CalendarInjectionTests {
    static let hostile = "https://meet.example.kz/room\r\nATTENDEE:mailto:everyone@example.kz\nX-EVIL:1"

    @Test("an event's link with a line break, a tab or a space is refused on 'link'; a plain one passes")
    func linksWithLineBreaksAreRefused() throws {
        for link in [Self.hostile, "https://meet.example.kz/a\tb", "https://meet.example.kz/a b", "https://a.kz/\u{7}"] {
            #expect(EventSchedule.linkProblem(link) != nil, "\(link.debugDescription)")
            let form = EventScheduleForm(kind: "seminar", format: "online", title: "Онлайн семинар", link: link,
                                         regionCode: "KZ-35", starts: "2026-12-20T10:00")
            #expect(throws: ValidationFailure.self) { try EventSchedule.validate(form, zone: "Asia/Almaty") }
            do {
                _ = try EventSchedule.validate(form, zone: "Asia/Almaty")
            } catch let failure as ValidationFailure {
                #expect(failure.errors.map(\.field) == ["link"])
            }
        }
        #expect(EventSchedule.linkProblem("https://meet.example.kz/room?id=7&pw=x") == nil)
    }

    @Test("what reaches the calendar anyway (an older record, an organiser's name) adds no property")
    func calendarsCarryNoControlCharacters() {
        let calendar = ICalendar(uid: "e1@adal", sequence: 0, title: "Семинар\r\nX-TITLE:1", description: "Бір\nЕкі",
                                 location: nil, url: Self.hostile, startsAt: Date(timeIntervalSince1970: 1_800_000_000),
                                 endsAt: nil, timeZone: "Asia/Almaty", cancelled: false,
                                 organizerName: "Office\r\nX-ORG:1", organizerEmail: "kar@example.kz\r\nX-MAIL:1",
                                 stamp: Date(timeIntervalSince1970: 1_800_000_000))
        let lines = calendar.text.components(separatedBy: "\r\n").filter { !$0.hasPrefix(" ") }
        let names = lines.compactMap { $0.split(separator: ":", maxSplits: 1).first.map(String.init) }
        #expect(!names.contains { $0.hasPrefix("ATTENDEE") || $0.hasPrefix("X-") }, "\(lines)")
        #expect(names.filter { $0 == "URL" }.count == 1)
        #expect(!calendar.text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }
}
