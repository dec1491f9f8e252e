import AdalDomain
import Foundation

/// The console's words in one language: every label, message and refusal, read from
/// `Catalogs/LANGUAGE.json` (one flat object, the same keys in every language).
struct Catalog: Sendable {
    let language: Language
    let texts: [String: String]

    /// The text for `key`; the key itself when missing, which the catalog test does not let happen.
    subscript(key: String) -> String { texts[key] ?? key }

    /// The text for `key` with each `{name}` replaced by its value.
    func format(_ key: String, _ values: [String: String]) -> String {
        values.reduce(self[key]) { text, pair in text.replacingOccurrences(of: "{\(pair.key)}", with: pair.value) }
    }

    /// A value of one of the domain's lists (a status, a kind, an area), by its catalog key
    /// `prefix_value`; the value as stored when the catalog has no word for it.
    func term(_ prefix: String, _ value: String) -> String { texts["\(prefix)_\(value)"] ?? value }
}

/// Every language's catalog, loaded once.
struct Catalogs: Sendable {
    let byLanguage: [Language: Catalog]

    static func load() throws -> Catalogs {
        var byLanguage: [Language: Catalog] = [:]
        for language in Language.allCases {
            guard let bytes = WebResources.catalogs[language.rawValue] else { throw MissingCatalog(language: language) }
            let texts = try JSONDecoder().decode([String: String].self, from: Data(bytes))
            byLanguage[language] = Catalog(language: language, texts: texts)
        }
        return Catalogs(byLanguage: byLanguage)
    }

    subscript(language: Language) -> Catalog { byLanguage[language]! }

    struct MissingCatalog: Error { let language: Language }
}

/// Which language a page is in: the one chosen on the page (a cookie), else the staff member's
/// own, else the first of the browser's `Accept-Language` that the console has, else English.
enum LanguageChoice {
    static let cookie = "adal_lang"

    static func pick(chosen: String?, staff: Language?, acceptLanguage: String?) -> Language {
        if let chosen, let language = Language(rawValue: chosen) { return language }
        if let staff { return staff }
        return fromAcceptLanguage(acceptLanguage) ?? .en
    }

    /// The highest-weighted language of the header the console has (`kk-KZ` counts as `kk`).
    static func fromAcceptLanguage(_ header: String?) -> Language? {
        guard let header else { return nil }
        let ranked = header.split(separator: ",").enumerated().compactMap { index, part -> (Language, Double, Int)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased(), !tag.isEmpty else { return nil }
            let primary = String(tag.split(separator: "-").first ?? "")
            guard let language = Language(rawValue: primary) else { return nil }
            var weight = 1.0
            for parameter in pieces.dropFirst() where parameter.hasPrefix("q=") {
                weight = Double(parameter.dropFirst(2)) ?? 0
            }
            return weight > 0 ? (language, weight, index) : nil
        }
        return ranked.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.2 < $1.2 }.first?.0
    }

    /// Each language's name in itself, for the switch on every page.
    static let ownNames: [(Language, String)] = [
        (.kk, "Қазақша"), (.ru, "Русский"), (.uz, "Oʻzbekcha"), (.az, "Azərbaycanca"), (.en, "English"),
    ]
}
