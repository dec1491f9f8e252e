import AdalDomain
import AdalText
import Foundation

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
