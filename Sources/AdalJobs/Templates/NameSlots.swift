import AdalDomain

/// A reminder's text with the places where the recipient's name goes (see
/// `ReminderTemplates.renderForRecipients`).
public struct NameSlots: Sendable {
    /// Private-use characters around letters that every string transform of Mustache changes
    /// (`lowercased`, `uppercased`, `capitalized`, `reversed`), so a transformed name is noticed.
    static let standIn = "\u{E000}xA\u{E001}"
    static let otherStandIn = "\u{E000}yBb\u{E001}"

    let subject: [String]
    let plain: [String]
    let html: [String]

    init(_ rendered: ReminderTemplates.Rendered) {
        subject = Self.pieces(rendered.subject)
        plain = Self.pieces(rendered.plain)
        html = Self.pieces(rendered.html)
    }

    /// The text for a recipient called `name`; `nil` when the name could change what is around it —
    /// empty, with a space at either end (trimmed from a subject, a blank line), a dash first (a list
    /// item), a control character (a line break) or a stand-in's character — and is rendered on its own.
    public func text(for name: String) -> ReminderTemplates.Rendered? {
        guard Self.insertsAsWritten(name) else { return nil }
        return filled(name, html: Printables.escape(name))
    }

    func filled(_ name: String, html escapedName: String) -> ReminderTemplates.Rendered {
        .init(subject: subject.joined(separator: name), plain: plain.joined(separator: name),
              html: html.joined(separator: escapedName))
    }

    static func insertsAsWritten(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, let last = name.unicodeScalars.last,
              !first.properties.isWhitespace, !last.properties.isWhitespace, first != "-" else { return false }
        return !name.unicodeScalars.contains { scalar in
            scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .privateUse
        }
    }

    /// `text` cut at every stand-in, on the UTF-8 bytes.
    static func pieces(_ text: String) -> [String] {
        let marker = Array(standIn.utf8)
        let bytes = Array(text.utf8)
        var pieces: [String] = []
        var start = 0, index = 0
        while index + marker.count <= bytes.count {
            if bytes[index] == marker[0] && bytes[index..<index + marker.count].elementsEqual(marker) {
                pieces.append(String(decoding: bytes[start..<index], as: UTF8.self))
                index += marker.count
                start = index
            } else {
                index += 1
            }
        }
        pieces.append(String(decoding: bytes[start...], as: UTF8.self))
        return pieces
    }
}
