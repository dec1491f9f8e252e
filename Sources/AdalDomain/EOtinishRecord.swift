import Foundation

/// One appeal of an eOtinish export, as text fields named by the export's header (or JSON keys).
public struct EOtinishRecord: Sendable {
    /// 1-based: the record's place among the file's records (the header and blank lines not counted).
    public let number: Int
    public let fields: [String: String]
    public let raw: String

    /// Values are trimmed once here, and blank ones dropped, so reading a field is a lookup.
    public init(number: Int, fields: [String: String], raw: String) {
        self.number = number
        self.fields = fields.compactMapValues { Optional($0).nonBlank }
        self.raw = raw
    }

    public func value(_ name: String) -> String? {
        fields[name]
    }

    /// Why this record cannot become an application at all, or nil: a field it must have is
    /// missing, or a value could not be stored (checked before anything of it is looked up or written).
    public var rejection: String? {
        if value("reg_number") == nil { return "reg_number is missing" }
        if value("region") == nil { return "region is missing" }
        for (column, value) in fields.sorted(by: { $0.key < $1.key }) {
            let field = Self.formFields[column] ?? column
            // A recipient is an office's code or its full name as eOtinish writes it (some 150 characters).
            let limit = ApplicationLimits.limit(of: field) ?? (column == "region" ? 100 : column == "recipient" ? 500 : nil)
            if value.unicodeScalars.contains("\u{0}") { return "\(column) holds a NUL character, which cannot be stored" }
            if let limit, value.count > limit { return "\(column) has \(value.count) characters; at most \(limit)" }
        }
        if raw.utf8.count > ApplicationLimits.rawSource { return "is larger than \(ApplicationLimits.rawSource / 1_000_000) MB" }
        return nil
    }

    /// The export's columns by the form's field names they fill, and the other way round.
    public static let columns = Dictionary(uniqueKeysWithValues: formFields.map { ($0.value, $0.key) })
    static let formFields: [String: String] = [
        "reg_number": "external_ref", "applicant_last_name": "last_name", "applicant_first_name": "first_name",
        "applicant_middle_name": "middle_name", "applicant_iin": "national_id", "applicant_phone": "phone",
        "applicant_email": "email", "applicant_address": "address", "organisation": "organisation",
        "subject": "subject", "text": "motivation",
    ]

    /// The application this record describes, for a region resolved to `regionCode` in `zone`.
    /// `importedAt` stands in for an unreadable registration time (listed as a problem).
    public func draft(regionCode: String, country: Country, zone: TimeZone, importedAt: Date) -> ApplicationDraft {
        var problems: [FieldError] = []
        var received = importedAt
        if let text = value("registered_at") {
            if let instant = Self.instant(text, zone: zone) {
                received = instant
            } else {
                problems.append(FieldError("registered_at", "'\(text)' is neither ISO 8601 with an offset nor dd.MM.yyyy HH:mm"))
            }
        } else {
            problems.append(FieldError("registered_at", "missing; the import time is used"))
        }
        var draft = ApplicationDraft(channel: .eotinish, externalRef: value("reg_number")!, receivedAt: received,
                                     regionCode: regionCode, rawSource: raw)
        draft.officeCode = value("recipient")
        if let type = value("appeal_type") {
            draft.appealType = AppealType.read(type)
            if draft.appealType == nil { problems.append(FieldError("appeal_type", "'\(type)' is not a known appeal type")) }
        }
        draft.lastName = value("applicant_last_name")
        draft.firstName = value("applicant_first_name")
        draft.middleName = value("applicant_middle_name")
        draft.nationalID = value("applicant_iin")
        draft.phone = value("applicant_phone")
        draft.email = value("applicant_email")
        draft.address = value("applicant_address")
        draft.organisation = value("organisation")
        draft.subject = value("subject")
        draft.motivation = value("text")
        draft.problems = problems
        draft.checkApplicant(country: country)
        return draft
    }

    /// ISO 8601 with an offset, or `dd.MM.yyyy HH:mm` read in `zone`.
    public static func instant(_ text: String, zone: TimeZone) -> Date? {
        Timestamp.iso8601(text) ?? Timestamp.dottedLocal(text, zone: zone)
    }
}
