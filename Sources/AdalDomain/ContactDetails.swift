/// Phone numbers and e-mail addresses in the one form Adal stores.
public enum ContactDetails {
    /// Normalises a phone number to E.164 (`+77012345678`).
    ///
    /// Spaces, dashes, dots and parentheses are ignored; a leading `00` stands for `+`;
    /// a number without a country code is read in `country`'s national form
    /// (Kazakhstan's leading `8`, Azerbaijan's leading `0`, Uzbekistan's nine digits).
    public static func phone(_ raw: String, country: Country?, field: String = "phone") throws -> String {
        var s = raw.filter { !" -.()\t".contains($0) }
        guard !s.isEmpty else { throw FieldError(field, "is empty") }
        if s.hasPrefix("00") { s = "+" + s.dropFirst(2) }
        let international = s.hasPrefix("+")
        if international { s.removeFirst() }
        guard s.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw FieldError(field, "may hold only digits, spaces, dashes, parentheses and a leading +")
        }
        if !international {
            switch country {
            case .kz? where s.count == 11 && (s.hasPrefix("8") || s.hasPrefix("7")):
                s = "7" + s.dropFirst()
            case .kz? where s.count == 10:
                s = "7" + s
            case .az? where s.count == 10 && s.hasPrefix("0"):
                s = "994" + s.dropFirst()
            case .az? where s.count == 9:
                s = "994" + s
            case .uz? where s.count == 9:
                s = "998" + s
            default:
                throw FieldError(field, "needs a country code (+7, +998, +994) or a national number of the region's country")
            }
        }
        let expectedLength: [(prefix: String, national: Int)] = [("998", 9), ("994", 9), ("7", 10)]
        if let rule = expectedLength.first(where: { s.hasPrefix($0.prefix) }) {
            let national = s.count - rule.prefix.count
            guard national == rule.national else {
                throw FieldError(field, "a +\(rule.prefix) number has \(rule.national) digits after the country code, got \(national)")
            }
        } else {
            guard (8...15).contains(s.count), s.first != "0" else {
                throw FieldError(field, "is not an international number (E.164)")
            }
        }
        return "+" + s
    }

    /// Checks an e-mail address and lower-cases its domain (the local part is kept as written).
    public static func email(_ raw: String, field: String = "email") throws -> String {
        let s = raw.trimmingWhitespace()
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw FieldError(field, "must contain exactly one @") }
        let local = parts[0], domain = parts[1].lowercased()
        guard !local.isEmpty, local.count <= 64 else { throw FieldError(field, "part before @ must be 1–64 characters") }
        guard !s.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," }) else {
            throw FieldError(field, "must not contain spaces, commas or angle brackets")
        }
        guard !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else {
            throw FieldError(field, "part before @ has a misplaced dot")
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }) else {
            throw FieldError(field, "domain after @ is not a valid host name")
        }
        return "\(local)@\(domain)"
    }
}

/// Whitespace off both ends, as Unicode defines it.
extension StringProtocol {
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        // Most values have nothing to trim; checking the ends first saves walking them.
        if let first = scalars.first, let last = scalars.last,
           !first.properties.isWhitespace, !last.properties.isWhitespace {
            return String(self)
        }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars[start...end])
        return result
    }
}
