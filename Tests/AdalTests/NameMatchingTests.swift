import AdalDomain
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
}
