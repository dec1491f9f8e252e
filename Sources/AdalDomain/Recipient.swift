/// Who a notification goes to, and in which language.
public struct Recipient: Sendable {
    public let name: String
    public let email: String?
    public let phone: String?
    public let language: Language

    public init(name: String, email: String?, phone: String?, language: Language) {
        self.name = name
        self.email = email
        self.phone = phone
        self.language = language
    }
}
