import AdalDomain
import Crypto
import Foundation

/// One message from an office's mailbox, read: what it answers, where it was sent, and the
/// application it is when it answers nothing.
public struct MailedMessage: Sendable {
    public let message: MIMEMessage
    /// Its Message-ID, or one made from its bytes when it has none.
    public let messageID: String
    public let raw: String

    /// The message in `data` (the file `name`), or the reason it is not one.
    public static func read(_ data: Data) -> Result<MailedMessage, MailRefusal> {
        let message = MIMEMessage(data)
        if let refusal = message.refusal { return .failure(MailRefusal(reason: refusal)) }
        guard message.header("From") != nil || message.header("Subject") != nil else {
            return .failure(MailRefusal(reason: "not an e-mail message (no From or Subject)"))
        }
        let messageID = message.messageID ?? "sha256-\(AuditChain.hex(Array(SHA256.hash(data: data))))@adal.invalid"
        return .success(MailedMessage(message: message, messageID: messageID, raw: String(decoding: data, as: UTF8.self)))
    }

    /// The messages this one answers (In-Reply-To, then References).
    public var answers: [String] { message.inReplyTo + message.references }

    /// The application a message is: name and address from `From`, IDs, phones and addresses from the body.
    public func draft(regionCode: String, country: Country, officeCode: String, now: Date) -> ApplicationDraft {
        var draft = ApplicationDraft(channel: .email, externalRef: messageID, receivedAt: message.date ?? now,
                                     regionCode: regionCode, rawSource: raw)
        draft.officeCode = officeCode
        let (name, address) = message.from
        let person = MailboxAddress(name: name, address: address).personName
        draft.lastName = person.last
        draft.firstName = person.first
        if let middle = person.middle { draft.middleName = middle }
        draft.email = address
        draft.subject = message.subject
        draft.motivation = message.text
        draft.nationalID = BodyScanner.nationalID(in: message.text, kind: country.nationalIDKind)
        draft.phone = BodyScanner.phone(in: message.text, country: country)
        if draft.email == nil { draft.email = BodyScanner.email(in: message.text) }
        draft.problems += message.problems
        draft.answers = answers
        draft.attachments = message.attachments.map {
            AttachmentDraft(fileName: $0.fileName, contentType: $0.contentType, content: $0.content)
        }
        return draft
    }
}

public struct MailRefusal: Error, Sendable {
    public let reason: String
}

/// Picks contact details out of free text, keeping only those whose check passes.
enum BodyScanner {
    static func nationalID(in text: String, kind: NationalIDKind) -> String? {
        let pattern: String
        switch kind {
        case .kzIIN: pattern = #"(?<!\d)\d{12}(?!\d)"#
        case .uzPINFL: pattern = #"(?<!\d)\d{14}(?!\d)"#
        case .azFIN: pattern = #"(?<![0-9A-Z])[0-9A-HJ-NP-Z]{7}(?![0-9A-Z])"#
        }
        return matches(pattern, in: text).first { (try? NationalID.parse($0, kind: kind)) != nil }
    }

    static func phone(in text: String, country: Country) -> String? {
        matches(#"\+?\d[\d \-()]{7,16}\d"#, in: text).lazy.compactMap { try? ContactDetails.phone($0, country: country) }.first
    }

    static func email(in text: String) -> String? {
        matches(#"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"#, in: text).lazy.compactMap { try? ContactDetails.email($0) }.first
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let ns = text as NSString
        return expression.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range) }
    }
}
