import Foundation

/// One mailbox of a `From:` header as RFC 5322 writes it: `"Family, Given" <a@b>`, `Given Family
/// <a@b>`, `a@b (Given Family)` or a bare `a@b`; quoted pairs (`\"`) unescaped, comments dropped
/// from a name (or, with no name, taken as the name).
public struct MailboxAddress: Equatable, Sendable {
    public let name: String?
    public let address: String?

    public init(name: String?, address: String?) {
        self.name = name
        self.address = address
    }

    public static func parse(_ value: String) -> MailboxAddress {
        var phrase = "", angle = "", comment = "", comments: [String] = []
        var inQuotes = false, inAngle = false, commentDepth = 0, escaped = false, sawAngle = false
        for character in value {
            if escaped {
                if commentDepth > 0 { comment.append(character) } else if inAngle { angle.append(character) } else { phrase.append(character) }
                escaped = false
                continue
            }
            if character == "\\" && (inQuotes || commentDepth > 0) { escaped = true; continue }
            if inQuotes {
                if character == "\"" { inQuotes = false } else { phrase.append(character) }
                continue
            }
            if commentDepth > 0 {
                if character == "(" { commentDepth += 1; comment.append(character) }
                else if character == ")" {
                    commentDepth -= 1
                    if commentDepth == 0 { comments.append(comment); comment = "" } else { comment.append(character) }
                } else { comment.append(character) }
                continue
            }
            switch character {
            case "\"": inQuotes = true
            case "(": commentDepth = 1
            case "<": inAngle = true; sawAngle = true
            case ">": inAngle = false
            default:
                if inAngle { angle.append(character) } else { phrase.append(character) }
            }
        }
        let collapse = { (text: String) in
            text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        if sawAngle {
            let name = collapse(phrase)
            return MailboxAddress(name: name.isEmpty ? comments.map(collapse).first { !$0.isEmpty } : name,
                                  address: collapse(angle).isEmpty ? nil : collapse(angle))
        }
        // No angle brackets: the phrase is the address itself, and a comment holds the name.
        let address = collapse(phrase)
        return MailboxAddress(name: comments.map(collapse).first { !$0.isEmpty }, address: address.isEmpty ? nil : address)
    }

    /// The name split as a person's: "Family, Given Middle" when written with a comma (as
    /// directories and many mail programs write it), else "Given … Family" as a display name usually is.
    public var personName: (last: String?, first: String?, middle: String?) {
        guard let name, !name.isEmpty else { return (nil, nil, nil) }
        if let comma = name.firstIndex(of: ",") {
            let family = name[..<comma].trimmingCharacters(in: .whitespaces)
            let given = name[name.index(after: comma)...].split(separator: " ").map(String.init)
            return (family.isEmpty ? nil : family, given.first,
                    given.count > 1 ? given.dropFirst().joined(separator: " ") : nil)
        }
        let words = name.split(separator: " ").map(String.init)
        if words.count >= 2 { return (words.last, words.dropLast().joined(separator: " "), nil) }
        return (words.first, nil, nil)
    }
}
