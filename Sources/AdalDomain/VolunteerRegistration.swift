/// What a registrar types to register a volunteer, before any check.
public struct VolunteerRegistrationForm: Sendable {
    public var lastName: String
    public var firstName: String
    public var middleName: String?
    public var nationalID: String
    public var country: String
    public var regionCode: String
    public var officeCode: String?
    public var birthDate: String?
    public var phone: String?
    public var email: String?
    public var kind: String
    public var areas: [String]
    public var organisation: String?
    /// Nil: the state language of the national ID's country.
    public var language: String?
    /// The version of the consent text the person agreed to; nil when no consent was given.
    public var consentVersion: String?
    public var joinedOn: String?

    public init(lastName: String, firstName: String, middleName: String? = nil, nationalID: String,
                country: String, regionCode: String, officeCode: String? = nil, birthDate: String? = nil,
                phone: String? = nil, email: String? = nil, kind: String, areas: [String],
                organisation: String? = nil, language: String? = nil, consentVersion: String?, joinedOn: String? = nil) {
        self.lastName = lastName
        self.firstName = firstName
        self.middleName = middleName
        self.nationalID = nationalID
        self.country = country
        self.regionCode = regionCode
        self.officeCode = officeCode
        self.birthDate = birthDate
        self.phone = phone
        self.email = email
        self.kind = kind
        self.areas = areas
        self.organisation = organisation
        self.language = language
        self.consentVersion = consentVersion
        self.joinedOn = joinedOn
    }
}

/// A registration whose every field passed the domain's rules.
public struct VolunteerRegistration: Sendable {
    public let name: PersonName
    public let nationalID: NationalID
    public let regionCode: String
    public let officeCode: String?
    public let birthDate: CivilDate?
    public let phone: String?
    public let email: String?
    public let kind: VolunteerKind
    public let areas: [VolunteerArea]
    public let organisation: String?
    public let language: Language
    public let consentVersion: String
    public let joinedOn: CivilDate?

    /// Checks every field and reports all problems at once.
    public static func validate(_ form: VolunteerRegistrationForm) throws -> VolunteerRegistration {
        var errors = FieldErrorCollector()
        let name = errors.check { try PersonName(last: form.lastName, first: form.firstName, middle: form.middleName) }
        let country = errors.check { try Country.parse(form.country, field: "country") }
        let nationalID = country.flatMap { country in
            errors.check { try NationalID.parse(form.nationalID, kind: country.nationalIDKind) }
        }
        let regionCode = form.regionCode.trimmingWhitespace().uppercased()
        if regionCode.isEmpty { errors.add("region", "is required") }
        var birthDate: CivilDate?
        if let raw = form.birthDate.nonBlank {
            if let date = CivilDate(raw) {
                birthDate = date
                if let nationalID { _ = errors.check { try nationalID.check(birthDate: date) } }
            } else {
                errors.add("birth_date", "must be a date yyyy-MM-dd")
            }
        }
        let phone = form.phone.nonBlank.flatMap { raw in errors.check { try ContactDetails.phone(raw, country: country) } }
        let email = form.email.nonBlank.flatMap { raw in errors.check { try ContactDetails.email(raw) } }
        let kind = errors.check { try VolunteerKind.parse(form.kind, field: "kind") }
        var areas: [VolunteerArea] = []
        for raw in form.areas.flatMap({ $0.split(separator: ",").map(String.init) }) where !raw.trimmingWhitespace().isEmpty {
            if let area = errors.check({ try VolunteerArea.parse(raw, field: "areas") }), !areas.contains(area) {
                areas.append(area)
            }
        }
        if areas.isEmpty && !errors.errors.contains(where: { $0.field == "areas" }) {
            errors.add("areas", "at least one area is required")
        }
        let organisation = form.organisation.nonBlank
        if let kind, kind.needsOrganisation, organisation == nil {
            errors.add("organisation", "is required for a \(kind.rawValue) volunteer")
        }
        if let organisation, organisation.count > 300 { errors.add("organisation", "must have at most 300 characters") }
        let language = form.language.nonBlank.map { raw in errors.check { try Language.parse(raw, field: "language") } }
            ?? country?.stateLanguage
        let consent = form.consentVersion.nonBlank
        if consent == nil {
            errors.add("consent", "personal data may be stored only with the person's consent (give the consent text version)")
        } else if let consent, consent.count > 100 {
            errors.add("consent_version", "must have at most 100 characters")
        }
        var joinedOn: CivilDate?
        if let raw = form.joinedOn.nonBlank {
            joinedOn = CivilDate(raw)
            if joinedOn == nil { errors.add("joined_on", "must be a date yyyy-MM-dd") }
        }
        try errors.throwIfAny()
        return VolunteerRegistration(
            name: name!, nationalID: nationalID!, regionCode: regionCode,
            officeCode: form.officeCode.nonBlank?.uppercased(), birthDate: birthDate ?? nationalID!.birthDate,
            phone: phone, email: email, kind: kind!, areas: areas, organisation: organisation,
            language: language!, consentVersion: consent!, joinedOn: joinedOn)
    }
}

/// A person's name as written, in any script, with the Latin key it is searched by.
public struct PersonName: Sendable, Equatable {
    public let last: String
    public let first: String
    public let middle: String?

    public init(last: String, first: String, middle: String?) throws {
        let last = last.trimmingWhitespace(), first = first.trimmingWhitespace()
        var errors = FieldErrorCollector()
        if last.isEmpty { errors.add("last_name", "is required") }
        if first.isEmpty { errors.add("first_name", "is required") }
        for (field, value) in [("last_name", last), ("first_name", first), ("middle_name", middle ?? "")]
        where value.count > 100 || value.contains(where: { $0.isNewline }) {
            errors.add(field, "must be one line of at most 100 characters")
        }
        try errors.throwIfAny()
        self.last = last
        self.first = first
        self.middle = middle.nonBlank
    }

    /// "Last First Middle", the order used on documents in all three countries.
    public var full: String { [last, first, middle].compactMap { $0 }.joined(separator: " ") }

    public var searchKey: String { SearchKey.make(full) }
}

extension Optional where Wrapped == String {
    /// The trimmed text, or nil when it is absent or blank.
    public var nonBlank: String? {
        guard let trimmed = self?.trimmingWhitespace(), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
