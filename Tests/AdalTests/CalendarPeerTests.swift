@testable import AdalDomain
import Foundation
import Testing

/// Adal's calendars as a calendar program reads them (Python's icalendar): text a coordinator typed,
/// however hostile, stays the value it was and adds no event or property.
@Suite("Calendars read by icalendar")
struct CalendarPeerTests {
    @Test("a title, place and description with line breaks, commas, semicolons, backslashes and long Kazakh text come back as given, in one event; a stored link with CR LF adds nothing")
    func textRoundTrips() async throws {
        let title = "Қоғамдық тыңдау; бюджет, 2027\r\nATTENDEE:mailto:all@example.kz\nEND:VEVENT\\BEGIN:VEVENT"
        let place = String(repeating: "Қарағанды облысы әкімдігі, мәжіліс залы; ", count: 4)
        let description = "Бірінші жол\nЕкінші жол\u{7}, үтір; нүктелі үтір \\ кері сызық"
        let link = "https://meet.example.kz/room\r\nATTENDEE:mailto:everyone@example.kz"
        let calendar = ICalendar(uid: "e1@adal", sequence: 2, title: title, description: description, location: place,
                                 url: link, startsAt: Date(timeIntervalSince1970: 1_800_000_000), endsAt: nil,
                                 timeZone: "Asia/Almaty", cancelled: false, organizerName: "Office\r\nX-ORG:1",
                                 organizerEmail: "kar@example.kz", stamp: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(calendar.text.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 }, "folded at 75 octets")

        let read = try await Self.read(calendar.text)
        #expect(read["events"] as? Int == 1)
        #expect(read["attendees"] as? Int == 0)
        #expect(read["summary"] as? String == title.replacingOccurrences(of: "\r\n", with: "\n"))
        #expect(read["location"] as? String == place)
        #expect(read["description"] as? String == description.replacingOccurrences(of: "\u{7}", with: ""))
        #expect(read["url"] as? String == "https://meet.example.kz/roomATTENDEE:mailto:everyone@example.kz")
    }

    static func read(_ text: String) async throws -> [String: Any] {
        try await runPython("""
            import sys, json, icalendar
            calendar = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
            events = list(calendar.walk('VEVENT'))
            event = events[0]
            print(json.dumps({'events': len(events), 'attendees': len(event.get('ATTENDEE', [])),
                              'summary': str(event['SUMMARY']), 'location': str(event['LOCATION']),
                              'description': str(event['DESCRIPTION']), 'url': str(event['URL'])}))
            """, input: text, what: "the calendar")
    }
}
