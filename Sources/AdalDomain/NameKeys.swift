/// The keys that identify a person's name across the scripts and spellings the offices meet:
/// Kazakh Cyrillic and the 2021 Kazakh Latin alphabet (Қалымбет Мөлдір, Qalymbet Möldır), passport
/// Latin after ICAO 9303 (KALYMBET MOLDIR), Russian spellings (Калымбет Мольдир, Булекпаев for
/// Бөлекпаев), Uzbek Cyrillic and Latin with any apostrophe (Ўринов, Oʻrinov, O'rinov, O`rinov),
/// Azerbaijani with or without its letters (Əliyev, Aliyev, ALİYEV) — in any order, any case.
///
/// A name is split into tokens; each token has two keys:
/// - the **skeleton**: its Latin transliteration (`SearchKey`, one table for Kazakh, Russian,
///   Uzbek and Azerbaijani letters, apostrophes dropped, İ/ı/I as i, q/k, x/kh/h, zh/j, y/i folded);
/// - the **phonetic key**: the skeleton with what Russian spelling does to Kazakh and Uzbek names
///   undone — ө, ү, ұ written as о, у, ё or ю (one vowel u), ь and doubled letters, дж for ж. The
///   endings -ов/-ев, -ова/-ева stay: they tell a family name, and a man from a woman.
/// Two tokens match when either key is equal; two names match when every token of the shorter is
/// matched by a different token of the other.
public struct NameKeys: Sendable, Equatable {
    public struct Token: Sendable, Equatable, Hashable {
        public let skeleton: String
        public let phonetic: String
    }

    public let tokens: [Token]

    public init(_ name: String) {
        tokens = SearchKey.make(name).split(separator: " ").map { word in
            let skeleton = String(word)
            return Token(skeleton: skeleton, phonetic: Self.phonetic(skeleton))
        }
    }

    /// The keys to store and index: each token's skeleton and phonetic key, once each.
    public var stored: [String] {
        var seen = Set<String>()
        return tokens.flatMap { [$0.skeleton, $0.phonetic] }.filter { seen.insert($0).inserted }
    }

    /// How two tokens matched, the better first.
    public enum Basis: String, Sendable, Comparable {
        case skeleton, phonetic

        public static func < (a: Basis, b: Basis) -> Bool { a == .skeleton && b == .phonetic }
    }

    /// How many of `self`'s tokens `other` matches (each of its tokens used once), and on what: the
    /// skeleton when every match is on it, else phonetic.
    public func matched(by other: NameKeys) -> (count: Int, basis: Basis) {
        var free = other.tokens
        var count = 0
        var basis = Basis.skeleton
        // Exact skeletons first, so a phonetic match does not take a token another matches exactly.
        var pending: [Token] = []
        for token in tokens {
            if let index = free.firstIndex(where: { $0.skeleton == token.skeleton }) {
                free.remove(at: index)
                count += 1
            } else {
                pending.append(token)
            }
        }
        for token in pending {
            if let index = free.firstIndex(where: { $0.phonetic == token.phonetic }) {
                free.remove(at: index)
                count += 1
                basis = .phonetic
            }
        }
        return (count, basis)
    }

    /// Every token of the name with fewer tokens is matched by the other (at least two tokens: a
    /// family name alone says little), and on what.
    public func matchesWhole(_ other: NameKeys) -> Basis? {
        let (shorter, longer) = tokens.count <= other.tokens.count ? (self, other) : (other, self)
        guard shorter.tokens.count >= 2 || (shorter.tokens.count == 1 && longer.tokens.count == 1) else { return nil }
        let (count, basis) = shorter.matched(by: longer)
        return count == shorter.tokens.count && count > 0 ? basis : nil
    }

    /// The Russian spelling of a Kazakh or Uzbek token undone, on its skeleton.
    static func phonetic(_ skeleton: String) -> String {
        var text = skeleton
        // ё and ю written for ө and ү (Мёлдир, Тюлеген) after a consonant; дж for ж (Ходжаев, Хўжаев).
        for (from, to) in [("dj", "j"), ("io", "o"), ("iu", "u")] {
            text = text.replacingOccurrences(of: from, with: to)
        }
        var out = ""
        for character in text {
            // ө/ү/ұ become о or у in Russian, and Uzbek ў becomes у: one vowel.
            let folded: Character = character == "o" ? "u" : character
            // Doubled letters (Маммадов, Ахмеджанов/Ахмаджанов aside) are written single in Russian.
            if out.last == folded, folded != "i" { continue }
            out.append(folded)
        }
        return out
    }
}

/// Whether two records are one person: the same national ID is certain; the same birth date and a
/// name whose every token matches on a key is likely, with the reasons; nothing without the birth
/// date is ever a duplicate, however alike the names.
public enum DuplicateRule {
    public enum Assessment: Sendable, Equatable {
        case certain(reasons: [String])
        case likely(reasons: [String])
        case none
    }

    public static func assess(nationalIDs: (String?, String?), birthDates: (CivilDate?, CivilDate?),
                              names: (String, String)) -> Assessment {
        if let a = nationalIDs.0, let b = nationalIDs.1, !a.isEmpty, a == b {
            return .certain(reasons: ["national_id"])
        }
        guard let a = birthDates.0, let b = birthDates.1, a == b else { return .none }
        guard let basis = NameKeys(names.0).matchesWhole(NameKeys(names.1)) else { return .none }
        return .likely(reasons: ["birth_date", "name_" + basis.rawValue])
    }
}

/// Another record (a person, a volunteer, an open application) that may be the same person as the
/// one shown, and why (DuplicateRule).
public struct PossibleDuplicate: Codable, Sendable, Equatable {
    /// `person`, `volunteer` or `application`.
    public let kind: String
    public let id: String
    public let name: String
    /// `national_id` (certain) or `name_and_birth_date` (likely).
    public let matchedBy: String
    /// DuplicateRule's reasons: `national_id`; or `birth_date` with `name_skeleton` or `name_phonetic`.
    public let reasons: [String]

    public init(kind: String, id: String, name: String, matchedBy: String, reasons: [String]) {
        self.kind = kind
        self.id = id
        self.name = name
        self.matchedBy = matchedBy
        self.reasons = reasons
    }

    /// The record as DuplicateRule assesses it; nil when the rule says it is not the same person.
    public init?(kind: String, id: String, name: String, assessment: DuplicateRule.Assessment) {
        switch assessment {
        case let .certain(reasons): self.init(kind: kind, id: id, name: name, matchedBy: "national_id", reasons: reasons)
        case let .likely(reasons): self.init(kind: kind, id: id, name: name, matchedBy: "name_and_birth_date", reasons: reasons)
        case .none: return nil
        }
    }
}

/// How a search result's name matched the query: how many of the query's tokens it matched, of
/// how many, and on what — every match on the skeleton, some on the phonetic key, or none (found
/// by the letters it shares, trigram similarity).
public struct NameSearchMatch: Sendable, Codable, Equatable {
    public let tokensMatched: Int
    public let tokens: Int
    public let by: String

    public init(query: NameKeys, name: String) {
        let (count, basis) = query.matched(by: NameKeys(name))
        tokensMatched = count
        tokens = query.tokens.count
        by = count == 0 ? "similarity" : basis.rawValue
    }
}
