import Foundation

/// Whom a coordinator means: a person Adal knows (by id), or a new one described by name.
public enum PersonReference: Sendable {
    case known(String)
    case new(NewPersonForm)
}

/// A person known only by name, position and organisation (a speaker, a council member); contact optional.
public struct NewPersonForm: Sendable {
    public var name: String
    public var position: String?
    public var organisation: String?
    public var phone: String?
    public var email: String?
    /// Nil: the state language of the country the person is added in.
    public var language: String?

    public init(name: String, position: String? = nil, organisation: String? = nil, phone: String? = nil,
                email: String? = nil, language: String? = nil) {
        self.name = name
        self.position = position
        self.organisation = organisation
        self.phone = phone
        self.email = email
        self.language = language
    }
}
