import Foundation

/// A region as the store reads it back, shaped for people: names resolved, codes instead of row keys.
public struct Region: Codable, Sendable, Equatable {
    public let id: Int64
    public let code: String
    public let parentCode: String?
    public let level: RegionLevel
    public let country: Country
    public let timeZone: String
    public let names: [String: String]
    public let aliases: [String]

    public init(id: Int64, code: String, parentCode: String?, level: RegionLevel, country: Country,
                timeZone: String, names: [String: String], aliases: [String]) {
        self.id = id
        self.code = code
        self.parentCode = parentCode
        self.level = level
        self.country = country
        self.timeZone = timeZone
        self.names = names
        self.aliases = aliases
    }

    /// The name in `language`, falling back to English.
    public func name(in language: Language = .en) -> String {
        names[language.rawValue] ?? names["en"] ?? code
    }
}
