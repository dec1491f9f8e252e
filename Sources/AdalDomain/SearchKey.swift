import Foundation

/// The Latin form a name is searched by, so that one person is found however the name was typed:
/// Kazakh or Uzbek Cyrillic, official Latin alphabets, or an English-style transliteration.
///
/// "Қалымбет", "Kalymbet" and "Qalymbet" share one key, as do "İlham"/"ilham" and
/// "Oʻrinov"/"O'rinov"/"Ўринов". The key is deliberately lossy: it folds letters that
/// transliterations of these languages use interchangeably (q/k, x/kh/h, zh/j, y/i).
public enum SearchKey {
    public static func make(_ text: String) -> String {
        var s = text.precomposedStringWithCanonicalMapping
        s.unicodeScalars.removeAll { apostrophes.contains($0) }
        // Azerbaijani and Turkish dotted/dotless i must not go through the default lower-casing,
        // which turns "İ" into "i" plus a combining dot.
        s = s.replacingOccurrences(of: "İ", with: "i").replacingOccurrences(of: "ı", with: "i")
        s = s.lowercased()

        var latin = ""
        for character in s {
            if let mapped = letters[character] {
                latin += mapped
            } else if character.isASCII {
                latin.append(character)
            } else {
                // Other accented Latin letters lose their marks (é → e); anything else is dropped.
                let stripped = String(character).decomposedStringWithCanonicalMapping.unicodeScalars
                    .filter { $0.isASCII }
                latin += String(String.UnicodeScalarView(stripped))
            }
        }
        for (from, to) in folds {
            latin = latin.replacingOccurrences(of: from, with: to)
        }
        let words = latin.map { ($0.isASCII && ($0.isLetter || $0.isNumber)) ? $0 : " " }
        return String(words).split(separator: " ").joined(separator: " ")
    }

    /// Modifier letters and quotes written for the Uzbek oʻ and gʻ, removed before anything else.
    static let apostrophes: Set<Unicode.Scalar> = ["\u{02BB}", "\u{02BC}", "\u{2018}", "\u{2019}", "'", "`", "\u{00B4}"]

    static let letters: [Character: String] = [
        // Cyrillic: Russian, Kazakh and Uzbek letters
        "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "yo",
        "ж": "j", "з": "z", "и": "i", "й": "y", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n",
        "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
        "ү": "u", "ў": "o", "ф": "f", "х": "h", "ҳ": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "sh", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya",
        // Latin letters of the Azerbaijani, Kazakh and Uzbek alphabets
        "ə": "a", "ä": "a", "ö": "o", "ü": "u", "ş": "sh", "ç": "ch", "ğ": "g", "ñ": "n", "ı": "i",
    ]

    /// Spellings transliterations use for one sound, folded to one, applied in this order.
    static let folds: [(String, String)] = [
        ("kh", "h"), ("gh", "g"), ("zh", "j"), ("q", "k"), ("x", "h"), ("y", "i"),
    ]
}
