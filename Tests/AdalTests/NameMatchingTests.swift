import AdalCore
import AdalDomain
import AdalStore
import Foundation
import Testing

/// The name-matching rule (AdalDomain's NameKeys and DuplicateRule) against the corpus of
/// Fixtures/name-pairs.csv (written by make-name-pairs.py from the public transliteration rules).
@Suite("Names across scripts: the matching rule against the corpus")
struct NameMatchingTests {
    struct Pair {
        let stored, typed, kind, rule: String
    }

    static func corpus() throws -> [Pair] {
        let url = TestDatabase.packageRoot.appendingPathComponent("Tests/AdalTests/Fixtures/name-pairs.csv")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Pair(stored: fields[0], typed: fields[1], kind: fields[2], rule: fields[3])
        }
    }

    /// The share of `pairs` for which `test` holds.
    static func share(_ pairs: [Pair], _ test: (Pair) -> Bool) -> Double {
        pairs.isEmpty ? 0 : Double(pairs.filter(test).count) / Double(pairs.count)
    }

    @Test("the corpus: at least 200 pairs, Russian spellings of Kazakh and Uzbek names among them, at least 30 that must not match")
    func corpusShape() throws {
        let pairs = try Self.corpus()
        #expect(pairs.count >= 200)
        #expect(pairs.filter { $0.kind == "russian" }.count >= 40)
        #expect(pairs.filter { $0.kind == "different" }.count >= 30)
        #expect(Set(pairs.filter { $0.kind == "different" }.map(\.rule)) == ["given", "family", "sex"])
    }

    @Test("duplicates with the same birth date: recall on ordinary and Russian spellings, and no wrong person — the figures printed")
    func duplicates() throws {
        let pairs = try Self.corpus()
        let day = CivilDate("1990-04-12")
        func likely(_ pair: Pair) -> Bool {
            if case .likely = DuplicateRule.assess(nationalIDs: (nil, nil), birthDates: (day, day), names: (pair.stored, pair.typed)) {
                return true
            }
            return false
        }
        let ordinary = pairs.filter { $0.kind == "ordinary" }, russian = pairs.filter { $0.kind == "russian" }
        let different = pairs.filter { $0.kind == "different" }
        let (ordinaryRecall, russianRecall, wrong) = (Self.share(ordinary, likely), Self.share(russian, likely), Self.share(different, likely))
        print(String(format: "name matching, duplicates: ordinary %.3f (%d pairs), Russian spellings %.3f (%d), wrong %.3f (%d)",
                     ordinaryRecall, ordinary.count, russianRecall, russian.count, wrong, different.count))
        #expect(ordinaryRecall >= 0.95, "missed: \(ordinary.filter { !likely($0) }.map { "\($0.stored) ~ \($0.typed)" })")
        print("name matching, duplicates missed: \(pairs.filter { $0.kind != "different" && !likely($0) }.map { "\($0.stored) ~ \($0.typed)" })")
        #expect(russianRecall >= 0.75, "missed: \(russian.filter { !likely($0) }.map { "\($0.stored) ~ \($0.typed)" })")
        #expect(wrong <= 0.02, "taken for one person: \(different.filter(likely).map { "\($0.stored) ~ \($0.typed)" })")
        // Without the birth date, never a duplicate; the same national ID, always.
        let first = pairs[0]
        #expect(DuplicateRule.assess(nationalIDs: (nil, nil), birthDates: (day, nil), names: (first.stored, first.stored)) == .none)
        #expect(DuplicateRule.assess(nationalIDs: ("900412400123", "900412400123"), birthDates: (nil, nil), names: ("A", "B"))
                == .certain(reasons: ["national_id"]))
    }

    @Test("ranking every stored name of the corpus for each typed one by tokens matched, then letters shared: recall in the first five")
    func ranking() throws {
        let pairs = try Self.corpus()
        let stored = Array(Set(pairs.map(\.stored) + pairs.filter { $0.kind == "different" }.map(\.typed))).sorted()
        let keys = stored.map(NameKeys.init)
        func trigrams(_ text: String) -> Set<String> {
            let padded = Array("  " + text + " ")
            return Set((0..<(padded.count - 2)).map { String(padded[$0..<($0 + 3)]) })
        }
        let storedTrigrams = stored.map { trigrams(SearchKey.make($0)) }
        func firstFive(_ typed: String) -> [String] {
            let mine = NameKeys(typed), grams = trigrams(SearchKey.make(typed))
            return stored.indices.map { index -> (Int, Double, Int) in
                let matched = mine.matched(by: keys[index]).count
                let shared = Double(grams.intersection(storedTrigrams[index]).count) / Double(grams.union(storedTrigrams[index]).count)
                return (matched, shared, index)
            }.sorted { ($0.0, $0.1) > ($1.0, $1.1) }.prefix(5).map { stored[$0.2] }
        }
        let ordinary = pairs.filter { $0.kind == "ordinary" }, russian = pairs.filter { $0.kind == "russian" }
        let found = { (pair: Pair) in firstFive(pair.typed).contains(pair.stored) }
        let (ordinaryRecall, russianRecall) = (Self.share(ordinary, found), Self.share(russian, found))
        print(String(format: "name matching, ranking among %d names: recall@5 ordinary %.3f, Russian spellings %.3f",
                     stored.count, ordinaryRecall, russianRecall))
        #expect(ordinaryRecall >= 0.98, "missed: \(ordinary.filter { !found($0) }.map(\.typed))")
        #expect(russianRecall >= 0.875, "missed: \(russian.filter { !found($0) }.map(\.typed))")
    }

    @Test("search through the database: the corpus's people among 20,000 generated ones, each typed spelling looked for — recall in the first five, printed", .timeLimit(.minutes(5)))
    func databaseSearch() async throws {
        let pairs = try Self.corpus()
        try await TestDatabase.withTarget { target in
            try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                _ = try await SyntheticWorld(context).generate(.init(people: 20_000, events: 0, participations: 0), force: true, actor: "test")
                let meetings = Meetings(context)
                for name in Set(pairs.filter { $0.kind != "different" }.map(\.stored)).sorted() {
                    _ = try await meetings.addPerson(NewPersonForm(name: name), regionCode: "KZ-35", actor: "test")
                }
                var found: [String: Bool] = [:]
                for pair in pairs where pair.kind != "different" {
                    let firstFive = try await Directory(context).people(matching: pair.typed, limit: 5).map(\.fullName)
                    found[pair.stored + "|" + pair.typed] = firstFive.contains(pair.stored)
                }
                func recall(_ kind: String) -> (Double, [String]) {
                    let these = pairs.filter { $0.kind == kind }
                    let missed = these.filter { found[$0.stored + "|" + $0.typed] != true }.map(\.typed)
                    return (Double(these.count - missed.count) / Double(these.count), missed)
                }
                let (ordinary, ordinaryMissed) = recall("ordinary"), (russian, russianMissed) = recall("russian")
                print(String(format: "name matching, database search among 20,000 generated people: recall@5 ordinary %.3f, Russian spellings %.3f",
                             ordinary, russian))
                #expect(ordinary >= 0.98, "missed: \(ordinaryMissed)")
                #expect(russian >= 0.875, "missed: \(russianMissed)")
            }
        }
    }

    @Test("an application in Latin from a volunteer registered in Cyrillic, born the same day, lists the volunteer as a possible duplicate; another given name or another day does not; the search says how it matched")
    func applicationDuplicates() async throws {
        try await TestDatabase.withTarget { target in
            let cli = CLI(databaseURL: target.url(includingPassword: true), home: NSTemporaryDirectory() + "adal-\(UUID().uuidString)",
                          environment: ["ADAL_BCRYPT_COST": "4"])
            #expect(try await cli.run("db", "seed").status == 0)
            let registered = try await cli.run("volunteers", "add", "--last-name", "Бөлекпаев", "--first-name", "Ермағанбет",
                                               "--national-id", WeekWalkTests.iin("900412", serial: "0001"), "--country", "KZ",
                                               "--region", "KZ-35", "--areas", "awareness", "--consent", "v1", "--format", "json")
            #expect(registered.status == 0, "\(registered.stderr)")
            func application(_ last: String, _ first: String, born: String) async throws -> String {
                let added = try await cli.run("applications", "add", "--last-name", last, "--first-name", first, "--birth-date", born,
                                              "--region", "KZ-35", "--format", "json")
                #expect(added.status == 0, "\(added.stderr)")
                let id = try #require((try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any])?["id"] as? String)
                return try await cli.run("applications", "show", id).stdout
            }
            // The same person: Latin and given name first; a Russian spelling (ө as у).
            let latin = try await application("Ermağanbet", "Bölekpaev", born: "1990-04-12")
            #expect(latin.contains("possible duplicate") && latin.contains("Бөлекпаев Ермағанбет (name_and_birth_date)"), "\(latin)")
            let russian = try await application("Булекпаев", "Ермаганбет", born: "1990-04-12")
            #expect(russian.contains("Бөлекпаев Ермағанбет (name_and_birth_date)"), "\(russian)")
            // Not the same person: another given name, or another day.
            let other = try await application("Bölekpaev", "Erlan", born: "1990-04-12")
            #expect(!other.contains("Бөлекпаев Ермағанбет"), "\(other)")
            let otherDay = try await application("Bölekpaev", "Ermağanbet", born: "1990-04-13")
            #expect(!otherDay.contains("Бөлекпаев Ермағанбет"), "\(otherDay)")

            let found = try await cli.run("volunteers", "search", "BULEKPAEV ERMAGANBET")
            #expect(found.stdout.contains("Бөлекпаев Ермағанбет") && found.stdout.contains("2/2 phonetic"), "\(found.stdout)")
        }
    }

    @Test("a volunteer registered in Latin or a Russian spelling, born the same day as one registered in Kazakh, is told of them as a possible duplicate, and their page lists them; another given name is not")
    func volunteerDuplicates() async throws {
        try await TestDatabase.withTarget { target in
            let cli = CLI(databaseURL: target.url(includingPassword: true), home: NSTemporaryDirectory() + "adal-\(UUID().uuidString)",
                          environment: ["ADAL_BCRYPT_COST": "4"])
            #expect(try await cli.run("db", "seed").status == 0)
            func register(_ last: String, _ first: String, serial: String) async throws -> (id: String, told: String) {
                let added = try await cli.run("volunteers", "add", "--last-name", last, "--first-name", first,
                                              "--national-id", WeekWalkTests.iin("900412", serial: serial), "--country", "KZ",
                                              "--region", "KZ-35", "--areas", "awareness", "--consent", "v1", "--format", "json")
                #expect(added.status == 0, "\(added.stderr)")
                let id = try #require((try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any])?["id"] as? String)
                return (id.lowercased(), added.stderr)
            }
            let first = try await register("Бөлекпаев", "Ермағанбет", serial: "0001")
            #expect(!first.told.contains("possible duplicate"), "\(first.told)")
            let russian = try await register("Булекпаев", "Ермаганбет", serial: "0002")
            #expect(russian.told.contains("possible duplicate: volunteer \(first.id) Бөлекпаев Ермағанбет (birth_date, name_phonetic)"),
                    "\(russian.told)")
            let latin = try await register("ERMAGANBET", "BOLEKPAEV", serial: "0003")
            #expect(latin.told.contains("volunteer \(first.id) Бөлекпаев Ермағанбет (birth_date, name_skeleton)"), "\(latin.told)")
            let other = try await register("Bölekpaev", "Erlan", serial: "0004")
            #expect(!other.told.contains("possible duplicate"), "\(other.told)")

            let shown = try await cli.run("volunteers", "show", russian.id)
            #expect(shown.stdout.contains("possible duplicate") && shown.stdout.contains(first.id) && shown.stdout.contains(latin.id),
                    "\(shown.stdout)")
            #expect(!shown.stdout.contains(other.id), "\(shown.stdout)")
            // Each is found by the other spellings through the volunteers' own keys.
            let found = try await cli.run("volunteers", "search", "Бөлекпаев Ермағанбет", "--format", "json")
            for id in [first.id, russian.id, latin.id] { #expect(found.stdout.lowercased().contains(id), "\(found.stdout)") }
            #expect(!found.stdout.lowercased().contains(other.id), "\(found.stdout)")
        }
    }

    @Test("people stored before name keys are given theirs by adal db migrate, audited; then found by a Russian spelling")
    func keysRebuilt() async throws {
        try await TestDatabase.withTarget { target in
            let cli = CLI(databaseURL: target.url(includingPassword: true), home: NSTemporaryDirectory() + "adal-\(UUID().uuidString)",
                          environment: ["ADAL_BCRYPT_COST": "4"])
            #expect(try await cli.run("db", "seed").status == 0)
            // As the rows were before migration 0038.
            _ = try await ReminderTests.query(target, "UPDATE people SET name_keys = '{}'")
            let before = try await ReminderTests.query(target, "SELECT count(*)::int FROM people WHERE name_keys = '{}'")[0].decode(Int.self)
            #expect(before > 10)
            let migrated = try await cli.run("db", "migrate")
            #expect(migrated.status == 0, "\(migrated.stderr)")
            #expect(try await ReminderTests.query(target, "SELECT count(*)::int FROM people WHERE name_keys = '{}'")[0].decode(Int.self) == 0)
            let audited = try await ReminderTests.query(target, """
                SELECT after::text FROM audit_entries WHERE action = 'database.migrate' ORDER BY id DESC LIMIT 1
                """)[0].decode(String.self)
            #expect(audited.contains("\"name_keys_given\": [\"\(before)\"]") || audited.contains("\"name_keys_given\":[\"\(before)\"]"), "\(audited)")
            let keys = try await ReminderTests.query(target, "SELECT name_keys::text FROM people WHERE full_name = 'Ермағанбет Бөлекпаев' OR full_name = 'Бөлекпаев Ермағанбет' LIMIT 1")
            #expect(try keys.first?.decode(String.self) == "{ermaganbet,bolekpaev,bulekpaev}", "\(keys.count)")
            // Volunteers carry their person's keys (migration 0041's triggers), rebuilt with them.
            let volunteers = try await ReminderTests.query(target, """
                SELECT count(*)::int, count(*) FILTER (WHERE v.name_keys IS DISTINCT FROM p.name_keys)::int
                FROM volunteers v JOIN people p ON p.id = v.person_id
                """)[0].decode((Int, Int).self)
            #expect(volunteers.0 > 5 && volunteers.1 == 0, "\(volunteers)")
        }
    }
}
