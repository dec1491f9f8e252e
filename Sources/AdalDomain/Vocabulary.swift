// The closed lists of the domain, one file a concept. Their raw values are what the database stores
// and checks; a list shared by several tables is a domain there (migration 0015).

public enum Language: String, CaseIterable, Codable, Sendable {
    case kk, ru, uz, az, en
}

extension CaseIterable where Self: RawRepresentable, RawValue == String {
    /// Reads one of the list's raw values, or throws a field error that lists the allowed ones.
    public static func parse(_ raw: String, field: String) throws -> Self {
        let trimmed = raw.trimmingWhitespace().lowercased().replacingOccurrences(of: "-", with: "_")
        if let value = allCases.first(where: { $0.rawValue.lowercased() == trimmed }) { return value }
        let allowed = allCases.map(\.rawValue).joined(separator: ", ")
        throw FieldError(field, "'\(raw)' is not one of: \(allowed)")
    }
}
