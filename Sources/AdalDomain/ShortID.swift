import Foundation

/// The short form of a record's UUID the CLI prints and accepts: its last 8 hex digits. A UUIDv7
/// begins with its creation time, so records made together share their first digits; the last 8
/// are random, and two records share them about once in four billion pairs.
public enum ShortID {
    public static let length = 8

    public static func of(_ id: UUID) -> String {
        String(id.uuidString.lowercased().suffix(length))
    }

    /// The short ID `text` holds (8 hex digits, any case), or nil.
    public static func parse(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard trimmed.count == length, trimmed.allSatisfy(\.isHexDigit) else { return nil }
        return trimmed
    }
}

/// How a command names a record: its UUID, its short ID, or (for people) a national ID.
public enum RecordReference: Sendable, Equatable {
    case uuid(UUID)
    case short(String)
    case nationalID(String)

    /// Reads `text`: a UUID, 8 hex digits, or 12 digits (IIN), 14 digits (PINFL) or 7 letters and
    /// digits (FIN) when `people` is set.
    public static func parse(_ text: String, people: Bool = false) -> RecordReference? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let uuid = UUID(uuidString: trimmed) { return .uuid(uuid) }
        if let short = ShortID.parse(trimmed) {
            // Eight digits only could be neither a FIN (7) nor an IIN (12); an 8-hex text is a short ID.
            return .short(short)
        }
        guard people else { return nil }
        let compact = trimmed.replacingOccurrences(of: " ", with: "").uppercased()
        if compact.count == 12 || compact.count == 14, compact.allSatisfy(\.isNumber) { return .nationalID(compact) }
        if compact.count == 7, compact.contains(where: \.isNumber),
           compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) { return .nationalID(compact) }
        return nil
    }
}
