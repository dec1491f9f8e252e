/// What an application's values may be at most, so that one that cannot be stored is refused on its
/// own (named by its field) before anything of it is written: PostgreSQL's text holds no NUL
/// character, and an index holds no value of thousands of characters.
public enum ApplicationLimits {
    /// The longest value of each field, in characters, by the field's name in forms and the API.
    public static let characters: [(field: String, limit: Int)] = [
        ("external_ref", 100), ("last_name", 200), ("first_name", 200), ("middle_name", 200),
        ("national_id", 32), ("phone", 50), ("email", 254), ("address", 500), ("organisation", 300),
        ("subject", 500), ("motivation", 20_000),
    ]

    /// The source an application keeps as it came (an export's record, a message's text).
    public static let rawSource = 1_000_000

    public static func limit(of field: String) -> Int? {
        characters.first { $0.field == field }?.limit
    }

    /// Why `value` cannot be stored as `field` (named `name` for the reader), or nil.
    public static func refusal(_ value: String?, field: String, name: String? = nil) -> FieldError? {
        guard let value else { return nil }
        if value.unicodeScalars.contains("\u{0}") {
            return FieldError(name ?? field, "holds a NUL character, which cannot be stored")
        }
        if let limit = limit(of: field), value.count > limit {
            return FieldError(name ?? field, "has \(value.count) characters; at most \(limit)")
        }
        return nil
    }
}

extension ApplicationDraft {
    /// The fields of this draft that cannot be stored as they are; `names` maps a field to what the
    /// source calls it (an export's columns), others keep their form names.
    public func storageRefusals(names: [String: String] = [:]) -> [FieldError] {
        let values: [(String, String?)] = [
            ("external_ref", externalRef), ("last_name", lastName), ("first_name", firstName), ("middle_name", middleName),
            ("national_id", nationalID), ("phone", phone), ("email", email), ("address", address),
            ("organisation", organisation), ("subject", subject), ("motivation", motivation),
            ("region", regionCode), ("office", officeCode),
        ]
        var refusals = values.compactMap { field, value in ApplicationLimits.refusal(value, field: field, name: names[field]) }
        if rawSource.unicodeScalars.contains("\u{0}") {
            refusals.append(FieldError("source", "holds a NUL character, which cannot be stored"))
        } else if rawSource.utf8.count > ApplicationLimits.rawSource {
            refusals.append(FieldError("source", "is larger than \(ApplicationLimits.rawSource / 1_000_000) MB"))
        }
        return refusals
    }
}
