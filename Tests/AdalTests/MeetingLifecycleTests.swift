@testable import AdalCore
import AdalDomain
import AdalStore
import Foundation
import Testing

/// Issue 26's lifecycle: what staff mean when they hold, decide, invite and postpone; a council's one chair.
@Suite("Meetings that do what staff mean")
struct MeetingLifecycleTests {
    func seeded(_ context: AdalContext) async throws {
        _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
    }

    /// Local time `yyyy-MM-ddTHH:mm` in Almaty `hours` from now.
    static func local(hoursFromNow hours: Double) -> String {
        LocalTime.format(Date().addingTimeInterval(hours * 3600), zone: "Asia/Almaty").replacingOccurrences(of: " ", with: "T")
    }

    @Test("a future event is not held; holding merges the attendance given with what is recorded, --absent takes back; decisions wait for the meeting; no invitations to a cancelled event")
    func holdingAndItsOrder() async throws {
        try await TestDatabase.withDatabase { context in
            try await seeded(context)
            let meetings = Meetings(context)
            let future = try await meetings.schedule(.init(kind: "seminar", format: "in_person", title: "Алдағы семинар", venue: "Қарағанды",
                                                           regionCode: "KZ-35", starts: Self.local(hoursFromNow: 48)), actor: "t")
            let early = await #expect(throws: ValidationFailure.self) {
                try await meetings.hold(future.id.uuidString, present: [], withoutQuorum: false, reason: nil, minutes: nil, actor: "t")
            }
            #expect(early?.errors.first?.reason.contains("once it has begun") == true, "\(String(describing: early))")
            let planned = await #expect(throws: ValidationFailure.self) {
                try await Decisions(context).decide(eventID: future.id.uuidString, agendaPosition: nil, text: "Шешім", actor: "t")
            }
            #expect(planned?.errors.first?.field == "status")

            let past = try await meetings.schedule(.init(kind: "seminar", format: "in_person", title: "Өткен семинар", venue: "Қарағанды",
                                                         regionCode: "KZ-35", starts: Self.local(hoursFromNow: -3)), actor: "t")
            let id = past.id.uuidString
            var people: [UUID] = []
            for name in ["Бірінші Адам", "Екінші Адам", "Үшінші Адам"] {
                let person = try await meetings.addPerson(NewPersonForm(name: name), regionCode: "KZ-35", actor: "t")
                _ = try await meetings.invite(id, person: .known(person.uuidString), role: "participant", actor: "t")
                people.append(person)
            }
            _ = try await meetings.recordAttendance(id, rows: [(people[0].uuidString, true), (people[1].uuidString, true)], actor: "t")
            // Named present: the third is added; named absent: the second is taken off; the first stays.
            let report = try await meetings.hold(id, present: ["Үшінші Адам"], absent: [people[1].uuidString], withoutQuorum: false,
                                                 reason: nil, minutes: nil, actor: "t")
            #expect(report.attended == 2)
            let held = try await Directory(context).event(id)
            #expect(Set(held.participants.filter { $0.attendance == .attended }.map(\.personID)) == [people[0], people[2]])
            _ = try await Decisions(context).decide(eventID: id, agendaPosition: nil, text: "Шешім қабылданды", actor: "t")

            let cancelled = try await meetings.schedule(.init(kind: "seminar", format: "in_person", title: "Болмайтын семинар",
                                                              venue: "Қарағанды", regionCode: "KZ-35",
                                                              starts: Self.local(hoursFromNow: 72)), actor: "t")
            _ = try await meetings.cancel(cancelled.id.uuidString, reason: "зал жоқ", actor: "t")
            let invitation = await #expect(throws: ValidationFailure.self) {
                try await meetings.invite(cancelled.id.uuidString, person: .known(people[0].uuidString), role: "participant", actor: "t")
            }
            #expect(invitation?.errors.first?.field == "status")
        }
    }

    @Test("postponed to a new start keeps its length; until further notice it has no times and its old ones stay in its history")
    func postponing() async throws {
        try await TestDatabase.withDatabase { context in
            try await seeded(context)
            let meetings = Meetings(context)
            let event = try await meetings.schedule(.init(kind: "seminar", format: "in_person", title: "Семинар", venue: "Қарағанды",
                                                          regionCode: "KZ-35", starts: "2027-02-10T10:00", ends: "2027-02-10T12:30"),
                                                    actor: "t")
            let moved = try await meetings.postpone(event.id.uuidString, starts: "2027-02-17T15:00", ends: nil, reason: "зал", actor: "t")
            #expect(moved.status == .planned)
            #expect(moved.endsAt.map { LocalTime.format($0, zone: "Asia/Almaty") } == "2027-02-17 17:30")
            let open = try await meetings.postpone(event.id.uuidString, starts: nil, ends: nil, reason: "спикер", actor: "t")
            #expect(open.status == .postponed && open.startsAt == nil && open.endsAt == nil)
            let history = try await context.database.withConnection { connection in
                try await connection.query("SELECT count(*)::int FROM event_changes WHERE event_id = \(event.id) AND kind = 'postponed' AND from_starts_at IS NOT NULL",
                                           logger: context.logger).collect().first!.decode(Int.self)
            }
            #expect(history == 2)
            #expect(try await Directory(context).postponedUntilFurtherNotice().contains { $0.id == event.id })
            let noTime = await #expect(throws: ValidationFailure.self) {
                try await meetings.hold(event.id.uuidString, present: [], withoutQuorum: false, reason: nil, minutes: nil, actor: "t")
            }
            #expect(noTime?.errors.first?.reason.contains("no time") == true)
        }
    }

    @Test("a council has one chair at a time: a new chair ends the old one's term; end-term; a member must be reachable")
    func oneChair() async throws {
        try await TestDatabase.withDatabase { context in
            try await seeded(context)
            let meetings = Meetings(context)
            let before = try await Directory(context).council("KAR-COMM")
            let oldChair = try #require(before.members.first { $0.role == .chair && $0.termTo == nil }?.personID)
            let unreachable = await #expect(throws: ValidationFailure.self) {
                try await meetings.addMember(councilCode: "KAR-COMM", person: .new(NewPersonForm(name: "Байланыссыз Мүше")),
                                             role: "member", position: nil, termFrom: nil, termTo: nil, actor: "t")
            }
            #expect(unreachable?.errors.first?.reason.contains("reached") == true)
            let after = try await meetings.addMember(councilCode: "KAR-COMM",
                                                     person: .new(NewPersonForm(name: "Жаңа Төраға", email: "chair@kar.example.kz")),
                                                     role: "chair", position: "төраға", termFrom: "2026-09-01", termTo: nil, actor: "t")
            let chairs = after.members.filter { $0.role == .chair }
            #expect(chairs.filter { $0.termTo == nil }.count == 1 && chairs.first { $0.termTo == nil }?.fullName == "Жаңа Төраға")
            #expect(chairs.first { $0.personID == oldChair }?.termTo == CivilDate("2026-08-31"))
            let member = try #require(chairs.first { $0.termTo == nil }?.personID)
            let ended = try await meetings.endTerm(councilCode: "KAR-COMM", personID: member.uuidString, lastDay: "2026-11-30", actor: "t")
            #expect(ended.members.first { $0.personID == member }?.termTo == CivilDate("2026-11-30"))
            let again = await #expect(throws: ValidationFailure.self) {
                try await meetings.endTerm(councilCode: "KAR-COMM", personID: member.uuidString, lastDay: "2026-12-31", actor: "t")
            }
            #expect(again?.errors.first?.field == "person")
        }
    }
}
