import Crypto
import Foundation

/// What staff may change on a volunteer after registration, as typed. A nil field is left as it
/// is; for the clearable ones, `.some(nil)` clears it.
public struct VolunteerChangeForm: Sendable {
    public var status: String?
    public var areas: [String]?
    public var officeCode: String??
    public var phone: String??
    public var email: String??
    public var language: String?

    public init(status: String? = nil, areas: [String]? = nil, officeCode: String?? = nil, phone: String?? = nil,
                email: String?? = nil, language: String? = nil) {
        self.status = status
        self.areas = areas
        self.officeCode = officeCode
        self.phone = phone
        self.email = email
        self.language = language
    }
}

/// Changes whose every field passed the domain's rules.
public struct VolunteerChanges: Sendable {
    public let status: VolunteerStatus?
    public let areas: [VolunteerArea]?
    public let officeCode: String??
    public let phone: String??
    public let email: String??
    public let language: Language?

    /// Checks every field, reading phone numbers in the volunteer's `country`; reports all problems at once.
    public static func validate(_ form: VolunteerChangeForm, country: Country) throws -> VolunteerChanges {
        var errors = FieldErrorCollector()
        let status = form.status.flatMap { raw in errors.check { try VolunteerStatus.parse(raw, field: "status") } }
        var areas: [VolunteerArea]?
        if let raw = form.areas {
            var parsed: [VolunteerArea] = []
            for text in raw {
                if let area = errors.check({ try VolunteerArea.parse(text, field: "areas") }), !parsed.contains(area) {
                    parsed.append(area)
                }
            }
            if raw.isEmpty { errors.add("areas", "at least one area is required") }
            areas = parsed
        }
        func clearable(_ value: String??, _ check: (String) throws -> String) -> String?? {
            guard let value else { return nil }
            guard let text = value.nonBlank else { return .some(nil) }
            return errors.check { try check(text) }.map { .some($0) } ?? nil
        }
        let phone = clearable(form.phone) { try ContactDetails.phone($0, country: country) }
        let email = clearable(form.email) { try ContactDetails.email($0) }
        let office = clearable(form.officeCode) { $0.uppercased() }
        let language = form.language.flatMap { raw in errors.check { try Language.parse(raw, field: "language") } }
        try errors.throwIfAny()
        return VolunteerChanges(status: status, areas: areas, officeCode: office, phone: phone, email: email,
                                language: language)
    }
}

extension Volunteer {
    /// The entity tag of this state of the record: any change of what the API shows changes it.
    public var entityTag: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let digest = SHA256.hash(data: (try? encoder.encode(self)) ?? Data())
        return "\"" + digest.prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
    }
}

/// What an office does to a volunteer's standing, each with a reason.
public enum VolunteerStatusChange: String, CaseIterable, Sendable {
    case suspend, withdraw, reinstate

    /// The status after the change, or the refusal when `current` does not allow it.
    public func status(from current: VolunteerStatus) throws -> VolunteerStatus {
        switch (self, current) {
        case (.suspend, .active), (.suspend, .paused): return .suspended
        case (.withdraw, .active), (.withdraw, .paused), (.withdraw, .suspended): return .withdrawn
        case (.reinstate, .suspended), (.reinstate, .paused), (.reinstate, .withdrawn): return .active
        case (.suspend, .suspended), (.withdraw, .withdrawn), (.reinstate, .active):
            throw FieldError("status", "the volunteer is \(current.rawValue) already")
        case (.suspend, .withdrawn):
            throw FieldError("status", "a withdrawn volunteer cannot be suspended; reinstate them first")
        }
    }
}
