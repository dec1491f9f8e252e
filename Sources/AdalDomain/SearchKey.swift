import Foundation

/// The Latin form a name is searched by, so that one person is found however the name was typed:
/// Kazakh or Uzbek Cyrillic, official Latin alphabets, or an English-style transliteration.
///
/// "Қалымбет", "Kalymbet" and "Qalymbet" share one key, as do "İlham"/"ilham" and
/// "Oʻrinov"/"O'rinov"/"Ўринов". The key is deliberately lossy: it folds letters that
/// transliterations of these languages use interchangeably (q/k, x/kh/h, zh/j, y/i).
public enum SearchKey {
    public static func make(_ text: String) -> String {
        // Decomposed input (a letter then a combining mark) is composed first; most text needs no work.
        let composed = text.unicodeScalars.contains { (0x300...0x36F).contains($0.value) }
            ? text.precomposedStringWithCanonicalMapping : text
        var latin: [UInt8] = []
        latin.reserveCapacity(composed.utf8.count)
        for scalar in composed.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): latin.append(byte + 32)
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): latin.append(byte)
                case UInt8(ascii: "'"), UInt8(ascii: "`"): break
                default: latin.append(UInt8(ascii: " "))
                }
            } else if apostrophes.contains(scalar) || scalar.properties.generalCategory == .nonspacingMark {
                // A combining mark left after composing is dropped, not a break between words: the
                // dot that lower-casing İ leaves on i (i̇smayılov) in most systems but Azerbaijani's.
                continue
            } else if let mapped = letters[scalar] ?? letters[lowercase(scalar)] {
                latin.append(contentsOf: mapped.utf8)
            } else {
                // Other accented Latin letters lose their marks (é → e); anything else is a separator.
                let stripped = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first { $0.isASCII }
                if let stripped, stripped.properties.isAlphabetic {
                    latin.append(UInt8(stripped.value) | 0x20)
                } else {
                    latin.append(UInt8(ascii: " "))
                }
            }
        }
        return collapse(fold(latin))
    }

    static func lowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
    }

    /// Spellings transliterations use for one sound, folded to one: kh→h, gh→g, zh→j, q→k, x→h, y→i.
    static func fold(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            if next == UInt8(ascii: "h") && (byte == UInt8(ascii: "k") || byte == UInt8(ascii: "g") || byte == UInt8(ascii: "z")) {
                out.append(byte == UInt8(ascii: "k") ? UInt8(ascii: "h") : byte == UInt8(ascii: "g") ? UInt8(ascii: "g") : UInt8(ascii: "j"))
                index += 2
                continue
            }
            switch byte {
            case UInt8(ascii: "q"): out.append(UInt8(ascii: "k"))
            case UInt8(ascii: "x"): out.append(UInt8(ascii: "h"))
            case UInt8(ascii: "y"): out.append(UInt8(ascii: "i"))
            default: out.append(byte)
            }
            index += 1
        }
        return out
    }

    /// Single spaces between words, none at the ends.
    static func collapse(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte == UInt8(ascii: " ") {
                if let last = out.last, last != UInt8(ascii: " ") { out.append(byte) }
            } else {
                out.append(byte)
            }
        }
        if out.last == UInt8(ascii: " ") { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// Modifier letters and quotes written for the Uzbek oʻ and gʻ, removed before anything else.
    static let apostrophes: Set<Unicode.Scalar> = ["\u{02BB}", "\u{02BC}", "\u{2018}", "\u{2019}", "'", "`", "\u{00B4}"]

    static let letters: [Unicode.Scalar: String] = [
        // Cyrillic: Russian, Kazakh and Uzbek letters
        "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "yo",
        "ж": "j", "з": "z", "и": "i", "й": "y", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n",
        "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
        "ү": "u", "ў": "o", "ф": "f", "х": "h", "ҳ": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "sh", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya",
        // Latin letters of the Azerbaijani, Kazakh and Uzbek alphabets
        "ə": "a", "ä": "a", "ö": "o", "ü": "u", "ş": "sh", "ç": "ch", "ğ": "g", "ñ": "n", "ı": "i",
        // Azerbaijani and Turkish capital dotted I: its default lower case adds a combining dot.
        "İ": "i",
    ]

}
