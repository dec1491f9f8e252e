@testable import AdalCore
import AdalDomain
import AdalIntake
import AdalStore
import Foundation
import Testing

/// Issue 25's reference data and the small rules under it: every first-level unit of the three
/// countries, offices known by their full names, short IDs, display names, volunteers' standing.
@Suite("Reference data, names and short forms")
struct ReferenceDataTests {
    @Test("the seeds hold every first-level unit of KZ (17 regions, 3 cities) and AZ, each with a real time zone and five names")
    func everyRegion() throws {
        let world = try Seeding.read(directory: TestDatabase.seedsDirectory)
        let kazakh = world.regions.filter { $0.parent == "KZ" }
        #expect(kazakh.count == 20)
        #expect(kazakh.filter { $0.names["ru"]?.hasPrefix("город ") == true }.map(\.code).sorted() == ["KZ-71", "KZ-75", "KZ-79"])
        #expect(world.regions.filter { $0.parent == "UZ" }.count == 14)
        let azerbaijani = world.regions.filter { $0.code.hasPrefix("AZ-") }
        #expect(azerbaijani.count >= 78 && azerbaijani.contains { $0.code == "AZ-BA" } && azerbaijani.contains { $0.code == "AZ-SAR" })
        for region in world.regions {
            #expect(TimeZone(identifier: region.timeZone) != nil, "\(region.code): \(region.timeZone)")
            #expect(Set(region.names.keys) == ["kk", "ru", "uz", "az", "en"], "\(region.code) names \(region.names.keys.sorted())")
            #expect(!(region.names["uz"] ?? "").contains("\u{2018}"), "\(region.code): Uzbek is written with ʻ")
        }
        #expect(world.plans.contains { $0.country == .kz } && world.plans.contains { $0.country == .uz })
        // Every Kazakh unit has an office of the Agency to write to.
        let officeRegions = Set(world.offices.map(\.region))
        #expect(kazakh.allSatisfy { officeRegions.contains($0.code) }, "\(kazakh.map(\.code).filter { !officeRegions.contains($0) })")
    }

    @Test("Azerbaijan's holidays on a rest day move to the next working day, so a due date there skips them")
    func azerbaijanTransfers() async throws {
        try await TestDatabase.withDatabase { context in
            _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
            let calendar = try await context.database.withConnection { connection in
                try await context.calendars.calendar(for: .az, on: connection)
            }
            // Novruz 2025: 20–24 March, with the 22nd and 23rd (a weekend) moved to the 25th and 26th.
            #expect(!calendar.isWorkingDay(CivilDate("2025-03-25")!) && !calendar.isWorkingDay(CivilDate("2025-03-26")!))
            #expect(calendar.isWorkingDay(CivilDate("2025-03-27")!))
            #expect(!calendar.isWorkingDay(CivilDate("2025-11-10")!) && !calendar.isWorkingDay(CivilDate("2025-11-11")!))
            // From Wednesday 19 March, five working days: 27 and 28 March, then (31 March is Ramadan, 1 April
            // Ramadan's Sunday moved) 2, 3 and 4 April. Without the transfers it was 1 April.
            #expect(calendar.adding(workingDays: 5, to: CivilDate("2025-03-19")!) == CivilDate("2025-04-04"))
        }
    }

    @Test("an office's name compares without case, quotes, dash kinds or extra spaces")
    func officeNameKeys() {
        let written = "«Управление превенции  Департамента Агентства по противодействию коррупции по Карагандинской области»"
        #expect(OfficeName.key(written) == OfficeName.key("управление превенции департамента агентства по противодействию коррупции по карагандинской области"))
        #expect(OfficeName.key("ҚР Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі") == OfficeName.key("ҚР сыбайлас жемқорлыққа қарсы іс–қимыл агенттігі"))
        #expect(OfficeName.key("«»  ") == "")
        #expect(OfficeName.key("Департамент по Кызылординской области") != OfficeName.key("Департамент по Карагандинской области"))
    }

    @Test("short IDs are a UUID's last 8 hex digits; a reference is a UUID, a short ID or (for people) a national ID")
    func shortForms() {
        let id = UUID(uuidString: "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")!
        #expect(ShortID.of(id) == "2e3f4a5b")
        #expect(RecordReference.parse("2E3F4A5B") == .short("2e3f4a5b"))
        #expect(RecordReference.parse(id.uuidString) == .uuid(id))
        #expect(RecordReference.parse("950402400128", people: true) == .nationalID("950402400128"))
        #expect(RecordReference.parse("5ZN2X7K", people: true) == .nationalID("5ZN2X7K"))
        #expect(RecordReference.parse("Aliyeva", people: true) == nil, "a seven-letter name is not a FIN")
        #expect(RecordReference.parse("950402400128") == nil, "national IDs only where people are meant")
    }

    @Test("From names read as RFC 5322 writes them: \"Family, Given\" is family first; quoted pairs and comments")
    func displayNames() {
        let comma = MailboxAddress.parse(#""Ахметова, Дана Серікқызы" <dana@example.kz>"#)
        #expect(comma.address == "dana@example.kz")
        #expect(comma.personName.last == "Ахметова" && comma.personName.first == "Дана" && comma.personName.middle == "Серікқызы")
        let plain = MailboxAddress.parse("Dana Akhmetova <dana@example.kz>").personName
        #expect(plain.last == "Akhmetova" && plain.first == "Dana")
        let commented = MailboxAddress.parse("dana@example.kz (Akhmetova, Dana)")
        #expect(commented.address == "dana@example.kz" && commented.personName.last == "Akhmetova")
        let escaped = MailboxAddress.parse(#""O\"Brien, Pat" (work) <pat@example.kz>"#)
        #expect(escaped.name == "O\"Brien, Pat" && escaped.address == "pat@example.kz")
        #expect(MailboxAddress.parse("plain@example.kz") == MailboxAddress(name: nil, address: "plain@example.kz"))
    }

    @Test("a volunteer is suspended, withdrawn and reinstated only from a status that allows it")
    func standing() throws {
        #expect(try VolunteerStatusChange.suspend.status(from: .active) == .suspended)
        #expect(try VolunteerStatusChange.reinstate.status(from: .withdrawn) == .active)
        #expect(throws: FieldError.self) { try VolunteerStatusChange.suspend.status(from: .withdrawn) }
        #expect(throws: FieldError.self) { try VolunteerStatusChange.reinstate.status(from: .active) }
    }
}
