import Foundation

/// A national action plan or an office's programme, with the numbered items events carry out.
public struct ActionPlan: Codable, Sendable, Equatable {
    public let code: String
    public let country: Country
    public let title: [String: String]
    public let firstYear: Int
    public let lastYear: Int
    public let adoptedBy: String?
    public let items: [Item]

    public struct Item: Codable, Sendable, Equatable {
        public let number: String
        public let title: [String: String]

        public init(number: String, title: [String: String]) {
            self.number = number
            self.title = title
        }
    }

    public init(code: String, country: Country, title: [String: String], firstYear: Int, lastYear: Int,
                adoptedBy: String?, items: [Item]) {
        self.code = code
        self.country = country
        self.title = title
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.adoptedBy = adoptedBy
        self.items = items
    }

    /// The title in `language`, else English.
    public func title(in language: Language) -> String { title[language.rawValue] ?? title["en"] ?? code }

    enum CodingKeys: String, CodingKey {
        case code, country, title, items
        case firstYear = "first_year", lastYear = "last_year", adoptedBy = "adopted_by"
    }
}

/// A plan or an item as typed in: checked before anything is stored.
public enum ActionPlanRules {
    /// Codes such as AZ-NAP-2022-2026 or KZ-35-ACV.
    public static func code(_ raw: String, field: String = "code") throws -> String {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard code.range(of: "^[A-Z0-9][A-Z0-9.-]{1,39}$", options: .regularExpression) != nil else {
            throw FieldError(field, "must be 2–40 letters, digits, dots or dashes, e.g. KZ-35-ACV")
        }
        return code
    }

    /// An item's number: 1, 6.2, 2.1.3.
    public static func number(_ raw: String, field: String = "number") throws -> String {
        let number = raw.trimmingCharacters(in: .whitespaces)
        guard number.count <= 20, number.range(of: "^[0-9]+(\\.[0-9]+)*$", options: .regularExpression) != nil else {
            throw FieldError(field, "must be numbers joined by dots, e.g. 6.2")
        }
        return number
    }

    /// Titles by language: an English one at least, only the five languages, none empty or over 500 characters.
    public static func titles(_ titles: [String: String], field: String = "title") throws -> [String: String] {
        var cleaned: [String: String] = [:]
        for (language, text) in titles {
            guard Language(rawValue: language) != nil else {
                throw FieldError(field, "'\(language)' is not one of kk, ru, uz, az, en")
            }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { throw FieldError("\(field).\(language)", "must not be empty") }
            guard trimmed.count <= 500 else { throw FieldError("\(field).\(language)", "must have at most 500 characters") }
            cleaned[language] = trimmed
        }
        guard cleaned["en"] != nil else { throw FieldError("\(field).en", "an English title is required") }
        return cleaned
    }

    /// The years a plan runs: 2000–2100, the last not before the first.
    public static func years(first: Int, last: Int) throws {
        guard (2000...2100).contains(first) else { throw FieldError("first_year", "must be between 2000 and 2100") }
        guard (first...2100).contains(last) else { throw FieldError("last_year", "must be between first_year and 2100") }
    }
}
