import Foundation

/// How an office's name, as eOtinish or a letter writes it, is compared: without case, quotes,
/// dashes' kinds or extra spaces («Управление превенции …» = "управление превенции …").
public enum OfficeName {
    /// The comparison key of `text`; empty when it holds no letter or digit.
    public static func key(_ text: String) -> String {
        var words: [String] = []
        var word = ""
        for scalar in text.lowercased().unicodeScalars {
            if quotes.contains(scalar) { continue }
            if CharacterSet.whitespacesAndNewlines.contains(scalar) || dashes.contains(scalar) {
                if !word.isEmpty { words.append(word); word = "" }
                if dashes.contains(scalar) { words.append("-") }
                continue
            }
            word.unicodeScalars.append(scalar == "ё" ? "е" : scalar)
        }
        if !word.isEmpty { words.append(word) }
        let joined = words.joined(separator: " ")
        let trimmed = joined.trimmingCharacters(in: CharacterSet(charactersIn: " .-"))
        return trimmed.contains(where: { $0.isLetter || $0.isNumber }) ? trimmed : ""
    }

    /// «» „“ ” " ' ‘ ’ ` ´ and the modifier letters typed for them.
    static let quotes = Set("«»„“”‟\"'‘’‚‛`´ʻʼ′″".unicodeScalars)
    static let dashes = Set("-‐‑‒–—―".unicodeScalars)
}
