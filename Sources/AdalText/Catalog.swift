import AdalDomain
import Foundation

/// The product's words in one language — every label, message and refusal of the web console,
/// every title and column of a report, every line of a printable page — read from
/// `Catalogs/LANGUAGE.json` (one flat object, the same keys in every language).
public struct Catalog: Sendable {
    public let language: Language
    public let texts: [String: String]

    public init(language: Language, texts: [String: String]) {
        self.language = language
        self.texts = texts
    }

    /// The text for `key`; the key itself when missing, which the catalog test does not let happen.
    public subscript(key: String) -> String { texts[key] ?? key }

    /// The text for `key` with each `{name}` replaced by its value.
    public func format(_ key: String, _ values: [String: String]) -> String {
        values.reduce(self[key]) { text, pair in text.replacingOccurrences(of: "{\(pair.key)}", with: pair.value) }
    }

    /// A value of one of the domain's lists (a status, a kind, an area), by its catalog key
    /// `prefix_value`; the value as stored when the catalog has no word for it.
    public func term(_ prefix: String, _ value: String) -> String { texts["\(prefix)_\(value)"] ?? value }
}

/// Every language's catalog, decoded once from the files embedded in the binary.
public struct Catalogs: Sendable {
    public let byLanguage: [Language: Catalog]

    /// The catalogs Adal carries. A catalog that cannot be read leaves its language with no words
    /// (keys show instead); the catalog test reads every one.
    public static let standard: Catalogs = (try? load()) ?? Catalogs(byLanguage: [:])

    public static func load() throws -> Catalogs {
        var byLanguage: [Language: Catalog] = [:]
        for language in Language.allCases {
            guard let bytes = files[language.rawValue] else { throw MissingCatalog(language: language) }
            let texts = try JSONDecoder().decode([String: String].self, from: Data(bytes))
            byLanguage[language] = Catalog(language: language, texts: texts)
        }
        return Catalogs(byLanguage: byLanguage)
    }

    public subscript(language: Language) -> Catalog { byLanguage[language] ?? Catalog(language: language, texts: [:]) }

    public struct MissingCatalog: Error { let language: Language }

    /// The embedded files (`Package.swift` embeds every file of `Catalogs/`).
    static let files: [String: [UInt8]] = [
        "kk": PackageResources.kk_json,
        "ru": PackageResources.ru_json,
        "uz": PackageResources.uz_json,
        "az": PackageResources.az_json,
        "en": PackageResources.en_json,
    ]
}
