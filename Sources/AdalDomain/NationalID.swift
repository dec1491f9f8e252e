public enum NationalIDKind: String, CaseIterable, Codable, Sendable {
    case kzIIN = "kz_iin"
    case uzPINFL = "uz_pinfl"
    case azFIN = "az_fin"

    public var country: Country {
        switch self {
        case .kzIIN: return .kz
        case .uzPINFL: return .uz
        case .azFIN: return .az
        }
    }
}

public enum Sex: String, Codable, Sendable {
    case male, female
}

/// A national identification number that passed its country's checks.
///
/// KZ IIN and UZ PINFL carry the holder's birth date and sex, which are derived here;
/// an AZ FIN carries neither.
public struct NationalID: Hashable, Sendable, CustomStringConvertible {
    public let kind: NationalIDKind
    public let value: String
    public let birthDate: CivilDate?
    public let sex: Sex?

    public var description: String { value }

    /// Checks `raw` by the rules of `kind`. Spaces and dashes are ignored.
    /// - Throws: `FieldError` on field `national_id` naming what failed.
    public static func parse(_ raw: String, kind: NationalIDKind, field: String = "national_id") throws -> NationalID {
        let cleaned = raw.filter { $0 != " " && $0 != "-" }
        switch kind {
        case .kzIIN: return try parseIIN(cleaned, field: field)
        case .uzPINFL: return try parsePINFL(cleaned, field: field)
        case .azFIN: return try parseFIN(cleaned, field: field)
        }
    }

    /// Confirms that a birth date given separately agrees with the one the number encodes.
    public func check(birthDate given: CivilDate?, field: String = "birth_date") throws {
        if let given, let derived = birthDate, given != derived {
            throw FieldError(field, "does not match the national ID, which encodes \(derived)")
        }
    }

    // MARK: Kazakhstan

    static let iinFirstWeights = Array(1...11)
    static let iinSecondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]

    /// The IIN check digit for the first 11 digits, or nil when both weightings give 10
    /// (such a number is never issued).
    public static func iinCheckDigit(_ first11: [Int]) -> Int? {
        let first = zip(first11, iinFirstWeights).map(*).reduce(0, +) % 11
        if first != 10 { return first }
        let second = zip(first11, iinSecondWeights).map(*).reduce(0, +) % 11
        return second == 10 ? nil : second
    }

    static func parseIIN(_ s: String, field: String) throws -> NationalID {
        let digits = try digitsOf(s, count: 12, label: "an IIN", field: field)
        let centuryDigit = digits[6]
        guard (1...6).contains(centuryDigit) else {
            throw FieldError(field, "7th digit of an IIN must be 1–6 (century and sex), got \(centuryDigit)")
        }
        let century = 1800 + 100 * ((centuryDigit - 1) / 2)
        let year = century + digits[0] * 10 + digits[1]
        let month = digits[2] * 10 + digits[3]
        let day = digits[4] * 10 + digits[5]
        guard let birth = CivilDate(year: year, month: month, day: day) else {
            throw FieldError(field, "first six digits of an IIN must be a birth date YYMMDD")
        }
        guard let expected = iinCheckDigit(Array(digits[0..<11])) else {
            throw FieldError(field, "not a valid IIN: no check digit exists for its first 11 digits")
        }
        guard expected == digits[11] else {
            throw FieldError(field, "check digit of the IIN does not match (expected \(expected))")
        }
        return NationalID(kind: .kzIIN, value: s, birthDate: birth,
                          sex: centuryDigit % 2 == 1 ? .male : .female)
    }

    // MARK: Uzbekistan

    /// The PINFL check digit for the first 13 digits: weights 7, 3, 1 repeating, modulo 10.
    public static func pinflCheckDigit(_ first13: [Int]) -> Int {
        let weights = [7, 3, 1]
        return first13.enumerated().map { $0.element * weights[$0.offset % 3] }.reduce(0, +) % 10
    }

    static func parsePINFL(_ s: String, field: String) throws -> NationalID {
        let digits = try digitsOf(s, count: 14, label: "a PINFL", field: field)
        let centuryDigit = digits[0]
        guard (1...6).contains(centuryDigit) else {
            throw FieldError(field, "1st digit of a PINFL must be 1–6 (century and sex), got \(centuryDigit)")
        }
        let century = 1800 + 100 * ((centuryDigit - 1) / 2)
        let day = digits[1] * 10 + digits[2]
        let month = digits[3] * 10 + digits[4]
        let year = century + digits[5] * 10 + digits[6]
        guard let birth = CivilDate(year: year, month: month, day: day) else {
            throw FieldError(field, "digits 2–7 of a PINFL must be a birth date DDMMYY")
        }
        let expected = pinflCheckDigit(Array(digits[0..<13]))
        guard expected == digits[13] else {
            throw FieldError(field, "check digit of the PINFL does not match (expected \(expected))")
        }
        return NationalID(kind: .uzPINFL, value: s, birthDate: birth,
                          sex: centuryDigit % 2 == 1 ? .male : .female)
    }

    // MARK: Azerbaijan

    static let finAlphabet = Set("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ")

    static func parseFIN(_ s: String, field: String) throws -> NationalID {
        let upper = s.uppercased()
        guard upper.count == 7 else {
            throw FieldError(field, "a FIN has 7 characters, got \(upper.count)")
        }
        guard upper.allSatisfy({ finAlphabet.contains($0) }) else {
            throw FieldError(field, "a FIN uses only digits and Latin capitals other than I and O")
        }
        return NationalID(kind: .azFIN, value: upper, birthDate: nil, sex: nil)
    }

    static func digitsOf(_ s: String, count: Int, label: String, field: String) throws -> [Int] {
        guard s.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw FieldError(field, "\(label) has only digits")
        }
        guard s.count == count else {
            throw FieldError(field, "\(label) has \(count) digits, got \(s.count)")
        }
        return s.map { Int(String($0))! }
    }
}
